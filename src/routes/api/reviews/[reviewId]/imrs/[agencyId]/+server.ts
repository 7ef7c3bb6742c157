import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/api';
import { apiImrAccess } from '$lib/server/imr-guards';
import { getImr } from '$lib/server/imrs';
import type { RequestHandler } from './$types';

/** One IMR's state, its author's declaration, its sign-off and the panel's questions; 404 to those who may not see it. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	const { access } = apiImrAccess(locals, params.reviewId, params.agencyId);
	return json({ ...getImr(locals.db, params.reviewId, params.agencyId)!, access }, { headers: { 'cache-control': 'no-store' } });
});
