import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

const origin = 'https://dhr.example.gov.uk';

describe('safeRedirectPath', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(safeRedirectPath('/reviews/abc/chronology?agency=police#entry-3', origin)).toBe('/reviews/abc/chronology?agency=police#entry-3');
		expect(safeRedirectPath('/account', origin)).toBe('/account');
	});

	it.each([
		['//evil.example/x'],
		['/\\evil.example/x'],
		['\\\\evil.example'],
		['/\t/evil.example/x'],
		['/\n/evil.example/x'],
		['/\r\n/evil.example'],
		['/%09/evil.example/x'.replace('%09', decodeURIComponent('%09'))],
		['https://evil.example/x'],
		['http:evil.example'],
		['javascript:alert(1)'],
		['JaVaScRiPt:alert(1)'],
		['data:text/html,hi'],
		[' /reviews'],
		['evil.example'],
		['']
	])('sends %j to the default page instead', (next) => {
		expect(safeRedirectPath(next, origin)).toBe('/tasks');
	});

	it('refuses what the sign-in page receives for ?next=/%09/evil.example/x', () => {
		const next = new URL(`${origin}/sign-in?next=/%09/evil.example/x`).searchParams.get('next');
		expect(next).toBe('/\t/evil.example/x');
		expect(safeRedirectPath(next, origin)).toBe('/tasks');
	});

	it('keeps encoded characters encoded, so they stay a path', () => {
		expect(safeRedirectPath('/%2F%2Fevil.example', origin)).toBe('/%2F%2Fevil.example');
		expect(new URL(safeRedirectPath('/%2F%2Fevil.example', origin), origin).origin).toBe(origin);
	});

	it('uses the fallback for nothing at all', () => {
		expect(safeRedirectPath(null, origin)).toBe('/tasks');
		expect(safeRedirectPath(undefined, origin, '/account')).toBe('/account');
	});
});
