import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { answerAgencyDispute } from '$lib/server/signoff';
import type { RequestHandler } from './$types';

const answer = z.object({ agencyId: z.string().max(80), kind: z.enum(['changed', 'disagreement']), note: z.string().max(4_000) });

/** The chair answers an agency's dispute: the text was changed, or both views go in the appendix. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'signoff.manage');
	const input = await readJson(request, answer);
	unwrap(answerAgencyDispute(locals.db, actorOf(locals), params.reviewId, input.agencyId, input.kind, input.note));
	return new Response(null, { status: 201 });
});
