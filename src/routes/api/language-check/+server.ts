import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiUser, endpoint, readJson } from '$lib/server/api';
import { checkLanguage } from '$lib/domain/language-check';
import type { RequestHandler } from './$types';

// About 80 pages of text; a report is checked section by section.
const body = z.object({ text: z.string().max(400_000) });

/** The blame-free language check (DESIGN.md): any signed-in user; nothing is stored. */
export const POST: RequestHandler = endpoint(async ({ request, locals }) => {
	apiUser(locals);
	const { text } = await readJson(request, body);
	const flags = checkLanguage(text).map(({ start, end, text, category, why, suggestion }) => ({ start, end, text, category, why, suggestion }));
	return json({ flags });
});
