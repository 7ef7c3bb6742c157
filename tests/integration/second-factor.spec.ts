/**
 * Two-factor sign-in against the real server (issue 13): the pending session reaches
 * nothing, each factor completes it once, and every bad input is refused and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { rawSocket } from '../helpers/collab-client';
import { SoftAuthenticator } from '../helpers/soft-authenticator';
import { eventStartFields } from '../helpers/uk-time';
import { totpCodeAt, totpStep } from '../../src/lib/server/auth/totp';

let server: RunningServer;
let reviewId: string;

beforeAll(async () => {
	// Demo mode, where MFA_REQUIRED is off unless set: these users add a factor voluntarily.
	server = await startServer();
	const chair = new ApiClient(server.origin);
	await chair.signIn('chair@demo.test');
	reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
});
afterAll(async () => {
	await server.dispose();
});

function audit(databasePath: string, action: string): { detail: Record<string, unknown> | null }[] {
	const db = new Database(databasePath, { readonly: true });
	try {
		return (db.prepare('select detail from audit_event where action = ? order by id').all(action) as { detail: string | null }[]).map((row) => ({ detail: row.detail ? JSON.parse(row.detail) : null }));
	} finally {
		db.close();
	}
}

/** Signs in (fully) and adds an authenticator app through its page, as a person would. */
async function enrolApp(origin: string, email: string): Promise<{ client: ApiClient; secret: Uint8Array; recoveryCodes: string[] }> {
	const client = new ApiClient(origin);
	await client.signIn(email);
	const page = await (await client.request('GET', '/account/two-factor/authenticator-app')).text();
	const secretText = /data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</.exec(page)![1];
	const credentialId = /name="credentialId" value="([^"]+)"/.exec(page)![1];
	const secret = decodeBase32IgnorePadding(secretText.replace(/ /g, ''));
	const result = await client.submit('/account/two-factor/authenticator-app', '', { credentialId, name: 'Phone', code: totpCodeAt(secret, totpStep(new Date())) });
	expect(result).toMatchObject({ type: 'success', data: { added: true } });
	return { client, secret, recoveryCodes: result.data!.recoveryCodes as string[] };
}

/** A code the server has not seen yet: the next step's, which clock drift allows. */
const nextCode = (secret: Uint8Array) => totpCodeAt(secret, totpStep(new Date()) + 1);

async function closeCode(cookie: string, docName: string): Promise<number> {
	const { closed } = await rawSocket(server, docName, cookie);
	return (await closed).code;
}

describe('signing in with an authenticator app', () => {
	let secret: Uint8Array;
	let recoveryCodes: string[];

	beforeAll(async () => {
		({ secret, recoveryCodes } = await enrolApp(server.origin, 'panel@demo.test'));
	});

	it('in demo mode an account without a factor still signs in in one step', async () => {
		const client = new ApiClient(server.origin);
		const body = await (await client.signIn('health@demo.test')).json();
		expect(body).toMatchObject({ complete: true });
		expect((await client.request('GET', '/api/reviews')).status).toBe(200);
	});

	it('the password answers that a second factor is needed, and the pending session reaches nothing', async () => {
		const client = new ApiClient(server.origin);
		const answer = await client.signIn('panel@demo.test');
		expect(answer.status).toBe(200);
		expect(await answer.json()).toMatchObject({ complete: false, needs: 'second_factor', methods: ['totp', 'recovery'] });

		const api = await client.request('GET', '/api/reviews');
		expect(api.status).toBe(403);
		expect(await api.json()).toEqual({ error: 'Finish signing in with your second factor before continuing' });
		expect((await client.request('GET', `/api/reviews/${reviewId}`)).status).toBe(403);
		const page = await client.request('GET', `/reviews/${reviewId}`);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/sign-in/second-factor?next=${encodeURIComponent(`/reviews/${reviewId}`)}`);
		// Not even the enrolment pages: a password alone must not add a factor.
		expect((await client.request('GET', '/account/two-factor/authenticator-app')).status).toBe(303);
		expect(await closeCode(client.cookieHeader(), `review/${reviewId}/report`)).toBe(4401);
	});

	it('a code completes it with a new session token; the same code is refused the next time', async () => {
		const client = new ApiClient(server.origin);
		await client.signIn('panel@demo.test');
		const pendingCookie = client.cookieHeader();
		const code = nextCode(secret);
		const passed = await client.request('POST', '/api/session/second-factor', { method: 'totp', code });
		expect(passed.status).toBe(200);
		expect(await passed.json()).toMatchObject({ complete: true, user: { email: 'panel@demo.test' } });
		expect(client.cookieHeader()).not.toBe(pendingCookie);
		expect((await client.request('GET', '/api/reviews')).status).toBe(200);
		// The pending token was replaced, not promoted.
		const old = new ApiClient(server.origin);
		old.sessionCookie = pendingCookie;
		expect((await old.request('GET', '/api/reviews')).status).toBe(401);

		const replay = new ApiClient(server.origin);
		await replay.signIn('panel@demo.test');
		const refused = await replay.request('POST', '/api/session/second-factor', { method: 'totp', code });
		expect(refused.status).toBe(401);
		expect(await refused.json()).toEqual({ error: 'That code has already been used. Wait for your authenticator app to show a new code.' });
		expect((await replay.request('GET', '/api/reviews')).status).toBe(403);
		expect(audit(server.databasePath, 'second_factor.failed').map((row) => row.detail?.failure)).toContain('reused');
	});

	it('a wrong or expired code is refused with its own message', async () => {
		const client = new ApiClient(server.origin);
		await client.signIn('panel@demo.test');
		const expired = totpCodeAt(secret, totpStep(new Date()) - 5);
		const answer = await client.request('POST', '/api/session/second-factor', { method: 'totp', code: expired });
		expect(answer.status).toBe(401);
		expect(await answer.json()).toEqual({ error: 'That code has expired. Enter the code your authenticator app shows now.' });
		const malformed = await client.request('POST', '/api/session/second-factor', { method: 'totp', code: '12ab' });
		expect(malformed.status).toBe(401);
		expect((await malformed.json()).error).toBe('Enter the 6-digit code from your authenticator app');
	});

	it('a recovery code works once; the second use is refused and audited', async () => {
		const first = new ApiClient(server.origin);
		await first.signIn('panel@demo.test');
		const used = await first.request('POST', '/api/session/second-factor', { method: 'recovery', code: recoveryCodes[0] });
		expect(used.status).toBe(200);
		expect(await used.json()).toMatchObject({ complete: true, remainingRecoveryCodes: 9 });

		const second = new ApiClient(server.origin);
		await second.signIn('panel@demo.test');
		const again = await second.request('POST', '/api/session/second-factor', { method: 'recovery', code: recoveryCodes[0] });
		expect(again.status).toBe(401);
		expect(await again.json()).toEqual({ error: 'That recovery code has already been used. Each code works once.' });
		expect(audit(server.databasePath, 'recovery_code.used')).toHaveLength(1);
		expect(audit(server.databasePath, 'second_factor.failed').map((row) => row.detail?.failure)).toContain('used');
	});

	it('keeps where the person was going through the second step, and only on this site', async () => {
		const { secret, recoveryCodes: adminCodes } = await enrolApp(server.origin, 'admin@demo.test');
		const going = `/reviews/${reviewId}`;
		const client = new ApiClient(server.origin);
		const signedIn = await client.submit(`/sign-in?next=${encodeURIComponent(going)}`, '', { email: 'admin@demo.test', password: 'demo-password' });
		expect(signedIn.location).toBe(`/sign-in/second-factor?next=${encodeURIComponent(going)}`);
		expect(await client.submit('/sign-in/second-factor', 'code', { next: going, code: nextCode(secret) })).toMatchObject({ type: 'redirect', location: going });

		const tricked = new ApiClient(server.origin);
		await tricked.signIn('admin@demo.test');
		expect(await tricked.submit('/sign-in/second-factor', 'recovery', { next: '/\t/evil.example/x', recoveryCode: adminCodes[0] })).toMatchObject({ type: 'redirect', location: '/tasks' });
	});
});

describe('adding a first factor', () => {
	it('ends the account’s other sessions, which were opened with a password alone, and closes their documents at once', async () => {
		const elsewhere = new ApiClient(server.origin);
		await elsewhere.signIn('police@demo.test');
		const { closed } = await rawSocket(server, `review/${reviewId}/report`, elsewhere.cookieHeader());

		await enrolApp(server.origin, 'police@demo.test');

		const result = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
		expect(result?.code).toBe(4401);
		expect((await elsewhere.request('GET', '/api/reviews')).status).toBe(401);
	});
});

describe('changing sign-in methods', () => {
	it('after 15 minutes needs the password again, which is throttled and audited like signing in', async () => {
		const { client } = await enrolApp(server.origin, 'health@demo.test');
		// Age this session's sign-in by 20 minutes, as if the page had been left open.
		const sessionId = /session=([a-z2-7]+)\./.exec(client.cookieHeader())![1];
		const db = new Database(server.databasePath);
		db.prepare('update session set created_at = created_at - 1200000, second_factor_at = second_factor_at - 1200000 where id = ?').run(sessionId);
		db.close();

		const codes = await client.submit('/account', 'regenerateCodes', {});
		expect(codes).toMatchObject({ type: 'redirect', location: '/account/two-factor/confirm?next=%2Faccount' });
		expect((await client.request('GET', '/account/two-factor/authenticator-app')).headers.get('location')).toMatch(/^\/account\/two-factor\/confirm/);
		const options = await client.request('POST', '/account/two-factor/passkey/options', {});
		expect(options.status).toBe(403);

		const wrong = await client.submit('/account/two-factor/confirm', '', { next: '/account', password: 'not my password' });
		expect(wrong).toMatchObject({ type: 'failure', status: 400 });
		expect(audit(server.databasePath, 'password.confirmation_failed')).toHaveLength(1);
		const right = await client.submit('/account/two-factor/confirm', '', { next: '/account', password: 'demo-password' });
		expect(right).toMatchObject({ type: 'redirect', location: '/account' });
		// Confirmed (a second, session-bound cookie): new codes can be made now, and it is audited.
		expect(client.cookieHeader()).toMatch(/confirmed=/);
		const made = await client.submit('/account', 'regenerateCodes', {});
		expect(made).toMatchObject({ type: 'success' });
		expect(made.data!.recoveryCodes).toHaveLength(10);
		expect(audit(server.databasePath, 'password.confirmed')).toHaveLength(1);
	});
});

describe('second-factor failures', () => {
	it('are throttled per account after five, even with the right code, and audited', async () => {
		const { secret } = await enrolApp(server.origin, 'advocate@demo.test');
		const client = new ApiClient(server.origin);
		await client.signIn('advocate@demo.test');
		const right = nextCode(secret);
		const wrong = right === '000000' ? '000001' : '000000';
		for (let i = 0; i < 5; i++) expect((await client.request('POST', '/api/session/second-factor', { method: 'totp', code: wrong })).status).toBe(401);
		const throttled = await client.request('POST', '/api/session/second-factor', { method: 'totp', code: right });
		expect(throttled.status).toBe(429);
		expect((await throttled.json()).error).toMatch(/Too many failed attempts/);
		expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(audit(server.databasePath, 'second_factor.throttled').length).toBeGreaterThan(0);
	});
});

describe('passkeys', () => {
	let authenticator: SoftAuthenticator;

	beforeAll(async () => {
		authenticator = new SoftAuthenticator(server.origin);
		const client = new ApiClient(server.origin);
		await client.signIn('moderator@demo.test');
		const { options } = await (await client.request('POST', '/account/two-factor/passkey/options', {})).json();
		expect(options.rp.id).toBe('127.0.0.1');
		const result = await client.submit('/account/two-factor/passkey', '', { name: 'Laptop', response: JSON.stringify(authenticator.register(options)) });
		expect(result).toMatchObject({ type: 'success', data: { added: true } });
	});

	async function pending(): Promise<ApiClient> {
		const client = new ApiClient(server.origin);
		const answer = await (await client.signIn('moderator@demo.test')).json();
		expect(answer).toMatchObject({ needs: 'second_factor', methods: ['webauthn', 'recovery'] });
		return client;
	}

	it('a passkey completes the sign-in, once', async () => {
		const client = await pending();
		const { options } = await (await client.request('POST', '/api/session/second-factor/options', {})).json();
		const response = authenticator.authenticate(options);
		const passed = await client.request('POST', '/api/session/second-factor', { method: 'webauthn', response });
		expect(passed.status).toBe(200);
		expect((await client.request('GET', '/api/reviews')).status).toBe(200);

		// The same response again, on a new pending session: its challenge is spent.
		const replayer = await pending();
		const replay = await replayer.request('POST', '/api/session/second-factor', { method: 'webauthn', response });
		expect(replay.status).toBe(401);
		expect(await replay.json()).toEqual({ error: 'This passkey request has expired or has already been used. Try again.' });
	});

	it('a challenge issued to another session is refused, and left for its own session', async () => {
		const victim = await pending();
		const attacker = await pending();
		const { options } = await (await victim.request('POST', '/api/session/second-factor/options', {})).json();
		const response = authenticator.authenticate(options);
		const stolen = await attacker.request('POST', '/api/session/second-factor', { method: 'webauthn', response });
		expect(stolen.status).toBe(401);
		expect(await stolen.json()).toEqual({ error: 'This passkey request was made for another sign-in. Try again from this page.' });
		expect((await attacker.request('GET', '/api/reviews')).status).toBe(403);
		expect(audit(server.databasePath, 'second_factor.failed').map((row) => row.detail?.failure)).toContain('challenge_other_session');
		expect((await victim.request('POST', '/api/session/second-factor', { method: 'webauthn', response })).status).toBe(200);
	});

	it('a response from an authenticator the account does not have is refused', async () => {
		const client = await pending();
		const { options } = await (await client.request('POST', '/api/session/second-factor/options', {})).json();
		const stranger = new SoftAuthenticator(server.origin);
		const answer = await client.request('POST', '/api/session/second-factor', { method: 'webauthn', response: stranger.authenticate(options) });
		expect(answer.status).toBe(401);
		expect((await answer.json()).error).toMatch(/not registered to your account/);
	});

	it('a response made for another origin is refused', async () => {
		const client = await pending();
		const { options } = await (await client.request('POST', '/api/session/second-factor/options', {})).json();
		const phished = Object.assign(Object.create(Object.getPrototypeOf(authenticator)), authenticator, { origin: 'https://evil.example' }) as SoftAuthenticator;
		const answer = await client.request('POST', '/api/session/second-factor', { method: 'webauthn', response: phished.authenticate(options) });
		expect(answer.status).toBe(401);
		expect((await answer.json()).error).toMatch(/could not be checked/);
	});
});

describe('the sign-in throttle', () => {
	it('lets at most five of 40 parallel guesses reach the password check, and the address still works for others', async () => {
		const guesses = await Promise.all(
			Array.from({ length: 40 }, (_, i) => fetch(`${server.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'police@demo.test', password: `guess ${i}` }) }))
		);
		const statuses = guesses.map((response) => response.status);
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
		const failures = audit(server.databasePath, 'sign_in.failed').filter((row) => row.detail?.email === 'police@demo.test');
		expect(failures.length).toBeLessThanOrEqual(5);
		const colleague = new ApiClient(server.origin);
		expect((await colleague.signIn('admin@demo.test')).status).toBe(200);
	});
});

describe('the open redirect', () => {
	it('sign-in sends /%09/evil.example/x to “What needs me”, not another site', async () => {
		const client = new ApiClient(server.origin);
		const result = await client.submit('/sign-in?next=/%09/evil.example/x', '', { email: 'chair@demo.test', password: 'demo-password' });
		expect(result).toMatchObject({ type: 'redirect', location: '/tasks' });
		for (const next of ['//evil.example', '/%5Cevil.example', 'https://evil.example', 'javascript:alert(1)']) {
			const visit = await client.request('GET', `/sign-in?next=${next}`);
			expect(visit.headers.get('location')).toBe('/tasks');
		}
	});
});

describe('when MFA_REQUIRED=1 is set in demo mode', () => {
	let strict: RunningServer;
	beforeAll(async () => {
		strict = await startServer({ env: { MFA_REQUIRED: '1' } });
	});
	afterAll(async () => {
		await strict.dispose();
	});

	it('an account without a factor must enrol before anything else, and cannot remove its last factor', async () => {
		const client = new ApiClient(strict.origin);
		expect(await (await client.signIn('chair@demo.test')).json()).toMatchObject({ complete: false, needs: 'enrolment' });
		const api = await client.request('GET', '/api/reviews');
		expect(api.status).toBe(403);
		expect(await api.json()).toEqual({ error: 'Set up two-factor sign-in before continuing' });
		const page = await client.request('GET', '/reviews');
		expect(page.headers.get('location')).toBe('/account/two-factor');
		const chairReviews = await fetch(`${strict.origin}/healthz`);
		expect(chairReviews.status).toBe(200);

		const { client: enrolled } = await enrolApp(strict.origin, 'chair@demo.test');
		expect((await enrolled.request('GET', '/api/reviews')).status).toBe(200);
		const accountPage = await (await enrolled.request('GET', '/account')).text();
		const factorId = /name="factorId" value="([^"]+)"/.exec(accountPage);
		// The page offers no Remove button for the only factor; the server refuses it anyway.
		expect(factorId).toBeNull();
		const db = new Database(strict.databasePath, { readonly: true });
		const app = db.prepare("select id from totp_credential where confirmed_at is not null").get() as { id: string };
		db.close();
		const removal = await enrolled.submit('/account', 'removeFactor', { kind: 'totp', factorId: app.id });
		expect(removal).toMatchObject({ type: 'failure', status: 409 });
		expect(removal.data?.factorError).toMatch(/cannot remove your only/);
		expect(audit(strict.databasePath, 'second_factor.removed')).toHaveLength(0);
	});

	it('a guest practitioner joins a learning event by its one-use link without enrolling a factor', async () => {
		const { client: moderator } = await enrolApp(strict.origin, 'moderator@demo.test');
		const strictReview = (await (await moderator.request('GET', '/api/reviews')).json())[0].id;
		const planned = await moderator.submit(`/reviews/${strictReview}/events`, 'create', { title: 'Event with a guest', kind: 'practitioner', ...eventStartFields(new Date(Date.now() - 5 * 60_000)) });
		const eventId = planned.location!.split('/').pop()!;
		const invited = await moderator.submit(`/reviews/${strictReview}/events/${eventId}`, 'inviteGuest', { name: 'Sam Guest', roleTitle: 'Support worker', agencyLabel: 'Northmoor Housing' });
		const token = String(invited.data!.invitationLink).split('/invitations/')[1];
		const guest = new ApiClient(strict.origin);
		expect(await guest.submit(`/invitations/${token}`, '', {})).toMatchObject({ type: 'redirect', location: `/reviews/${strictReview}/events/${eventId}` });
		expect((await guest.request('GET', `/reviews/${strictReview}/events/${eventId}`)).status).toBe(200);
		// Still only that event: the rest of the review is as closed to them as before.
		expect((await guest.request('GET', `/reviews/${strictReview}/chronology`)).status).toBe(403);
	});
});
