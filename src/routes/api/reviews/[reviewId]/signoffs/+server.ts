import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { getReviewOverview } from '$lib/server/reviews';
import { recordAgencyDecision } from '$lib/server/signoff';
import { signoffMatrix } from '$lib/server/signoff-record';
import type { RequestHandler } from './$types';

/** The sign-off round and each agency's status against the current text (DESIGN.md). */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	const overview = getReviewOverview(locals.db, params.reviewId)!;
	return json(signoffMatrix(locals.db, params.reviewId, overview.agencies), { headers: { 'cache-control': 'no-store' } });
});

const decision = z.object({
	agencyId: z.string().max(80),
	versionId: z.string().max(80),
	decision: z.enum(['confirm', 'dispute']),
	reason: z.string().max(4_000).optional()
});

/** An agency representative confirms the agency is fully and fairly represented, or disputes it. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'review.read');
	const input = await readJson(request, decision);
	apiReviewAccess(locals, params.reviewId, 'signoff.confirm', { agencyId: input.agencyId });
	const overview = getReviewOverview(locals.db, params.reviewId)!;
	if (!overview.agencies.some((agency) => agency.id === input.agencyId)) throw new ApiError(404, 'That agency is not part of this review');
	unwrap(recordAgencyDecision(locals.db, actorOf(locals), params.reviewId, input));
	return new Response(null, { status: 201 });
});
