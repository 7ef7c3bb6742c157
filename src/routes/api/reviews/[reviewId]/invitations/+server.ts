import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { inviteToReview, listOpenInvitations } from '$lib/server/account-invitations';
import { actorOf } from '$lib/server/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'members.manage');
	return json(
		listOpenInvitations(locals.db, new Date(), params.reviewId).map(({ id, name, email, role, agencyId, invitedBy, createdAt, expiresAt, status }) => ({ id, name, email, role, agencyId, invitedBy, createdAt, expiresAt, status }))
	);
});

const newInvitation = z.object({
	name: z.string(),
	email: z.string(),
	role: z.string(),
	agencyId: z.string().nullable().optional()
});

/** → 201 {id, link, expiresAt}: the link is given once; only its hash is kept. */
export const POST: RequestHandler = endpoint(async ({ request, locals, params, url }) => {
	apiReviewAccess(locals, params.reviewId, 'members.manage');
	const body = await readJson(request, newInvitation);
	const { id, token, expiresAt } = unwrap(inviteToReview(locals.db, actorOf(locals), params.reviewId, body));
	return json({ id, link: `${url.origin}/join/${token}`, expiresAt }, { status: 201 });
});
