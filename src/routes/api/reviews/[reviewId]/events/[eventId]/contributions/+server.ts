import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiUser, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { addContribution, contributionAuthors, eventNotFoundMessage, findEventFor } from '$lib/server/events';
import { isDeletedForMember, materialDeletedMessage } from '$lib/server/retention';
import type { RequestHandler } from './$types';

const contribution = z.object({
	text: z.string().max(20_000),
	prompt: z.string().max(40),
	episodeId: z.string().max(80).nullish(),
	unnamed: z.boolean().default(false)
});

/** The event and the caller's part in it. No event, or no part in it: the same answer, so nothing is revealed. */
function eventForCaller(locals: App.Locals, params: { reviewId: string; eventId: string }) {
	const user = apiUser(locals);
	const found = findEventFor(locals.db, params.reviewId, params.eventId, user.id);
	if (!found && isDeletedForMember(locals.db, params.reviewId, user.id)) throw new ApiError(410, materialDeletedMessage);
	if (!found) throw new ApiError(404, eventNotFoundMessage);
	return { user, found };
}

/** Who wrote each contribution: for those who run the event only, as it is never in the shared board. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	const { found } = eventForCaller(locals, params);
	if (found.access !== 'run') throw new ApiError(403, 'Only those who run the event see who wrote each contribution');
	return json({ authors: Object.fromEntries(contributionAuthors(locals.db, found.event.id)) });
});

/** A participant's contribution; the server writes it into the board (an unnamed one without its author). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { user, found } = eventForCaller(locals, params);
	const input = await readJson(request, contribution);
	const { id } = unwrap(addContribution(locals.db, { ...actorOf(locals), name: user.name }, found.event, input));
	return json({ id }, { status: 201 });
});
