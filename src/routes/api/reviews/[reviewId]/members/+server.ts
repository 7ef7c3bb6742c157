import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { addMember } from '$lib/server/members';
import { actorOf } from '$lib/server/guards';
import type { RequestHandler } from './$types';

const newMember = z.object({
	email: z.string(),
	role: z.string(),
	agencyId: z.string().nullable().optional()
});

export const POST: RequestHandler = endpoint(async ({ request, locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'members.manage');
	const body = await readJson(request, newMember);
	const { userId } = unwrap(addMember(locals.db, actorOf(locals), params.reviewId, body));
	return json({ userId }, { status: 201 });
});
