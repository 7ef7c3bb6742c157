import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { answerInformationRequest, markItemProvided } from '$lib/server/imrs';
import type { RequestHandler } from './$types';

const answer = z.discriminatedUnion('answer', [
	z.object({ answer: z.literal('no_contact'), checkedBy: z.string().max(200), howChecked: z.string().max(4_000) }),
	z.object({ answer: z.literal('contact') }),
	z.object({ answer: z.literal('provided'), item: z.enum(['chronology', 'short_report']) })
]);

/**
 * The agency's representative answers its request: `no_contact` (who checked and how),
 * `contact`, or later `provided` for a chronology or short report that is complete.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'chronology.read');
	const input = await readJson(request, answer);
	apiReviewAccess(locals, params.reviewId, 'requests.answer', { agencyId: params.agencyId });
	const actor = actorOf(locals);
	if (input.answer === 'provided') unwrap(markItemProvided(locals.db, actor, params.reviewId, params.agencyId, input.item));
	else unwrap(answerInformationRequest(locals.db, actor, params.reviewId, params.agencyId, input));
	return new Response(null, { status: 201 });
});
