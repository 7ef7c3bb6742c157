import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { changeRegisterEntry, removeRegisterEntry } from '$lib/server/anonymisation';
import { entryFields } from '../schemas';
import type { RequestHandler } from './$types';

const patch = z.object(entryFields).partial();

export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'pseudonyms.manage');
	const input = await readJson(request, patch);
	unwrap(changeRegisterEntry(locals.db, actorOf(locals), params.reviewId, params.entryId, input));
	return new Response(null, { status: 204 });
});

export const DELETE: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'pseudonyms.manage');
	unwrap(removeRegisterEntry(locals.db, actorOf(locals), params.reviewId, params.entryId));
	return new Response(null, { status: 204 });
});
