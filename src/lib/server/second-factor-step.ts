/** Who may take the second sign-in step, and who may change their sign-in methods now. */
import type { Session } from './db/schema';
import type { SessionUser } from './auth/session';
import { redirect, type Cookies } from '@sveltejs/kit';
import { ApiError } from './api';
import { signedInRecently } from './auth/recent-sign-in';
import { confirmationCookie } from './auth/cookies';

export function pendingSecondFactor(locals: App.Locals): { user: SessionUser; session: Session } {
	if (!locals.user || !locals.session) throw new ApiError(401, 'Sign in to continue');
	if (locals.signInPending !== 'second_factor') throw new ApiError(409, 'This session does not need a second factor');
	return { user: locals.user, session: locals.session };
}

/** Whether the caller may change their sign-in methods now (see recent-sign-in.ts). */
export function hasRecentSignIn(locals: App.Locals, cookies: Cookies): boolean {
	return locals.session !== null && signedInRecently(locals.session, confirmationCookie(cookies), new Date());
}

/** For pages and actions that change sign-in methods: off to confirm the password first when the sign-in is not recent. */
export function requireRecentSignIn(locals: App.Locals, cookies: Cookies, next: string): void {
	if (!hasRecentSignIn(locals, cookies)) redirect(303, `/account/two-factor/confirm?next=${encodeURIComponent(next)}`);
}
