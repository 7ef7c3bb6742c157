import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createTempDatabase } from '../../../../tests/helpers/temp-database';
import { createAccount } from '../accounts';
import { listAccountAudit } from '../audit';
import { totpCredential, recoveryCode } from '../db/schema';
import { decryptSecret, secretKey } from './secret-key';
import { createSession, pendingSignIn, validateSessionToken } from './session';
import { totpCodeAt, totpStep } from './totp';
import { secondFactorFailureLimit, createSignInThrottle } from './throttle';
import {
	availableMethods,
	checkSecondFactor,
	completeSecondFactor,
	confirmAuthenticatorApp,
	lastFactorMessage,
	listSecondFactors,
	regenerateRecoveryCodes,
	removeSecondFactor,
	startAuthenticatorApp
} from './second-factor';
import { useRecoveryCode } from './recovery-codes';

let keyDir: string;
beforeAll(() => {
	keyDir = mkdtempSync(join(tmpdir(), 'dhr-key-'));
	process.env.SECRET_KEY_FILE = join(keyDir, 'secret.key');
});
afterAll(() => {
	delete process.env.SECRET_KEY_FILE;
	rmSync(keyDir, { recursive: true, force: true });
});

let temp: ReturnType<typeof createTempDatabase>;
let userId: string;
const policy = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000, mfaRequired: true };
const now = new Date('2025-03-03T09:00:10Z');

beforeEach(async () => {
	temp = createTempDatabase();
	const created = await createAccount(temp.db, { email: 'rep@example.org', name: 'Rep', password: 'correct horse battery' }, { userId: null });
	if (!created.ok) throw new Error(created.message);
	userId = created.user.id;
});
afterEach(() => temp.dispose());

/** Enrols an authenticator app as the user would, returning its secret. */
function enrolApp(at = now): { secret: Uint8Array; recoveryCodes: string[] | null } {
	const session = createSession(temp.db, userId, at).session;
	const setUp = startAuthenticatorApp(temp.db, { id: userId, email: 'rep@example.org' }, at);
	const row = temp.db.select().from(totpCredential).where(eq(totpCredential.id, setUp.credentialId)).get()!;
	const secret = decryptSecret(secretKey(), row.encryptedSecret, `totp:${userId}`);
	const result = confirmAuthenticatorApp(temp.db, { userId, session, credentialId: setUp.credentialId, code: totpCodeAt(secret, totpStep(at)), name: 'Work phone', ipAddress: null }, at);
	if (!result.ok) throw new Error(result.message);
	return { secret, recoveryCodes: result.enrolled.recoveryCodes };
}

describe('when a session is fully signed in', () => {
	it('follows MFA_REQUIRED only for users without a factor; a user with one must always use it', () => {
		expect(pendingSignIn({ secondFactorAt: null, hasSecondFactor: false, mfaRequired: false })).toBeNull();
		expect(pendingSignIn({ secondFactorAt: null, hasSecondFactor: false, mfaRequired: true })).toBe('enrolment');
		expect(pendingSignIn({ secondFactorAt: null, hasSecondFactor: true, mfaRequired: false })).toBe('second_factor');
		expect(pendingSignIn({ secondFactorAt: null, hasSecondFactor: true, mfaRequired: true })).toBe('second_factor');
		expect(pendingSignIn({ secondFactorAt: now, hasSecondFactor: true, mfaRequired: true })).toBeNull();
		// A guest's limited session, from a one-use invitation, is not asked to enrol.
		expect(pendingSignIn({ secondFactorAt: null, hasSecondFactor: false, mfaRequired: true, limited: true })).toBeNull();
	});

	it('a new session of a user with an app is pending until the second factor passes, and its token changes then', async () => {
		const { secret } = enrolApp();
		const later = new Date(now.getTime() + 60_000);
		const pending = createSession(temp.db, userId, later);
		expect(validateSessionToken(temp.db, pending.token, later, policy)?.pending).toBe('second_factor');
		const checked = await checkSecondFactor(temp.db, createSignInThrottle(temp.db), { userId, sessionId: pending.session.id, attempt: { method: 'totp', code: totpCodeAt(secret, totpStep(later)) }, ipAddress: '10.0.0.1' }, later);
		expect(checked).toMatchObject({ ok: true, method: 'totp' });
		const complete = completeSecondFactor(temp.db, pending.session, later);
		expect(validateSessionToken(temp.db, pending.token, later, policy)).toBeNull();
		expect(validateSessionToken(temp.db, complete.token, later, policy)?.pending).toBeNull();
	});

	it('a session waiting at the second step ends after ten minutes', () => {
		enrolApp();
		const pending = createSession(temp.db, userId, now);
		expect(validateSessionToken(temp.db, pending.token, new Date(now.getTime() + 9 * 60_000), policy)?.pending).toBe('second_factor');
		expect(validateSessionToken(temp.db, pending.token, new Date(now.getTime() + 10 * 60_000), policy)).toBeNull();
		// A fully signed-in session of the same age carries on.
		const passed = createSession(temp.db, userId, now, { secondFactorAt: now });
		expect(validateSessionToken(temp.db, passed.token, new Date(now.getTime() + 10 * 60_000), policy)?.pending).toBeNull();
	});
});

describe('authenticator apps', () => {
	it('keep the secret encrypted, count only once confirmed, and bring ten recovery codes with the first factor', () => {
		const setUp = startAuthenticatorApp(temp.db, { id: userId, email: 'rep@example.org' }, now);
		expect(setUp.qrSvg).toMatch(/^<svg/);
		expect(listSecondFactors(temp.db, userId)).toHaveLength(0);
		// The same secret while setting up, so a failed first code does not strand the app.
		expect(startAuthenticatorApp(temp.db, { id: userId, email: 'rep@example.org' }, now).secretText).toBe(setUp.secretText);
		const row = temp.db.select().from(totpCredential).get()!;
		expect(row.encryptedSecret.includes(Buffer.from(setUp.secretText.replace(/ /g, '')))).toBe(false);

		const { recoveryCodes } = enrolApp();
		expect(recoveryCodes).toHaveLength(10);
		expect(new Set(recoveryCodes).size).toBe(10);
		expect(listSecondFactors(temp.db, userId)).toMatchObject([{ kind: 'totp', name: 'Work phone' }]);
		// Only hashes are stored.
		const stored = JSON.stringify(temp.db.select().from(recoveryCode).all());
		for (const code of recoveryCodes!) expect(stored).not.toContain(code);
		expect(listAccountAudit(temp.db).map((e) => e.action)).toEqual(expect.arrayContaining(['second_factor.enrolled', 'recovery_codes.generated']));
	});

	it('refuses the code used to enrol when it is replayed at sign-in, and a wrong one, each audited', async () => {
		const { secret } = enrolApp();
		const session = createSession(temp.db, userId, now).session;
		const throttle = createSignInThrottle(temp.db);
		const replay = await checkSecondFactor(temp.db, throttle, { userId, sessionId: session.id, attempt: { method: 'totp', code: totpCodeAt(secret, totpStep(now)) }, ipAddress: null }, new Date(now.getTime() + 5_000));
		expect(replay).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/already been used/) });
		const wrongCode = ['000000', '111111'].find((code) => code !== totpCodeAt(secret, totpStep(now)) && code !== totpCodeAt(secret, totpStep(now) + 1))!;
		const wrong = await checkSecondFactor(temp.db, throttle, { userId, sessionId: session.id, attempt: { method: 'totp', code: wrongCode }, ipAddress: null }, now);
		expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/not right/) });
		const failures = listAccountAudit(temp.db).filter((e) => e.action === 'second_factor.failed');
		expect(failures.map((e) => e.detail?.failure)).toEqual(['wrong', 'reused']);
	});

	it('throttles an account after repeated wrong codes, even with the right code, and audits it', async () => {
		const { secret } = enrolApp();
		const session = createSession(temp.db, userId, now).session;
		const throttle = createSignInThrottle(temp.db);
		const later = new Date(now.getTime() + 90_000);
		const right = totpCodeAt(secret, totpStep(later));
		const wrong = right === '000000' ? '000001' : '000000';
		for (let i = 0; i < secondFactorFailureLimit; i++) {
			expect(await checkSecondFactor(temp.db, throttle, { userId, sessionId: session.id, attempt: { method: 'totp', code: wrong }, ipAddress: null }, later)).toMatchObject({ ok: false, reason: 'invalid' });
		}
		expect(await checkSecondFactor(temp.db, throttle, { userId, sessionId: session.id, attempt: { method: 'totp', code: right }, ipAddress: null }, later)).toMatchObject({ ok: false, reason: 'throttled' });
		expect(listAccountAudit(temp.db)[0].action).toBe('second_factor.throttled');
	});
});

describe('recovery codes', () => {
	it('each works once, whatever the case and spacing', async () => {
		const { recoveryCodes } = enrolApp();
		const code = recoveryCodes![0];
		const session = createSession(temp.db, userId, now).session;
		const throttle = createSignInThrottle(temp.db);
		const first = await checkSecondFactor(temp.db, throttle, { userId, sessionId: session.id, attempt: { method: 'recovery', code: ` ${code.toUpperCase().replace(/-/g, ' ')} ` }, ipAddress: null }, now);
		expect(first).toEqual({ ok: true, method: 'recovery', remainingRecoveryCodes: 9 });
		const again = await checkSecondFactor(temp.db, throttle, { userId, sessionId: session.id, attempt: { method: 'recovery', code }, ipAddress: null }, now);
		expect(again).toMatchObject({ ok: false, message: 'That recovery code has already been used. Each code works once.' });
		expect(useRecoveryCode(temp.db, userId, 'aaaa-bbbb-cccc-dddd', now)).toEqual({ ok: false, reason: 'wrong' });
		const actions = listAccountAudit(temp.db).map((e) => e.action);
		expect(actions.filter((a) => a === 'recovery_code.used')).toHaveLength(1);
		expect(actions[0]).toBe('second_factor.failed');
	});

	it('making new codes replaces every old one', () => {
		const { recoveryCodes } = enrolApp();
		const fresh = regenerateRecoveryCodes(temp.db, { userId, ipAddress: null }, now);
		expect(fresh.ok).toBe(true);
		expect(useRecoveryCode(temp.db, userId, recoveryCodes![1], now)).toEqual({ ok: false, reason: 'wrong' });
		if (fresh.ok) expect(useRecoveryCode(temp.db, userId, fresh.value[0], now)).toEqual({ ok: true, remaining: 9 });
	});
});

describe('removing a factor', () => {
	it('never removes the last one while two-factor sign-in is required', () => {
		enrolApp();
		const [app] = listSecondFactors(temp.db, userId);
		const refusedRemoval = removeSecondFactor(temp.db, { userId, kind: 'totp', id: app.id, mfaRequired: true, ipAddress: null }, now);
		expect(refusedRemoval).toMatchObject({ ok: false, status: 409, errors: [{ message: lastFactorMessage }] });
		expect(listSecondFactors(temp.db, userId)).toHaveLength(1);
	});

	it('removes the last one when not required, with the recovery codes, and audits it', () => {
		enrolApp();
		const [app] = listSecondFactors(temp.db, userId);
		expect(removeSecondFactor(temp.db, { userId, kind: 'totp', id: app.id, mfaRequired: false, ipAddress: null }, now)).toMatchObject({ ok: true });
		expect(listSecondFactors(temp.db, userId)).toHaveLength(0);
		expect(availableMethods(temp.db, userId)).toEqual([]);
		expect(listAccountAudit(temp.db)[0]).toMatchObject({ action: 'second_factor.removed', detail: { method: 'totp', name: 'Work phone' } });
	});
});
