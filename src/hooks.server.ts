import type { Handle, HandleServerError } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db/client';
import { isSecureOrigin, sessionPolicy } from '$lib/server/config';
import { checkSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, sessionCookieName } from '$lib/server/auth/cookies';
import { recordAudit } from '$lib/server/audit';
import { isBackgroundRefresh } from '$lib/domain/background-refresh';
import { pathForLog } from '$lib/domain/path-for-log';

// Until a one-time password is replaced, only these paths work.
const allowedWhilePasswordMustChange = ['/account/password', '/sign-out', '/api/session', '/healthz'];
// Until the second factor is passed, only its own step works: not even the password page,
// as a password alone must not reach anything else.
const allowedWhileSecondFactorPending = ['/sign-in/second-factor', '/sign-out', '/api/session', '/healthz'];
// A first sign-in with MFA_REQUIRED and no factor: enrolment (after any password change) and nothing else.
const allowedWhileEnrolmentPending = ['/account/two-factor', '/sign-out', '/api/session', '/healthz'];

const within = (path: string, prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

/** Where a session that is not fully signed in must go first, or null when this path is allowed. */
function pendingStepFor(locals: App.Locals, path: string): { page: string; apiError: string } | null {
	if (!locals.user) return null;
	if (locals.signInPending === 'second_factor' && !within(path, allowedWhileSecondFactorPending)) {
		return { page: '/sign-in/second-factor', apiError: 'Finish signing in with your second factor before continuing' };
	}
	if (locals.signInPending === 'second_factor') return null;
	if (locals.user.mustChangePassword && !within(path, allowedWhilePasswordMustChange)) {
		return { page: '/account/password', apiError: 'Change your one-time password before continuing' };
	}
	if (locals.user.mustChangePassword) return null;
	if (locals.signInPending === 'enrolment' && !within(path, allowedWhileEnrolmentPending)) {
		return { page: '/account/two-factor', apiError: 'Set up two-factor sign-in before continuing' };
	}
	return null;
}

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
	event.locals.signInPending = null;
	event.locals.clientAddress = clientAddressOf(event);

	const token = event.cookies.get(sessionCookieName);
	if (token) {
		// Only real use keeps a session alive: a page's automatic refresh does not.
		const check = checkSessionToken(db, token, new Date(), sessionPolicy(), { touch: !isBackgroundRefresh(event.request.headers) });
		if (check.ok) {
			event.locals.user = check.validated.user;
			event.locals.session = check.validated.session;
			event.locals.signInPending = check.validated.pending;
		} else {
			deleteSessionCookie(event.cookies);
			if (check.reason === 'expired') {
				recordAudit(db, { action: 'session.expired', actorUserId: check.userId, ipAddress: event.locals.clientAddress });
			}
		}
	}

	const path = event.url.pathname;
	const step = pendingStepFor(event.locals, path);
	if (step) {
		if (path.startsWith('/api/')) return Response.json({ error: step.apiError }, { status: 403 });
		// Keep where they were going, through the second factor, so they land there afterwards.
		const next = step.page === '/sign-in/second-factor' && event.request.method === 'GET' ? `?next=${encodeURIComponent(path + event.url.search)}` : '';
		return new Response(null, { status: 303, headers: { location: step.page + next } });
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
	console.error(`[app] ${event.request.method} ${pathForLog(event.url.pathname)} failed (error ${errorId}, user ${event.locals.user?.id ?? 'none'})`, error);
	return { message: status >= 500 ? 'Sorry, there is a problem with the service' : message, errorId };
};
