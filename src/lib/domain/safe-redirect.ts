/**
 * Where to send someone after they sign in: only a path on this site (issue 13, open
 * redirect). Browsers drop tabs and newlines inside URLs and read a backslash as a
 * slash (WHATWG URL), so `/%09/evil.example` and `/\evil.example` both become
 * `//evil.example`, another site. Anything with those characters is refused outright,
 * and what is left is resolved against our origin and must stay on it.
 */
export const defaultAfterSignIn = '/tasks';

export function safeRedirectPath(next: string | null | undefined, origin = 'http://localhost', fallback = defaultAfterSignIn): string {
	if (!next || next.length > 2000) return fallback;
	if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
	if (!next.startsWith('/') || next.startsWith('//')) return fallback;
	let resolved: URL;
	let base: URL;
	try {
		base = new URL(origin);
		resolved = new URL(next, base);
	} catch {
		return fallback;
	}
	if (resolved.origin !== base.origin) return fallback;
	return resolved.pathname + resolved.search + resolved.hash;
}
