import { json } from '@sveltejs/kit';
import { ApiError, endpoint } from '$lib/server/api';
import { passkeySignInOptions } from '$lib/server/auth/webauthn';
import { pendingSecondFactor } from '$lib/server/second-factor-step';
import type { RequestHandler } from './$types';

/** A passkey challenge for this pending session (kept on the server, single-use, 5 minutes). */
export const POST: RequestHandler = endpoint(async ({ locals }) => {
	const { user, session } = pendingSecondFactor(locals);
	const options = await passkeySignInOptions(locals.db, { sessionId: session.id, userId: user.id }, new Date());
	if (!options) throw new ApiError(409, 'You have no passkey or security key. Use your authenticator app or a recovery code.');
	return json({ options });
});
