/** The one module that reads and writes the session cookie (DESIGN.md: cookie `session`). */
import type { Cookies } from '@sveltejs/kit';
import { isSecureOrigin } from '../config';
import { sessionCookieName } from './cookie-name';

export { sessionCookieName };

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(sessionCookieName, token, {
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
