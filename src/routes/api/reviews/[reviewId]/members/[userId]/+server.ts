import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { changeMemberRole, removeMember } from '$lib/server/members';
import { actorOf } from '$lib/server/guards';
import type { RequestHandler } from './$types';

const roleChange = z.object({
	role: z.string(),
	agencyId: z.string().nullable().optional()
});

export const PATCH: RequestHandler = endpoint(async ({ request, locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'members.manage');
	const body = await readJson(request, roleChange);
	unwrap(changeMemberRole(locals.db, actorOf(locals), params.reviewId, params.userId, body));
	return new Response(null, { status: 204 });
});

export const DELETE: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'members.manage');
	unwrap(removeMember(locals.db, actorOf(locals), params.reviewId, params.userId));
	return new Response(null, { status: 204 });
});
