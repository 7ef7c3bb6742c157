/**
 * Strict-Transport-Security (issue 13): sent when the public origin is https, so a
 * browser never falls back to plain http; not sent for a plain-http origin, where it
 * would be ignored and misleading. Requests still reach the test server over
 * http://127.0.0.1, as they would behind a TLS-terminating proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

let secure: RunningServer;
let plain: RunningServer;
const publicOrigin = 'https://dhr.example.test';

beforeAll(async () => {
	[secure, plain] = await Promise.all([startServer({ env: { ORIGIN: publicOrigin } }), startServer()]);
});
afterAll(async () => {
	await Promise.all([secure.dispose(), plain.dispose()]);
});

describe('HSTS', () => {
	it('every response carries Strict-Transport-Security when ORIGIN is https', async () => {
		const signInPage = await fetch(`${secure.origin}/sign-in`);
		expect(signInPage.status).toBe(200);
		expect(signInPage.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
		const api = new ApiClient(secure.origin);
		const signedIn = await api.request('POST', '/api/session', { email: 'chair@demo.test', password: 'demo-password' }, { origin: publicOrigin });
		expect(signedIn.status).toBe(200);
		expect(signedIn.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
		const refused = await fetch(`${secure.origin}/api/reviews`);
		expect(refused.status).toBe(401);
		expect(refused.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
	});

	it('is not sent when ORIGIN is plain http', async () => {
		const signInPage = await fetch(`${plain.origin}/sign-in`);
		expect(signInPage.status).toBe(200);
		expect(signInPage.headers.get('strict-transport-security')).toBeNull();
	});
});
