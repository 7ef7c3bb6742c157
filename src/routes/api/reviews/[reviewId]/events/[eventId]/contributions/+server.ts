import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiUser, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { addContribution, eventNotFoundMessage, findEventFor } from '$lib/server/events';
import { isDeletedForMember, materialDeletedMessage } from '$lib/server/retention';
import type { RequestHandler } from './$types';

const contribution = z.object({
	text: z.string().max(20_000),
	prompt: z.string().max(40),
	episodeId: z.string().max(80).nullish(),
	unnamed: z.boolean().default(false)
});

/** A participant's contribution; the server writes it into the board (an unnamed one without its author). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const user = apiUser(locals);
	// No event, or no part in it: the same answer, so nothing is revealed.
	const found = findEventFor(locals.db, params.reviewId, params.eventId, user.id);
	if (!found && isDeletedForMember(locals.db, params.reviewId, user.id)) throw new ApiError(410, materialDeletedMessage);
	if (!found) throw new ApiError(404, eventNotFoundMessage);
	const input = await readJson(request, contribution);
	const { id } = unwrap(addContribution(locals.db, { ...actorOf(locals), name: user.name }, found.event, input));
	return json({ id }, { status: 201 });
});
