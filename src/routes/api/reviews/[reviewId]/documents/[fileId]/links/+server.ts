import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { linkDocument } from '$lib/server/review-documents';
import { entryAgency } from '$lib/server/chronology-entries';
import { documentLinkKinds } from '$lib/domain/review-documents';
import type { RequestHandler } from './$types';

const link = z.object({ kind: z.enum(documentLinkKinds), targetId: z.string().min(1).max(80) });

/**
 * Links the document from a chronology entry (an agency's representative only from their own
 * agency's entries). IMRs and minutes check their own targets when they link (issue 20).
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { membership } = apiReviewAccess(locals, params.reviewId, 'documents.upload');
	const input = await readJson(request, link);
	let exists = false;
	if (input.kind === 'chronology_entry') {
		const agencyId = entryAgency(locals.db, params.reviewId, input.targetId);
		exists = agencyId !== null && (membership.role !== 'agency_rep' || membership.agencyId === agencyId);
	}
	const { id } = unwrap(linkDocument(locals.db, actorOf(locals), params.reviewId, { fileId: params.fileId, ...input }, exists));
	return json({ id }, { status: 201 });
});
