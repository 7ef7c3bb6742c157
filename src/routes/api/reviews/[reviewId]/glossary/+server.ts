import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { addGlossaryTerm, removeGlossaryTerm, reviewGlossaryTerms } from '$lib/server/glossary';
import type { RequestHandler } from './$types';

/** The review's own abbreviations (beside the domain list). */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	return json({ terms: reviewGlossaryTerms(locals.db, params.reviewId).map(({ abbreviation, expansion }) => ({ abbreviation, expansion })) }, { headers: { 'cache-control': 'no-store' } });
});

const term = z.object({ abbreviation: z.string().max(40), expansion: z.string().max(400).default(''), remove: z.boolean().optional() });

/** The chair adds an abbreviation (or removes one with `remove: true`). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'export');
	const input = await readJson(request, term);
	if (input.remove) unwrap(removeGlossaryTerm(locals.db, actorOf(locals), params.reviewId, input.abbreviation.trim()));
	else unwrap(addGlossaryTerm(locals.db, actorOf(locals), params.reviewId, input));
	return new Response(null, { status: input.remove ? 204 : 201 });
});
