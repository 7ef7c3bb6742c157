import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { setSeniorManager } from '$lib/server/imrs';
import type { RequestHandler } from './$types';

/** The chair marks an agency representative as (or no longer as) their agency's senior manager. */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'requests.manage');
	const input = await readJson(request, z.object({ senior: z.boolean() }));
	unwrap(setSeniorManager(locals.db, actorOf(locals), params.reviewId, params.userId, input.senior));
	return new Response(null, { status: 204 });
});
