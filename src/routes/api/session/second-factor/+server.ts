import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { ApiError, endpoint, readJson } from '$lib/server/api';
import { checkSecondFactor, completeSecondFactor } from '$lib/server/auth/second-factor';
import { signInThrottleFor } from '$lib/server/auth/throttle';
import { throttledMessage } from '$lib/server/auth/sign-in';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { sessionExpiry } from '$lib/server/auth/session';
import { sessionPolicy } from '$lib/server/config';
import { signInAnswer } from '$lib/server/sign-in-answer';
import { pendingSecondFactor } from '$lib/server/second-factor-step';
import { authenticationResponseSchema } from '$lib/server/auth/webauthn-json';
import type { RequestHandler } from './$types';

const attempt = z.discriminatedUnion('method', [
	z.object({ method: z.literal('totp'), code: z.string().max(20) }),
	z.object({ method: z.literal('recovery'), code: z.string().max(40) }),
	z.object({ method: z.literal('webauthn'), response: authenticationResponseSchema })
]);

/** Completes a sign-in that `POST /api/session` answered with `needs: "second_factor"`. */
export const POST: RequestHandler = endpoint(async ({ request, locals, cookies }) => {
	const { user, session } = pendingSecondFactor(locals);
	const body = await readJson(request, attempt);
	const result = await checkSecondFactor(
		locals.db,
		signInThrottleFor(locals.db),
		{
			userId: user.id,
			sessionId: session.id,
			attempt: body.method === 'webauthn' ? { method: 'webauthn', response: body.response as AuthenticationResponseJSON } : body,
			ipAddress: locals.clientAddress
		},
		new Date()
	);
	if (!result.ok && result.reason === 'throttled') {
		throw new ApiError(429, throttledMessage(result.retryAfterMs), { 'retry-after': String(Math.ceil(result.retryAfterMs / 1000)) });
	}
	if (!result.ok) throw new ApiError(401, result.message);
	const created = completeSecondFactor(locals.db, session, new Date());
	setSessionCookie(cookies, created);
	return json({
		...signInAnswer(locals.db, user, sessionExpiry(created.session, sessionPolicy()), null),
		...(result.remainingRecoveryCodes !== null ? { remainingRecoveryCodes: result.remainingRecoveryCodes } : {})
	});
});
