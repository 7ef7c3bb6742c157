import type { AppDatabase } from '../db/client';
import { findUserByEmail, findUserById, normaliseEmail, signInRefusal, type SignInRefusal } from '../accounts';
import { recordAudit } from '../audit';
import { verifyAgainstDecoy, verifyPassword } from './password';
import { createSession, invalidateSession, pendingSignIn, type CreatedSession, type PendingSignIn, type SessionUser } from './session';
import { countSecondFactors } from './second-factor';
import { mfaRequired } from '../config';
import type { SignInThrottle } from './throttle';

export interface SignInAttempt {
	email: string;
	password: string;
	ipAddress: string;
	userAgent?: string | null;
}

export type SignInResult =
	| { ok: true; created: CreatedSession; user: SessionUser; pending: PendingSignIn }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number }
	| SignInRefusal;

/** One message whether or not the account exists, so sign-in cannot be used to find accounts. */
export const invalidCredentialsMessage = 'Enter a correct email address and password';

export function throttledMessage(retryAfterMs: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
	return `Too many failed attempts to sign in. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export async function signIn(
	db: AppDatabase,
	throttle: SignInThrottle,
	attempt: SignInAttempt,
	now = new Date()
): Promise<SignInResult> {
	const email = normaliseEmail(attempt.email);
	// The throttle's point is taken before the password is checked, atomically, so that
	// parallel attempts cannot all reach the check (issue 13, security review).
	const admission = await throttle.admitPassword(email, attempt.ipAddress);
	if (!admission.ok) {
		recordAudit(db, { action: 'sign_in.throttled', detail: { email }, ipAddress: attempt.ipAddress, at: now });
		return { ok: false, reason: 'throttled', retryAfterMs: admission.retryAfterMs };
	}
	const account = findUserByEmail(db, email);
	const valid = account ? await verifyPassword(account.passwordHash, attempt.password) : await verifyAgainstDecoy(attempt.password);
	if (!account || !valid) {
		recordAudit(db, {
			action: 'sign_in.failed',
			targetUserId: account?.id ?? null,
			detail: { email },
			ipAddress: attempt.ipAddress,
			at: now
		});
		return { ok: false, reason: 'invalid' };
	}
	const refusal = signInRefusal(db, account, attempt.ipAddress, now);
	if (refusal) return refusal;
	await admission.pass.succeeded();
	const created = createSession(db, account.id, now, { ipAddress: attempt.ipAddress, userAgent: attempt.userAgent });
	const pending = pendingSignIn({ secondFactorAt: null, hasSecondFactor: countSecondFactors(db, account.id) > 0, mfaRequired: mfaRequired() });
	// The password was right; the trail says when a second step is still to come.
	recordAudit(db, { action: 'sign_in.succeeded', actorUserId: account.id, detail: pending ? { pending } : undefined, ipAddress: attempt.ipAddress, at: now });
	return {
		ok: true,
		created,
		user: { id: account.id, email: account.email, name: account.name, isAdmin: account.isAdmin, mustChangePassword: account.mustChangePassword },
		pending
	};
}

export type PasswordConfirmation = { ok: true } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * Checks the signed-in user's password again before they change how they sign in. It counts
 * against the same throttle as signing in, so it is no way round it.
 */
export async function confirmPassword(
	db: AppDatabase,
	throttle: SignInThrottle,
	attempt: { userId: string; password: string; ipAddress: string },
	now = new Date()
): Promise<PasswordConfirmation> {
	const account = findUserById(db, attempt.userId);
	if (!account) return { ok: false, reason: 'invalid' };
	const admission = await throttle.admitPassword(account.email, attempt.ipAddress);
	if (!admission.ok) {
		recordAudit(db, { action: 'sign_in.throttled', actorUserId: account.id, detail: { email: account.email, during: 'confirmation' }, ipAddress: attempt.ipAddress, at: now });
		return { ok: false, reason: 'throttled', retryAfterMs: admission.retryAfterMs };
	}
	if (!(await verifyPassword(account.passwordHash, attempt.password))) {
		recordAudit(db, { action: 'password.confirmation_failed', actorUserId: account.id, targetUserId: account.id, ipAddress: attempt.ipAddress, at: now });
		return { ok: false, reason: 'invalid' };
	}
	await admission.pass.succeeded();
	recordAudit(db, { action: 'password.confirmed', actorUserId: account.id, targetUserId: account.id, ipAddress: attempt.ipAddress, at: now });
	return { ok: true };
}

export function signOut(db: AppDatabase, sessionId: string, userId: string, ipAddress: string | null, now = new Date()): void {
	invalidateSession(db, sessionId);
	recordAudit(db, { action: 'sign_out', actorUserId: userId, ipAddress, at: now });
}
