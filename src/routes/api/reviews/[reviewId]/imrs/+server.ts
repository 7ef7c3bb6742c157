import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/api';
import { apiImrListAccess } from '$lib/server/imr-guards';
import { listImrs } from '$lib/server/imrs';
import type { RequestHandler } from './$types';

/** Each agency's IMR status, due date and author (DESIGN.md). Never the family advocate's or a guest's. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiImrListAccess(locals, params.reviewId);
	return json(listImrs(locals.db, params.reviewId), { headers: { 'cache-control': 'no-store' } });
});
