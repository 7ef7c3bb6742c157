/**
 * Two-factor sign-in (issue 13; NIST SP 800-63B AAL2): enrolling, listing and removing
 * a user's factors, and checking one at sign-in. Every enrolment, removal, use and
 * failure is audited; failures are throttled per account as passwords are.
 * The cryptography lives in totp.ts, webauthn.ts, recovery-codes.ts and secret-key.ts.
 */
import { and, desc, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { renderSVG } from 'uqr';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppDatabase, DbExecutor } from '../db/client';
import { totpCredential, webauthnCredential, type Session } from '../db/schema';
import { recordAudit } from '../audit';
import { refused, type Outcome } from '../actor';
import { decryptSecret, encryptSecret, secretKey } from './secret-key';
import { checkTotpCode, formatTotpSecret, generateTotpSecret, normaliseTotpCode, totpDigits, totpKeyUri } from './totp';
import { countUnusedRecoveryCodes, deleteRecoveryCodes, normaliseRecoveryCode, replaceRecoveryCodes, useRecoveryCode } from './recovery-codes';
import { checkPasskey, registerPasskey, type ChallengeProblem } from './webauthn';
import { createSession, invalidateOtherSessions, invalidateSession, markSecondFactorPassed, type CreatedSession } from './session';
import type { SignInThrottle } from './throttle';

export type SecondFactorMethod = 'webauthn' | 'totp' | 'recovery';


export interface SecondFactorListing {
	kind: 'webauthn' | 'totp';
	id: string;
	name: string;
	createdAt: Date;
	lastUsedAt: Date | null;
}

const totpContext = (userId: string) => `totp:${userId}`;
// An authenticator app's QR code stays the same across reloads for this long, so a failed
// first code does not leave the app holding a secret the server has already replaced.
const unconfirmedAppLifetimeMs = 30 * 60_000;

export function listSecondFactors(db: DbExecutor, userId: string): SecondFactorListing[] {
	const apps = db
		.select({ id: totpCredential.id, name: totpCredential.name, createdAt: totpCredential.createdAt, lastUsedAt: totpCredential.lastUsedAt })
		.from(totpCredential)
		.where(and(eq(totpCredential.userId, userId), isNotNull(totpCredential.confirmedAt)))
		.all()
		.map((row) => ({ kind: 'totp' as const, ...row }));
	const passkeys = db
		.select({ id: webauthnCredential.id, name: webauthnCredential.name, createdAt: webauthnCredential.createdAt, lastUsedAt: webauthnCredential.lastUsedAt })
		.from(webauthnCredential)
		.where(eq(webauthnCredential.userId, userId))
		.all()
		.map((row) => ({ kind: 'webauthn' as const, ...row }));
	return [...passkeys, ...apps].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export function countSecondFactors(db: DbExecutor, userId: string): number {
	return listSecondFactors(db, userId).length;
}

/** The methods a user can sign in with now, in the order the page offers them. */
export function availableMethods(db: DbExecutor, userId: string): SecondFactorMethod[] {
	const factors = listSecondFactors(db, userId);
	const methods: SecondFactorMethod[] = [];
	if (factors.some((factor) => factor.kind === 'webauthn')) methods.push('webauthn');
	if (factors.some((factor) => factor.kind === 'totp')) methods.push('totp');
	if (countUnusedRecoveryCodes(db, userId) > 0) methods.push('recovery');
	return methods;
}

// ---- Enrolment ----

export interface AuthenticatorAppSetup {
	credentialId: string;
	/** The secret, for typing into an app that cannot scan. */
	secretText: string;
	qrSvg: string;
}

/** The secret being set up for this user (the same one for a while), or a new one. */
export function startAuthenticatorApp(db: AppDatabase, user: { id: string; email: string }, now: Date): AuthenticatorAppSetup {
	const key = secretKey();
	return db.transaction((tx) => {
		const existing = tx
			.select()
			.from(totpCredential)
			.where(and(eq(totpCredential.userId, user.id), isNull(totpCredential.confirmedAt), gt(totpCredential.createdAt, new Date(now.getTime() - unconfirmedAppLifetimeMs))))
			.orderBy(desc(totpCredential.createdAt))
			.get();
		let id: string;
		let secret: Uint8Array;
		if (existing) {
			id = existing.id;
			secret = decryptSecret(key, existing.encryptedSecret, totpContext(user.id));
		} else {
			tx.delete(totpCredential).where(and(eq(totpCredential.userId, user.id), isNull(totpCredential.confirmedAt))).run();
			id = randomUUID();
			secret = generateTotpSecret();
			tx.insert(totpCredential)
				.values({ id, userId: user.id, name: 'Authenticator app', encryptedSecret: encryptSecret(key, secret, totpContext(user.id)), createdAt: now })
				.run();
		}
		return { credentialId: id, secretText: formatTotpSecret(secret), qrSvg: renderSVG(totpKeyUri(secret, user.email), { ecc: 'M' }) };
	});
}

export interface Enrolled {
	/** Ten new recovery codes when this was the user's first factor, to show once. */
	recoveryCodes: string[] | null;
}

/** After a new factor is stored: the session that proved it counts as passed, and a first factor brings recovery codes. */
function afterEnrolment(tx: DbExecutor, input: { userId: string; session: Pick<Session, 'id' | 'secondFactorAt'>; ipAddress: string | null }, now: Date): Enrolled {
	if (!input.session.secondFactorAt) markSecondFactorPassed(tx, input.session.id, now);
	// A first factor: the user's other sessions were opened with a password alone. They end now,
	// closing their open documents, rather than linger half signed in with live connections.
	if (countSecondFactors(tx, input.userId) === 1) invalidateOtherSessions(tx, input.userId, input.session.id);
	if (countUnusedRecoveryCodes(tx, input.userId) > 0) return { recoveryCodes: null };
	const recoveryCodes = replaceRecoveryCodes(tx, input.userId, now);
	recordAudit(tx, { action: 'recovery_codes.generated', actorUserId: input.userId, targetUserId: input.userId, detail: { count: recoveryCodes.length }, ipAddress: input.ipAddress, at: now });
	return { recoveryCodes };
}

export type EnrolmentResult = { ok: true; enrolled: Enrolled } | { ok: false; field: string; message: string };

export const totpMessages = {
	malformed: `Enter the ${totpDigits}-digit code from your authenticator app`,
	wrong: 'The code is not right. Enter the code your authenticator app shows now.',
	reused: 'That code has already been used. Wait for your authenticator app to show a new code.',
	expired: 'That code has expired. Enter the code your authenticator app shows now.'
} as const;

function factorName(name: string, fallback: string): string {
	const trimmed = name.trim().replace(/\s+/g, ' ').slice(0, 60);
	return trimmed || fallback;
}

/** Confirms an authenticator app with its first code; only then does it count as a factor. */
export function confirmAuthenticatorApp(
	db: AppDatabase,
	input: { userId: string; session: Pick<Session, 'id' | 'secondFactorAt'>; credentialId: string; code: string; name: string; ipAddress: string | null },
	now: Date
): EnrolmentResult {
	// Read, check and confirm in one transaction, so two submissions cannot both confirm it.
	return db.transaction((tx): EnrolmentResult => {
		const row = tx
			.select()
			.from(totpCredential)
			.where(and(eq(totpCredential.id, input.credentialId), eq(totpCredential.userId, input.userId), isNull(totpCredential.confirmedAt)))
			.get();
		if (!row) return { ok: false, field: 'code', message: 'This set-up has expired. Scan the new QR code and enter its code.' };
		const secret = decryptSecret(secretKey(), row.encryptedSecret, totpContext(input.userId));
		const check = checkTotpCode(secret, input.code, now, null);
		if (!check.ok) {
			if (check.reason !== 'malformed') {
				recordAudit(tx, { action: 'second_factor.failed', actorUserId: input.userId, targetUserId: input.userId, detail: { method: 'totp', failure: check.reason, during: 'enrolment' }, ipAddress: input.ipAddress, at: now });
			}
			return { ok: false, field: 'code', message: totpMessages[check.reason] };
		}
		const name = factorName(input.name, 'Authenticator app');
		tx.update(totpCredential).set({ confirmedAt: now, name, lastUsedStep: check.step, lastUsedAt: now }).where(eq(totpCredential.id, row.id)).run();
		recordAudit(tx, { action: 'second_factor.enrolled', actorUserId: input.userId, targetUserId: input.userId, detail: { method: 'totp', name }, ipAddress: input.ipAddress, at: now });
		return { ok: true, enrolled: afterEnrolment(tx, input, now) };
	});
}

export const passkeyMessages: Record<ChallengeProblem | 'invalid' | 'already_registered' | 'unknown_credential', string> = {
	challenge_unknown: 'This passkey request has expired or has already been used. Try again.',
	challenge_expired: 'This passkey request has expired or has already been used. Try again.',
	challenge_other_session: 'This passkey request was made for another sign-in. Try again from this page.',
	invalid: 'Your passkey could not be checked. Try again, or use another way to sign in.',
	already_registered: 'This passkey is already registered.',
	unknown_credential: 'That passkey is not registered to your account. Use another passkey or a code.'
};

export async function enrolPasskey(
	db: AppDatabase,
	input: { userId: string; session: Pick<Session, 'id' | 'secondFactorAt'>; name: string; response: RegistrationResponseJSON; ipAddress: string | null },
	now: Date
): Promise<EnrolmentResult> {
	const name = factorName(input.name, 'Passkey');
	const registered = await registerPasskey(db, { sessionId: input.session.id, userId: input.userId, name, response: input.response }, now);
	if (!registered.ok) {
		recordAudit(db, { action: 'second_factor.failed', actorUserId: input.userId, targetUserId: input.userId, detail: { method: 'webauthn', failure: registered.reason, during: 'enrolment' }, ipAddress: input.ipAddress, at: now });
		return { ok: false, field: 'passkey', message: passkeyMessages[registered.reason] };
	}
	return db.transaction((tx) => {
		recordAudit(tx, { action: 'second_factor.enrolled', actorUserId: input.userId, targetUserId: input.userId, detail: { method: 'webauthn', name }, ipAddress: input.ipAddress, at: now });
		return { ok: true as const, enrolled: afterEnrolment(tx, input, now) };
	});
}

// ---- Removal and recovery codes ----

export const lastFactorMessage = 'You cannot remove your only passkey or authenticator app while two-factor sign-in is required. Add another one first.';

export function removeSecondFactor(
	db: AppDatabase,
	input: { userId: string; kind: 'webauthn' | 'totp'; id: string; mfaRequired: boolean; ipAddress: string | null },
	now: Date
): Outcome<{ name: string; remaining: number }> {
	return db.transaction((tx) => {
		const factors = listSecondFactors(tx, input.userId);
		const factor = factors.find((one) => one.kind === input.kind && one.id === input.id);
		if (!factor) return refused(404, 'factor', 'That sign-in method has already been removed');
		if (factors.length === 1 && input.mfaRequired) return refused(409, 'factor', lastFactorMessage);
		if (input.kind === 'totp') tx.delete(totpCredential).where(and(eq(totpCredential.id, input.id), eq(totpCredential.userId, input.userId))).run();
		else tx.delete(webauthnCredential).where(and(eq(webauthnCredential.id, input.id), eq(webauthnCredential.userId, input.userId))).run();
		// Recovery codes stand in for a factor; with none left they would be a way around nothing.
		if (factors.length === 1) deleteRecoveryCodes(tx, input.userId);
		recordAudit(tx, { action: 'second_factor.removed', actorUserId: input.userId, targetUserId: input.userId, detail: { method: input.kind, name: factor.name }, ipAddress: input.ipAddress, at: now });
		return { ok: true, value: { name: factor.name, remaining: factors.length - 1 } };
	});
}

/** Ten new codes, replacing all the old ones (used or not). */
export function regenerateRecoveryCodes(db: AppDatabase, input: { userId: string; ipAddress: string | null }, now: Date): Outcome<string[]> {
	return db.transaction((tx) => {
		if (countSecondFactors(tx, input.userId) === 0) return refused(409, 'recoveryCodes', 'Add a passkey or an authenticator app before making recovery codes');
		const codes = replaceRecoveryCodes(tx, input.userId, now);
		recordAudit(tx, { action: 'recovery_codes.generated', actorUserId: input.userId, targetUserId: input.userId, detail: { count: codes.length, replaced: true }, ipAddress: input.ipAddress, at: now });
		return { ok: true, value: codes };
	});
}

export function countRecoveryCodes(db: DbExecutor, userId: string): { unused: number } {
	return { unused: countUnusedRecoveryCodes(db, userId) };
}


// ---- Signing in ----

export type SecondFactorAttempt =
	| { method: 'totp'; code: string }
	| { method: 'recovery'; code: string }
	| { method: 'webauthn'; response: AuthenticationResponseJSON };

export type SecondFactorCheck =
	| { ok: true; method: SecondFactorMethod; remainingRecoveryCodes: number | null }
	| { ok: false; reason: 'throttled'; retryAfterMs: number }
	| { ok: false; reason: 'invalid'; field: string; message: string };

export const recoveryMessages = {
	malformed: 'Enter a recovery code, for example abcd-efgh-ijkl-mnop',
	wrong: 'That recovery code is not right. Check it and try again.',
	used: 'That recovery code has already been used. Each code works once.'
} as const;

function checkAuthenticatorApps(db: AppDatabase, userId: string, code: string, now: Date): { ok: true } | { ok: false; reason: 'wrong' | 'reused' | 'expired' | 'none' } {
	const apps = db.select().from(totpCredential).where(and(eq(totpCredential.userId, userId), isNotNull(totpCredential.confirmedAt))).all();
	if (apps.length === 0) return { ok: false, reason: 'none' };
	const key = secretKey();
	let reason: 'wrong' | 'reused' | 'expired' = 'wrong';
	for (const app of apps) {
		const check = checkTotpCode(decryptSecret(key, app.encryptedSecret, totpContext(userId)), code, now, app.lastUsedStep);
		if (!check.ok) {
			if (check.reason === 'reused' || (check.reason === 'expired' && reason === 'wrong')) reason = check.reason;
			continue;
		}
		// One conditional UPDATE: of two requests racing with the same code, one wins.
		const stored = db
			.update(totpCredential)
			.set({ lastUsedStep: check.step, lastUsedAt: now })
			.where(and(eq(totpCredential.id, app.id), or(isNull(totpCredential.lastUsedStep), lt(totpCredential.lastUsedStep, check.step))))
			.run();
		if (stored.changes === 1) return { ok: true };
		reason = 'reused';
	}
	return { ok: false, reason };
}

/**
 * Checks a second factor for a pending session. The throttle's point is taken before
 * the check (as for passwords), and given back on success.
 */
export async function checkSecondFactor(
	db: AppDatabase,
	throttle: SignInThrottle,
	input: { userId: string; sessionId: string; attempt: SecondFactorAttempt; ipAddress: string | null },
	now: Date
): Promise<SecondFactorCheck> {
	const { attempt } = input;
	// A code that cannot be one is a typing mistake, not a guess: say so without counting it.
	if (attempt.method === 'totp' && !/^\d{6}$/.test(normaliseTotpCode(attempt.code))) return { ok: false, reason: 'invalid', field: 'code', message: totpMessages.malformed };
	if (attempt.method === 'recovery' && !/^[a-z2-7]{16}$/.test(normaliseRecoveryCode(attempt.code))) return { ok: false, reason: 'invalid', field: 'recoveryCode', message: recoveryMessages.malformed };

	const audit = { actorUserId: input.userId, targetUserId: input.userId, ipAddress: input.ipAddress, at: now };
	const admission = await throttle.admitSecondFactor(input.userId);
	if (!admission.ok) {
		recordAudit(db, { action: 'second_factor.throttled', ...audit, detail: { method: attempt.method } });
		return { ok: false, reason: 'throttled', retryAfterMs: admission.retryAfterMs };
	}
	const failed = (reason: string, field: string, message: string): SecondFactorCheck => {
		recordAudit(db, { action: 'second_factor.failed', ...audit, detail: { method: attempt.method, failure: reason } });
		return { ok: false, reason: 'invalid', field, message };
	};

	if (attempt.method === 'totp') {
		const result = checkAuthenticatorApps(db, input.userId, attempt.code, now);
		if (!result.ok) {
			return result.reason === 'none' ? failed('none', 'code', 'You have no authenticator app set up. Use a passkey or a recovery code.') : failed(result.reason, 'code', totpMessages[result.reason]);
		}
		await admission.pass.succeeded();
		recordAudit(db, { action: 'second_factor.succeeded', ...audit, detail: { method: 'totp' } });
		return { ok: true, method: 'totp', remainingRecoveryCodes: null };
	}
	if (attempt.method === 'recovery') {
		const used = useRecoveryCode(db, input.userId, attempt.code, now);
		if (!used.ok) return failed(used.reason, 'recoveryCode', recoveryMessages[used.reason]);
		await admission.pass.succeeded();
		recordAudit(db, { action: 'recovery_code.used', ...audit, detail: { method: 'recovery', remaining: used.remaining } });
		return { ok: true, method: 'recovery', remainingRecoveryCodes: used.remaining };
	}
	const passkey = await checkPasskey(db, { sessionId: input.sessionId, userId: input.userId, response: attempt.response }, now);
	if (!passkey.ok) return failed(passkey.reason, 'passkey', passkeyMessages[passkey.reason]);
	await admission.pass.succeeded();
	recordAudit(db, { action: 'second_factor.succeeded', ...audit, detail: { method: 'webauthn', name: passkey.credential.name } });
	return { ok: true, method: 'webauthn', remainingRecoveryCodes: null };
}

/**
 * Replaces the pending session with a new, fully signed-in one: a session's privileges
 * change here, so its token does too (OWASP Session Management: renew on privilege change).
 */
export function completeSecondFactor(db: AppDatabase, pending: Pick<Session, 'id' | 'userId' | 'ipAddress' | 'userAgent'>, now: Date): CreatedSession {
	const created = createSession(db, pending.userId, now, { ipAddress: pending.ipAddress, userAgent: pending.userAgent, secondFactorAt: now });
	invalidateSession(db, pending.id);
	return created;
}
