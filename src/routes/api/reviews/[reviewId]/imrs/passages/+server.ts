import { json } from '@sveltejs/kit';
import { apiReviewAccess, endpoint } from '$lib/server/api';
import { citableImrPassages } from '$lib/server/imrs';
import { recordAudit } from '$lib/server/audit';
import type { RequestHandler } from './$types';

/** The submitted IMRs' passages the report's writers may cite (issue 20). Reading them is audited. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	const { membership, facts, user } = apiReviewAccess(locals, params.reviewId, 'report.write');
	const passages = citableImrPassages(locals.db, params.reviewId, membership, facts);
	recordAudit(locals.db, { action: 'imr.read', actorUserId: user.id, reviewId: params.reviewId, detail: { view: 'passages to cite', agencyIds: [...new Set(passages.map((p) => p.agencyId))] }, ipAddress: locals.clientAddress, at: new Date() });
	return json(passages, { headers: { 'cache-control': 'no-store' } });
});
