import type { AppDatabase } from '../db/client';
import { findUserByEmail, normaliseEmail, signInRefusal, type SignInRefusal } from '../accounts';
import { recordAudit } from '../audit';
import { verifyAgainstDecoy, verifyPassword } from './password';
import { createSession, invalidateSession, type CreatedSession, type SessionUser } from './session';
import type { SignInThrottle } from './throttle';

export interface SignInAttempt {
	email: string;
	password: string;
	ipAddress: string;
	userAgent?: string | null;
}

export type SignInResult =
	| { ok: true; created: CreatedSession; user: SessionUser }
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
	const retryAfterMs = await throttle.retryAfterMs(email, attempt.ipAddress);
	if (retryAfterMs > 0) {
		recordAudit(db, { action: 'sign_in.throttled', detail: { email }, ipAddress: attempt.ipAddress, at: now });
		return { ok: false, reason: 'throttled', retryAfterMs };
	}
	const account = findUserByEmail(db, email);
	const valid = account ? await verifyPassword(account.passwordHash, attempt.password) : await verifyAgainstDecoy(attempt.password);
	if (!account || !valid) {
		await throttle.recordFailure(email, attempt.ipAddress);
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
	await throttle.recordSuccess(email);
	const created = createSession(db, account.id, now, { ipAddress: attempt.ipAddress, userAgent: attempt.userAgent });
	recordAudit(db, { action: 'sign_in.succeeded', actorUserId: account.id, ipAddress: attempt.ipAddress, at: now });
	return {
		ok: true,
		created,
		user: { id: account.id, email: account.email, name: account.name, isAdmin: account.isAdmin, mustChangePassword: account.mustChangePassword }
	};
}

export function signOut(db: AppDatabase, sessionId: string, userId: string, ipAddress: string | null, now = new Date()): void {
	invalidateSession(db, sessionId);
	recordAudit(db, { action: 'sign_out', actorUserId: userId, ipAddress, at: now });
}
