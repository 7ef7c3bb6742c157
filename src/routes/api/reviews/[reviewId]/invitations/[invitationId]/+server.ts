import { apiReviewAccess, endpoint, unwrap } from '$lib/server/api';
import { revokeInvitation } from '$lib/server/account-invitations';
import { actorOf } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** Withdraws an invitation: its link stops working at once. */
export const DELETE: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'members.manage');
	unwrap(revokeInvitation(locals.db, actorOf(locals), params.reviewId, params.invitationId));
	return new Response(null, { status: 204 });
});
