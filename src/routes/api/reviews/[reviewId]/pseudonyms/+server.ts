import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { addRegisterEntry, listRegister } from '$lib/server/anonymisation';
import { entryFields } from './schemas';
import type { RequestHandler } from './$types';

const body = z.object({ ...entryFields, aliases: entryFields.aliases.optional(), choice: entryFields.choice.optional(), note: entryFields.note.optional() });

/** The pseudonym register: the chair, panel members and the moderator read it; nobody else. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'pseudonyms.read');
	const entries = listRegister(locals.db, params.reviewId).map(({ id, real, pseudonym, kind, aliases, choice, note, updatedAt }) => ({ id, real, pseudonym, kind, aliases, choice, note, updatedAt }));
	return json({ entries });
});

/** The chair adds an entry: `201 {id}`, or 400 with what is wrong (nothing is stored). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'pseudonyms.manage');
	const input = await readJson(request, body);
	const { id } = unwrap(addRegisterEntry(locals.db, actorOf(locals), params.reviewId, { ...input, aliases: input.aliases ?? [], choice: input.choice ?? null, note: input.note ?? '' }));
	return json({ id }, { status: 201 });
});
