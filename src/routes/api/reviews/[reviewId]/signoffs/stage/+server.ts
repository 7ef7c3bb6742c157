import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { getReviewOverview } from '$lib/server/reviews';
import { blockersToFinal, finaliseReport, reopenReport } from '$lib/server/signoff';
import type { RequestHandler } from './$types';

const change = z.discriminatedUnion('stage', [z.object({ stage: z.literal('final') }), z.object({ stage: z.literal('draft'), reason: z.string().max(4_000) })]);

/** The chair marks the report final (409 with what is outstanding) or reopens it with a reason. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'signoff.manage');
	const input = await readJson(request, change);
	const agencyIds = getReviewOverview(locals.db, params.reviewId)!.agencies.map((agency) => agency.id);
	if (input.stage === 'final') {
		const blockers = blockersToFinal(locals.db, params.reviewId, agencyIds);
		if (blockers.length > 0) return json({ error: 'The report cannot be final yet', outstanding: blockers }, { status: 409 });
		unwrap(finaliseReport(locals.db, actorOf(locals), params.reviewId, agencyIds));
	} else {
		unwrap(reopenReport(locals.db, actorOf(locals), params.reviewId, input.reason));
	}
	return new Response(null, { status: 204 });
});
