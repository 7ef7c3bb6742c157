import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, endpoint, readJson } from '$lib/server/api';
import { invalidCredentialsMessage, signIn, signOut, throttledMessage } from '$lib/server/auth/sign-in';
import { signInThrottleFor } from '$lib/server/auth/throttle';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { sessionExpiry } from '$lib/server/auth/session';
import { sessionPolicy } from '$lib/server/config';
import { signInAnswer } from '$lib/server/sign-in-answer';
import type { RequestHandler } from './$types';

const credentials = z.object({
	email: z.string().trim().min(1).max(320),
	password: z.string().min(1).max(1024)
});

export const POST: RequestHandler = endpoint(async ({ request, locals, cookies }) => {
	const { email, password } = await readJson(request, credentials);
	const result = await signIn(locals.db, signInThrottleFor(locals.db), {
		email,
		password,
		ipAddress: locals.clientAddress ?? 'unknown',
		userAgent: request.headers.get('user-agent')
	});
	if (!result.ok && result.reason === 'throttled') {
		throw new ApiError(429, throttledMessage(result.retryAfterMs), { 'retry-after': String(Math.ceil(result.retryAfterMs / 1000)) });
	}
	if (!result.ok && result.reason === 'deactivated') throw new ApiError(403, result.message);
	if (!result.ok) throw new ApiError(401, invalidCredentialsMessage);
	setSessionCookie(cookies, result.created);
	return json(signInAnswer(locals.db, result.user, sessionExpiry(result.created.session, sessionPolicy()), result.pending));
});

export const DELETE: RequestHandler = endpoint(({ locals, cookies }) => {
	if (locals.session && locals.user) signOut(locals.db, locals.session.id, locals.user.id, locals.clientAddress);
	deleteSessionCookie(cookies);
	return new Response(null, { status: 204 });
});
