import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/server/forms';
import { invalidCredentialsMessage, signIn, throttledMessage } from '$lib/server/auth/sign-in';
import { signInThrottleFor } from '$lib/server/auth/throttle';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { describeTimeouts, isDemoMode, publicOrigin, sessionPolicy } from '$lib/server/config';
import { safeRedirectPath } from '$lib/domain/safe-redirect';
import { demoAccounts, demoPassword } from '$lib/server/demo';
import type { FieldError } from '$lib/domain/validation';

/** Only same-site paths, so the sign-in page cannot be used to send people elsewhere (issue 13). */
function safeNext(next: string | null): string {
	return safeRedirectPath(next, publicOrigin());
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		signedOut: url.searchParams.has('signed-out'),
		timeouts: describeTimeouts(sessionPolicy()),
		demoAccounts: isDemoMode() ? demoAccounts.map(({ email, name, role, isAdmin }) => ({ email, name, role: role ?? null, isAdmin: isAdmin ?? false })) : [],
		demoPassword: isDemoMode() ? demoPassword : null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await request.formData();
		const email = formText(form, 'email');
		const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
		const errors: FieldError[] = [];
		if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
		if (!password) errors.push({ field: 'password', message: 'Enter your password' });
		if (errors.length > 0) return fail(400, { email, errors });

		const result = await signIn(locals.db, signInThrottleFor(locals.db), {
			email,
			password,
			ipAddress: locals.clientAddress ?? 'unknown',
			userAgent: request.headers.get('user-agent')
		});
		if (!result.ok) {
			const message = result.reason === 'throttled' ? throttledMessage(result.retryAfterMs) : result.reason === 'deactivated' ? result.message : invalidCredentialsMessage;
			return fail(result.reason === 'throttled' ? 429 : result.reason === 'deactivated' ? 403 : 400, { email, errors: [{ field: 'email', message }] });
		}
		setSessionCookie(cookies, result.created);
		const next = safeNext(url.searchParams.get('next'));
		// The second factor comes first (a password alone reaches nothing); then a new password; then enrolment.
		if (result.pending === 'second_factor') redirect(303, `/sign-in/second-factor?next=${encodeURIComponent(next)}`);
		if (result.user.mustChangePassword) redirect(303, '/account/password');
		if (result.pending === 'enrolment') redirect(303, '/account/two-factor');
		redirect(303, next);
	}
};
