/** The one module that reads and writes the session cookie (DESIGN.md: cookie `session`). */
import type { Cookies } from '@sveltejs/kit';
import { isSecureOrigin, sessionPolicy } from '../config';
import type { CreatedSession } from './session';
import { sessionCookieName } from './cookie-name';
import { confirmationCookieName, recentSignInWindowMs } from './recent-sign-in';

export { sessionCookieName };

/** The cookie lives as long as the session may (its absolute timeout); idleness is checked on the server. */
export function setSessionCookie(cookies: Cookies, created: CreatedSession): void {
	const absolute = created.session.createdAt.getTime() + sessionPolicy().absoluteTimeoutMs;
	const expiresAt = new Date(Math.min(absolute, created.session.expiresAt?.getTime() ?? Infinity));
	cookies.set(sessionCookieName, created.token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: isSecureOrigin(),
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(sessionCookieName, { httpOnly: true, sameSite: 'lax', path: '/', secure: isSecureOrigin() });
}

/** Remembers, for 15 minutes and this session only, that the password was just confirmed again. */
export function setConfirmationCookie(cookies: Cookies, proof: string): void {
	cookies.set(confirmationCookieName, proof, { httpOnly: true, sameSite: 'strict', path: '/', secure: isSecureOrigin(), maxAge: recentSignInWindowMs / 1000 });
}

export function confirmationCookie(cookies: Cookies): string | undefined {
	return cookies.get(confirmationCookieName);
}
