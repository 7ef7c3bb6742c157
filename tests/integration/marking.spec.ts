/**
 * One protective marking (issue 15): the MARKING setting is what the banner on every page, the
 * chronology's print page and the CSV file name all say, so they never disagree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { MARKING: 'OFFICIAL' } });
});
afterAll(async () => {
	await server.dispose();
});

describe('the protective marking', () => {
	it('the banner, the print page and the CSV file name all carry the MARKING setting', async () => {
		const signInPage = await (await fetch(`${server.origin}/sign-in`)).text();
		expect(signInPage).toMatch(/aria-label="Security classification"[^>]*>\s*OFFICIAL\s*</);
		expect(signInPage).not.toContain('OFFICIAL-SENSITIVE');

		const chair = new ApiClient(server.origin);
		expect((await chair.request('POST', '/api/session', { email: 'chair@demo.test', password: 'demo-password' })).status).toBe(200);
		const reviews = (await (await chair.request('GET', '/api/reviews')).json()) as { id: string }[];
		const reviewId = reviews[0].id;

		const csv = await chair.request('GET', `/api/reviews/${reviewId}/chronology?format=csv`);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-disposition')).toMatch(/-OFFICIAL\.csv"$/);

		const print = await (await chair.request('GET', `/reviews/${reviewId}/chronology/print`)).text();
		expect(print).toContain('OFFICIAL: review material, not for circulation');
		expect(print).not.toContain('RESTRICTED');
	});
});
