/**
 * Sessions as the Lucia guide writes them: a token `<id>.<secret>` where only the
 * SHA-256 of the secret is stored, and the secret is compared in constant time.
 * Timeouts follow NIST SP 800-63B AAL2 (see config.ts).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { AppDatabase, DbExecutor } from '../db/client';
import { session, totpCredential, user, webauthnCredential, type Session, type User } from '../db/schema';
import { mfaRequired, type SessionPolicy } from '../config';
import { accessEvents } from '../access-events';

/** How long a session may wait at the second sign-in step before it must start again. */
export const secondFactorWindowMs = 10 * 60_000;

// Writing last-active on every request would make every page view a disk write.
const activityWriteIntervalMs = 60_000;

export interface SessionContext {
	ipAddress?: string | null;
	userAgent?: string | null;
	/** A hard end, for limited sessions (guests). */
	expiresAt?: Date | null;
	/** Set when the session is made after a second factor was checked. */
	secondFactorAt?: Date | null;
}

export interface CreatedSession {
	token: string;
	session: Session;
}

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'isAdmin' | 'mustChangePassword'>;

/**
 * What a signed-in session still has to do before it is fully signed in:
 * pass its second factor, or (with none enrolled while MFA_REQUIRED) enrol one.
 * Until then it reaches only the second-factor pages.
 */
export type PendingSignIn = 'second_factor' | 'enrolment' | null;

export interface ValidatedSession {
	session: Session;
	user: SessionUser;
	expiresAt: Date;
	/** null when fully signed in. */
	pending: PendingSignIn;
}

/**
 * A session is fully signed in once its second factor passed, or when its user has
 * none and none is required. A user with a factor must always use it, required or not.
 */
export function pendingSignIn(facts: { secondFactorAt: Date | null; hasSecondFactor: boolean; mfaRequired: boolean; limited?: boolean }): PendingSignIn {
	if (facts.secondFactorAt) return null;
	if (facts.hasSecondFactor) return 'second_factor';
	// A limited session (a guest practitioner's, from a one-use invitation link, reaching one
	// learning event's board until its window closes) is not asked to enrol a factor for it.
	if (facts.limited) return null;
	return facts.mfaRequired ? 'enrolment' : null;
}

/** A confirmed authenticator app or any passkey; recovery codes alone are only a fallback. */
export const hasSecondFactorSql = sql<number>`(exists (select 1 from ${totpCredential} where ${totpCredential.userId} = ${user.id} and ${totpCredential.confirmedAt} is not null) or exists (select 1 from ${webauthnCredential} where ${webauthnCredential.userId} = ${user.id}))`;

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** A new token: a 16-byte id and a 32-byte secret, both from the CSPRNG. */
export function generateSessionToken(): { id: string; secret: string; token: string } {
	const id = encodeBase32LowerCaseNoPadding(randomBytes(16));
	const secret = encodeBase32LowerCaseNoPadding(randomBytes(32));
	return { id, secret, token: `${id}.${secret}` };
}

export function createSession(
	db: AppDatabase,
	userId: string,
	now: Date,
	context: SessionContext = {}
): CreatedSession {
	const { id, secret, token } = generateSessionToken();
	const row: Session = {
		id,
		secretHash: Buffer.from(hashSecret(secret)),
		userId,
		createdAt: now,
		lastActiveAt: now,
		ipAddress: context.ipAddress ?? null,
		userAgent: context.userAgent?.slice(0, 300) ?? null,
		expiresAt: context.expiresAt ?? null,
		secondFactorAt: context.secondFactorAt ?? null
	};
	db.insert(session).values(row).run();
	return { token, session: row };
}

export function sessionExpiry(row: Pick<Session, 'createdAt' | 'lastActiveAt'> & { expiresAt?: Date | null }, policy: SessionPolicy): Date {
	return new Date(
		Math.min(row.createdAt.getTime() + policy.absoluteTimeoutMs, row.lastActiveAt.getTime() + policy.idleTimeoutMs, row.expiresAt?.getTime() ?? Infinity)
	);
}

export type SessionCheck =
	| { ok: true; validated: ValidatedSession }
	| { ok: false; reason: 'malformed' | 'unknown' | 'expired'; sessionId?: string; userId?: string };

/**
 * Checks a token and, when `touch` is set, records activity. An expired session is
 * deleted so it cannot be revived.
 */
export function checkSessionToken(
	db: AppDatabase,
	token: string,
	now: Date,
	policy: SessionPolicy,
	{ touch = true }: { touch?: boolean } = {}
): SessionCheck {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 128) {
		return { ok: false, reason: 'malformed' };
	}
	const row = db
		.select({
			session,
			user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, mustChangePassword: user.mustChangePassword },
			hasSecondFactor: hasSecondFactorSql,
			deactivatedAt: user.deactivatedAt
		})
		.from(session)
		.innerJoin(user, eq(user.id, session.userId))
		.where(eq(session.id, id))
		.get();
	if (!row) return { ok: false, reason: 'unknown' };
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.session.secretHash))) {
		return { ok: false, reason: 'unknown' };
	}
	// Deactivation ends every session; should one survive (a race, a restore), it still opens nothing.
	if (row.deactivatedAt) {
		deleteSessions(db, [row.session.id]);
		return { ok: false, reason: 'unknown' };
	}
	const pending = pendingSignIn({
		secondFactorAt: row.session.secondFactorAt,
		hasSecondFactor: Boolean(row.hasSecondFactor),
		mfaRequired: policy.mfaRequired ?? mfaRequired(),
		limited: row.session.expiresAt !== null
	});
	// A password alone is worth little: its session has a few minutes to pass the second factor.
	const pendingTooLong = pending === 'second_factor' && now.getTime() - row.session.createdAt.getTime() >= secondFactorWindowMs;
	if (pendingTooLong || sessionExpiry(row.session, policy).getTime() <= now.getTime()) {
		deleteSessions(db, [row.session.id]);
		return { ok: false, reason: 'expired', sessionId: row.session.id, userId: row.user.id };
	}
	// Short idle timeouts (tests, strict deployments) still see activity well before they run out.
	if (touch && now.getTime() - row.session.lastActiveAt.getTime() >= Math.min(activityWriteIntervalMs, policy.idleTimeoutMs / 4)) {
		db.update(session).set({ lastActiveAt: now }).where(eq(session.id, row.session.id)).run();
		row.session.lastActiveAt = now;
	}
	return { ok: true, validated: { session: row.session, user: row.user, expiresAt: sessionExpiry(row.session, policy), pending } };
}

/** Lucia's `validateSessionToken`: the session and its user, or null. */
export function validateSessionToken(
	db: AppDatabase,
	token: string,
	now: Date,
	policy: SessionPolicy
): ValidatedSession | null {
	const check = checkSessionToken(db, token, now, policy);
	return check.ok ? check.validated : null;
}

/** Marks a session as having passed its second factor (e.g. the factor it just enrolled). */
export function markSecondFactorPassed(db: DbExecutor, sessionId: string, now: Date): void {
	db.update(session).set({ secondFactorAt: now }).where(eq(session.id, sessionId)).run();
}

/** Records activity from elsewhere (the live editors) without re-reading the token. */
export function touchSession(db: AppDatabase, sessionId: string, now: Date): void {
	db.update(session).set({ lastActiveAt: now }).where(eq(session.id, sessionId)).run();
}

function deleteSessions(db: DbExecutor, ids: string[]): void {
	if (ids.length === 0) return;
	for (const id of ids) db.delete(session).where(eq(session.id, id)).run();
	accessEvents.emit('sessions-ended', { sessionIds: ids });
}

export function invalidateSession(db: AppDatabase, sessionId: string): void {
	deleteSessions(db, [sessionId]);
}

/** Ends every session of a user except `keepSessionId`; returns how many ended. */
export function invalidateOtherSessions(db: DbExecutor, userId: string, keepSessionId: string | null): number {
	const rows = db
		.select({ id: session.id })
		.from(session)
		.where(keepSessionId ? and(eq(session.userId, userId), ne(session.id, keepSessionId)) : eq(session.userId, userId))
		.all();
	deleteSessions(
		db,
		rows.map((row) => row.id)
	);
	return rows.length;
}

export function listUserSessions(db: AppDatabase, userId: string): Session[] {
	return db.select().from(session).where(eq(session.userId, userId)).orderBy(desc(session.lastActiveAt)).all();
}

/** Ends one of the user's own sessions; false when it is not theirs. */
export function endOwnSession(db: AppDatabase, userId: string, sessionId: string): boolean {
	const row = db.select({ id: session.id }).from(session).where(and(eq(session.id, sessionId), eq(session.userId, userId))).get();
	if (!row) return false;
	deleteSessions(db, [row.id]);
	return true;
}

/** Whether a session (by id) is still live, without touching it: for long-lived connections. */
/** Which of these sessions are still live, in one query. */
export function liveSessions(db: AppDatabase, sessionIds: string[], now: Date, policy: SessionPolicy): Set<string> {
	if (sessionIds.length === 0) return new Set();
	const rows = db
		.select({ id: session.id, createdAt: session.createdAt, lastActiveAt: session.lastActiveAt, expiresAt: session.expiresAt })
		.from(session)
		.where(inArray(session.id, sessionIds))
		.all();
	return new Set(rows.filter((row) => sessionExpiry(row, policy).getTime() > now.getTime()).map((row) => row.id));
}
