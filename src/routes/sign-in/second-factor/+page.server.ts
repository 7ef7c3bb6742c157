import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formText } from '$lib/server/forms';
import { availableMethods, checkSecondFactor, completeSecondFactor, type SecondFactorAttempt } from '$lib/server/auth/second-factor';
import { signInThrottleFor } from '$lib/server/auth/throttle';
import { throttledMessage } from '$lib/server/auth/sign-in';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { parseAuthenticationResponse } from '$lib/server/auth/webauthn-json';
import { publicOrigin } from '$lib/server/config';
import { safeRedirectPath } from '$lib/domain/safe-redirect';

const nextOf = (value: string | null) => safeRedirectPath(value, publicOrigin());

export const load: PageServerLoad = ({ locals, url }) => {
	const next = nextOf(url.searchParams.get('next'));
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	// Nothing to do here: on to where they were going.
	if (locals.signInPending !== 'second_factor') redirect(303, next);
	return { next, methods: availableMethods(locals.db, locals.user.id) };
};

/** Checks one attempt and, when it passes, swaps the session for a fully signed-in one. */
async function attempt(event: RequestEvent, read: (form: FormData) => SecondFactorAttempt | { field: string; message: string }) {
	const { locals, cookies, request } = event;
	const form = await request.formData();
	const next = nextOf(formText(form, 'next'));
	if (!locals.user || !locals.session) redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	if (locals.signInPending !== 'second_factor') redirect(303, next);
	const input = read(form);
	if ('field' in input) return fail(400, { errors: [input] });
	const result = await checkSecondFactor(locals.db, signInThrottleFor(locals.db), { userId: locals.user.id, sessionId: locals.session.id, attempt: input, ipAddress: locals.clientAddress }, new Date());
	if (!result.ok) {
		const field = result.reason === 'throttled' ? (input.method === 'recovery' ? 'recoveryCode' : input.method === 'webauthn' ? 'passkey' : 'code') : result.field;
		const message = result.reason === 'throttled' ? throttledMessage(result.retryAfterMs) : result.message;
		return fail(result.reason === 'throttled' ? 429 : 400, { errors: [{ field, message }] });
	}
	setSessionCookie(cookies, completeSecondFactor(locals.db, locals.session, new Date()));
	if (locals.user.mustChangePassword) redirect(303, '/account/password');
	redirect(303, next);
}

export const actions: Actions = {
	code: (event) => attempt(event, (form) => ({ method: 'totp', code: formText(form, 'code') })),
	recovery: (event) => attempt(event, (form) => ({ method: 'recovery', code: formText(form, 'recoveryCode') })),
	passkey: (event) =>
		attempt(event, (form) => {
			const response = parseAuthenticationResponse(formText(form, 'response'));
			return response ? { method: 'webauthn', response } : { field: 'passkey', message: 'Your passkey could not be checked. Try again, or use another way to sign in.' };
		})
};
