import { json } from '@sveltejs/kit';
import { ApiError, endpoint } from '$lib/server/api';
import { passkeyRegistrationOptions } from '$lib/server/auth/webauthn';
import { hasRecentSignIn } from '$lib/server/second-factor-step';
import type { RequestHandler } from './$types';

/** A registration challenge for this session (kept on the server, single-use, 5 minutes). */
export const POST: RequestHandler = endpoint(async ({ locals, cookies }) => {
	if (!locals.user || !locals.session) throw new ApiError(401, 'Sign in to continue');
	if (!hasRecentSignIn(locals, cookies)) throw new ApiError(403, 'Confirm your password before adding a passkey');
	const options = await passkeyRegistrationOptions(locals.db, { sessionId: locals.session.id, user: locals.user }, new Date());
	return json({ options });
});
