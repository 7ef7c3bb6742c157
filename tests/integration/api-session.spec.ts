import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.dispose();
});

function auditActions(): string[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return (db.prepare('select action from audit_event order by id').all() as { action: string }[]).map((row) => row.action);
	} finally {
		db.close();
	}
}

describe('POST /api/session', () => {
	it('signs in and sets an HttpOnly, SameSite=Lax session cookie on the whole site', async () => {
		const client = new ApiClient(server.origin);
		const response = await client.signIn('chair@demo.test');
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.user).toMatchObject({ email: 'chair@demo.test', name: 'Helen Marsh' });
		const cookie = response.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^session=[a-z2-7]+\.[a-z2-7]{52};/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		// Plain http origin: a Secure cookie would never be sent back.
		expect(cookie).not.toMatch(/Secure/i);
		expect((await client.request('GET', '/api/reviews')).status).toBe(200);
	});

	it('answers a wrong password and an unknown account alike, with 401', async () => {
		const client = new ApiClient(server.origin);
		const wrong = await client.signIn('panel@demo.test', 'not the password');
		const unknown = await client.signIn('nobody@demo.test', 'not the password');
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(await wrong.json()).toEqual(await unknown.json());
		expect(auditActions()).toContain('sign_in.failed');
	});

	it('refuses with 429 after repeated failures for one account, and audits it', async () => {
		const client = new ApiClient(server.origin);
		for (let attempt = 0; attempt < 5; attempt++) {
			expect((await client.signIn('moderator@demo.test', `guess ${attempt}`)).status).toBe(401);
		}
		const refused = await client.signIn('moderator@demo.test');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await refused.json()).error).toMatch(/Too many failed attempts/);
		expect(auditActions()).toContain('sign_in.throttled');
	});

	it('rejects malformed and incomplete bodies with a clear 400', async () => {
		const client = new ApiClient(server.origin);
		const broken = await client.request('POST', '/api/session', '{"email": ');
		expect(broken.status).toBe(400);
		expect(await broken.json()).toEqual({ error: 'The request body is not valid JSON' });
		const missing = await client.request('POST', '/api/session', { email: 'chair@demo.test' });
		expect(missing.status).toBe(400);
		expect((await missing.json()).error).toMatch(/password/);
	});
});

describe('DELETE /api/session', () => {
	it('signs out: 204, and the old cookie no longer works', async () => {
		const client = new ApiClient(server.origin);
		await client.signIn('panel@demo.test');
		const stolen = client.sessionCookie;
		expect((await client.request('DELETE', '/api/session')).status).toBe(204);
		const replay = new ApiClient(server.origin);
		replay.sessionCookie = stolen;
		const response = await replay.request('GET', '/api/reviews');
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ error: 'Sign in to continue' });
		expect(auditActions()).toContain('sign_out');
	});
});

describe('expired sessions', () => {
	it('a session idle past the timeout gets 401 and is audited', async () => {
		const quick = await startServer({ env: { SESSION_IDLE_MINUTES: '0.02' } });
		try {
			const client = new ApiClient(quick.origin);
			await client.signIn('chair@demo.test');
			expect((await client.request('GET', '/api/reviews')).status).toBe(200);
			await new Promise((r) => setTimeout(r, 1_500));
			expect((await client.request('GET', '/api/reviews')).status).toBe(401);
			const db = new Database(quick.databasePath, { readonly: true });
			const expired = db.prepare("select count(*) as n from audit_event where action = 'session.expired'").get() as { n: number };
			db.close();
			expect(expired.n).toBe(1);
		} finally {
			await quick.dispose();
		}
	});
});
