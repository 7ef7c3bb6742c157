import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { confirmPassword, throttledMessage } from '$lib/server/auth/sign-in';
import { signInThrottleFor } from '$lib/server/auth/throttle';
import { confirmationProof } from '$lib/server/auth/recent-sign-in';
import { setConfirmationCookie } from '$lib/server/auth/cookies';
import { publicOrigin } from '$lib/server/config';
import { safeRedirectPath } from '$lib/domain/safe-redirect';

const nextOf = (value: string | null) => safeRedirectPath(value, publicOrigin(), '/account');

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	return { next: nextOf(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ locals, url, request, cookies }) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const next = nextOf(typeof form.get('next') === 'string' ? (form.get('next') as string) : null);
		const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
		if (!password) return fail(400, { errors: [{ field: 'password', message: 'Enter your password' }] });
		const result = await confirmPassword(locals.db, signInThrottleFor(locals.db), { userId: user.id, password, ipAddress: locals.clientAddress ?? 'unknown' });
		if (!result.ok) {
			const message = result.reason === 'throttled' ? throttledMessage(result.retryAfterMs) : 'Your password is not right';
			return fail(result.reason === 'throttled' ? 429 : 400, { errors: [{ field: 'password', message }] });
		}
		setConfirmationCookie(cookies, confirmationProof(locals.session!.id, new Date()));
		redirect(303, next);
	}
};
