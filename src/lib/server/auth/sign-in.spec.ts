import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../../tests/helpers/temp-database';
import { createAccount } from '../accounts';
import { listAccountAudit } from '../audit';
import { signIn } from './sign-in';
import { accountFailureLimit, createSignInThrottle } from './throttle';

let temp: ReturnType<typeof createTempDatabase>;
beforeEach(async () => {
	temp = createTempDatabase();
	await createAccount(temp.db, { email: 'rep@example.org', name: 'Rep', password: 'correct horse battery' }, { userId: null });
});
afterEach(() => temp.dispose());

describe('signIn', () => {
	it('throttles an account after repeated failures, even with the right password, and audits it', async () => {
		const throttle = createSignInThrottle(temp.db);
		for (let attempt = 0; attempt < accountFailureLimit; attempt++) {
			expect(await signIn(temp.db, throttle, { email: 'rep@example.org', password: 'guess ' + attempt, ipAddress: `10.0.0.${attempt}` })).toEqual({ ok: false, reason: 'invalid' });
		}
		const refused = await signIn(temp.db, throttle, { email: 'REP@example.org', password: 'correct horse battery', ipAddress: '10.0.0.99' });
		expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
		const actions = listAccountAudit(temp.db).map((event) => event.action);
		expect(actions.filter((a) => a === 'sign_in.failed')).toHaveLength(accountFailureLimit);
		expect(actions[0]).toBe('sign_in.throttled');
	});

	it('keeps the throttle across a new limiter on the same database (a restart)', async () => {
		const first = createSignInThrottle(temp.db);
		for (let attempt = 0; attempt < accountFailureLimit; attempt++) {
			await signIn(temp.db, first, { email: 'rep@example.org', password: 'wrong', ipAddress: '10.0.0.1' });
		}
		const afterRestart = createSignInThrottle(temp.db);
		expect(await afterRestart.retryAfterMs('rep@example.org', '10.0.0.2')).toBeGreaterThan(0);
	});

	it('lets at most the account limit of parallel guesses reach the password check', async () => {
		const throttle = createSignInThrottle(temp.db);
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, attempt) => signIn(temp.db, throttle, { email: 'rep@example.org', password: `guess ${attempt}`, ipAddress: '10.0.0.7' }))
		);
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(accountFailureLimit);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(40 - accountFailureLimit);
		const actions = listAccountAudit(temp.db).map((event) => event.action);
		expect(actions.filter((a) => a === 'sign_in.failed')).toHaveLength(accountFailureLimit);
	});

	it('does not lock out other accounts behind the same address', async () => {
		await createAccount(temp.db, { email: 'colleague@example.org', name: 'Colleague', password: 'another good passphrase' }, { userId: null });
		const throttle = createSignInThrottle(temp.db);
		await Promise.all(Array.from({ length: 40 }, () => signIn(temp.db, throttle, { email: 'rep@example.org', password: 'wrong', ipAddress: '192.0.2.10' })));
		expect(await signIn(temp.db, throttle, { email: 'colleague@example.org', password: 'another good passphrase', ipAddress: '192.0.2.10' })).toMatchObject({ ok: true });
	});

	it('gives the same answer for an unknown account as for a wrong password', async () => {
		const throttle = createSignInThrottle(temp.db);
		const unknown = await signIn(temp.db, throttle, { email: 'nobody@example.org', password: 'whatever', ipAddress: '10.0.0.1' });
		const wrong = await signIn(temp.db, throttle, { email: 'rep@example.org', password: 'whatever', ipAddress: '10.0.0.1' });
		expect(unknown).toEqual(wrong);
	});
});
