import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { apiImrAccess } from '$lib/server/imr-guards';
import { addImrComment } from '$lib/server/imrs';
import { can } from '$lib/domain/permissions';
import type { RequestHandler } from './$types';

/** A question from the panel on a submitted IMR, or the agency's answer to one. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { membership } = apiImrAccess(locals, params.reviewId, params.agencyId);
	const input = await readJson(request, z.object({ body: z.string().max(4_000) }));
	if (!can(membership, 'imr.review') && !can(membership, 'requests.answer', { agencyId: params.agencyId })) throw new ApiError(403, 'Only the panel and the agency can comment on its IMR');
	return json(unwrap(addImrComment(locals.db, actorOf(locals), params.reviewId, params.agencyId, input.body)), { status: 201 });
});
