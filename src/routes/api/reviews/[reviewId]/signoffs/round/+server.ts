import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { openSignoffRound } from '$lib/server/signoff';
import type { RequestHandler } from './$types';

/** The chair opens the sign-off round on a named version, or moves it to a newer one. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'signoff.manage');
	const { versionId } = await readJson(request, z.object({ versionId: z.string().max(80) }));
	unwrap(openSignoffRound(locals.db, actorOf(locals), params.reviewId, versionId));
	return new Response(null, { status: 201 });
});
