import type { Handle, HandleServerError } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db/client';
import { isSecureOrigin, sessionPolicy } from '$lib/server/config';
import { checkSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, sessionCookieName } from '$lib/server/auth/cookies';
import { recordAudit } from '$lib/server/audit';

// Until a one-time password is replaced, only these paths work.
const allowedWhilePasswordMustChange = ['/account/password', '/sign-out', '/api/session', '/healthz'];

function clientAddressOf(event: Parameters<Handle>[0]['event']): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

export const handle: Handle = async ({ event, resolve }) => {
	const db = getDatabase();
	event.locals.db = db;
	event.locals.user = null;
	event.locals.session = null;
	event.locals.clientAddress = clientAddressOf(event);

	const token = event.cookies.get(sessionCookieName);
	if (token) {
		const check = checkSessionToken(db, token, new Date(), sessionPolicy());
		if (check.ok) {
			event.locals.user = check.validated.user;
			event.locals.session = check.validated.session;
		} else {
			deleteSessionCookie(event.cookies);
			if (check.reason === 'expired') {
				recordAudit(db, { action: 'session.expired', actorUserId: check.userId, ipAddress: event.locals.clientAddress });
			}
		}
	}

	const path = event.url.pathname;
	if (event.locals.user?.mustChangePassword && !allowedWhilePasswordMustChange.some((p) => path === p || path.startsWith(`${p}/`))) {
		if (path.startsWith('/api/')) {
			return Response.json({ error: 'Change your one-time password before continuing' }, { status: 403 });
		}
		return new Response(null, { status: 303, headers: { location: '/account/password' } });
	}

	const response = await resolve(event);
	// Review content is restricted: no caching anywhere, no leaking through referrers or framing.
	response.headers.set('cache-control', 'no-store');
	response.headers.set('x-content-type-options', 'nosniff');
	// same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts, failing the CSRF check.
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	// Served over https: browsers must never fall back to plain http (OWASP ASVS 5.0, V3.4.1).
	if (isSecureOrigin()) response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: 'Page not found' };
	const errorId = crypto.randomUUID();
	console.error(`[app] ${event.request.method} ${event.url.pathname} failed (error ${errorId}, user ${event.locals.user?.id ?? 'none'})`, error);
	return { message: status >= 500 ? 'Sorry, there is a problem with the service' : message, errorId };
};
