import { json } from '@sveltejs/kit';
import { apiAdmin, endpoint } from '$lib/server/api';
import { listAccounts } from '$lib/server/accounts';
import { listOpenInvitations } from '$lib/server/account-invitations';
import type { RequestHandler } from './$types';

/** Every account with its status, and the chairs' invitations not yet accepted. */
export const GET: RequestHandler = endpoint(({ locals }) => {
	apiAdmin(locals);
	return json({
		accounts: listAccounts(locals.db).map(({ id, email, name, isAdmin, status, guest, deactivatedAt, createdAt }) => ({ id, email, name, isAdmin, guest, status, deactivatedAt, createdAt })),
		invitations: listOpenInvitations(locals.db, new Date()).map(({ id, name, email, reviewId, reviewTitle, role, agencyId, invitedBy, createdAt, expiresAt, status }) => ({
			id,
			name,
			email,
			reviewId,
			reviewTitle,
			role,
			agencyId,
			invitedBy,
			createdAt,
			expiresAt,
			status
		}))
	});
});
