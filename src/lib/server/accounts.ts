import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDatabase, DbExecutor } from './db/client';
import { membership, recoveryCode, review, session, totpCredential, user, webauthnCredential, type User } from './db/schema';
import { checkNewPassword, generateOneTimePassword, hashPassword, verifyPassword } from './auth/password';
import { invalidateOtherSessions } from './auth/session';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function findUserByEmail(db: DbExecutor, email: string): User | undefined {
	return db.select().from(user).where(eq(user.email, normaliseEmail(email))).get();
}

export function findUserById(db: DbExecutor, id: string): User | undefined {
	return db.select().from(user).where(eq(user.id, id)).get();
}

export function countUsers(db: AppDatabase): number {
	return db.select({ n: count() }).from(user).get()?.n ?? 0;
}

export type AccountStatus = 'active' | 'not_signed_in' | 'deactivated';

export const accountStatusLabels: Record<AccountStatus | 'invited' | 'invitation_expired', string> = {
	active: 'Active',
	not_signed_in: 'Has not signed in yet',
	deactivated: 'Deactivated',
	invited: 'Invited',
	invitation_expired: 'Invitation expired'
};

export function accountStatus(account: Pick<User, 'mustChangePassword' | 'deactivatedAt'>): AccountStatus {
	if (account.deactivatedAt) return 'deactivated';
	// A one-time password not yet replaced: a new account, or one whose password the admin reset.
	return account.mustChangePassword ? 'not_signed_in' : 'active';
}

export type AccountSummary = Pick<User, 'id' | 'email' | 'name' | 'isAdmin' | 'mustChangePassword' | 'deactivatedAt' | 'createdAt'> & {
	status: AccountStatus;
	/** A guest practitioner's limited account, which comes in only through its learning event's link. */
	guest: boolean;
};

export function listAccounts(db: AppDatabase): AccountSummary[] {
	return db
		.select({ id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, mustChangePassword: user.mustChangePassword, deactivatedAt: user.deactivatedAt, createdAt: user.createdAt, passwordHash: user.passwordHash })
		.from(user)
		.orderBy(asc(user.name))
		.all()
		.map(({ passwordHash, ...account }) => ({ ...account, status: accountStatus(account), guest: isGuestAccount({ passwordHash }) }));
}

export interface NewAccount {
	email: string;
	name: string;
	isAdmin?: boolean;
	/** Omit to generate a one-time password that must be changed at first sign-in. */
	password?: string;
}

export type CreateAccountResult =
	| { ok: true; user: User; oneTimePassword: string | null }
	| { ok: false; field: 'email' | 'password'; message: string };

export async function createAccount(
	db: AppDatabase,
	input: NewAccount,
	actor: { userId: string | null; ipAddress?: string | null },
	now = new Date()
): Promise<CreateAccountResult> {
	const email = normaliseEmail(input.email);
	const taken = { ok: false, field: 'email', message: 'An account with this email address already exists' } as const;
	if (findUserByEmail(db, email)) return taken;
	const oneTimePassword = input.password === undefined ? generateOneTimePassword() : null;
	const password = input.password ?? oneTimePassword!;
	if (input.password !== undefined) {
		const problem = checkNewPassword(password, email);
		if (problem) return { ok: false, field: 'password', message: problem };
	}
	const row: User = {
		id: randomUUID(),
		email,
		name: input.name.trim(),
		passwordHash: await hashPassword(password),
		isAdmin: input.isAdmin ?? false,
		mustChangePassword: oneTimePassword !== null,
		deactivatedAt: null,
		createdAt: now
	};
	// Checked again where it is written: the address may have been taken while the password was hashed.
	const created = db.transaction((tx) => {
		if (findUserByEmail(tx, email)) return false;
		tx.insert(user).values(row).run();
		recordAudit(tx, {
			action: 'account.created',
			actorUserId: actor.userId,
			targetUserId: row.id,
			detail: { email, isAdmin: row.isAdmin },
			ipAddress: actor.ipAddress,
			at: now
		});
		return true;
	});
	if (!created) return taken;
	return { ok: true, user: row, oneTimePassword };
}

export type ChangePasswordResult =
	| { ok: true; endedSessions: number }
	| { ok: false; field: 'currentPassword' | 'newPassword'; message: string };

/** Changes a password and ends the user's other sessions, as a stolen session must not outlive it. */
export async function changePassword(
	db: AppDatabase,
	input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string; ipAddress?: string | null },
	now = new Date()
): Promise<ChangePasswordResult> {
	const account = findUserById(db, input.userId);
	if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
		return { ok: false, field: 'currentPassword', message: 'Your current password is not right' };
	}
	const problem = checkNewPassword(input.newPassword, account.email);
	if (problem) return { ok: false, field: 'newPassword', message: problem };
	if (await verifyPassword(account.passwordHash, input.newPassword)) {
		return { ok: false, field: 'newPassword', message: 'Your new password must be different from your current one' };
	}
	const passwordHash = await hashPassword(input.newPassword);
	db.update(user).set({ passwordHash, mustChangePassword: false }).where(eq(user.id, account.id)).run();
	const endedSessions = invalidateOtherSessions(db, account.id, input.keepSessionId);
	recordAudit(db, {
		action: 'password.changed',
		actorUserId: account.id,
		targetUserId: account.id,
		detail: { endedSessions },
		ipAddress: input.ipAddress,
		at: now
	});
	return { ok: true, endedSessions };
}

// ---- The account lifecycle (issue 13): what the DHR co-ordinator does for people ----

export const deactivatedAccountMessage = 'This account has been deactivated. Ask your DHR co-ordinator.';

export type SignInRefusal = { ok: false; reason: 'deactivated'; message: string };

/**
 * Why an account whose password was right may still not sign in, audited; null when it may.
 * Asked only after the password is verified, so it reveals nothing to someone guessing.
 */
export function signInRefusal(db: AppDatabase, account: Pick<User, 'id' | 'deactivatedAt'>, ipAddress: string | null, now = new Date()): SignInRefusal | null {
	if (!account.deactivatedAt) return null;
	recordAudit(db, { action: 'sign_in.refused_deactivated', actorUserId: account.id, targetUserId: account.id, ipAddress, at: now });
	return { ok: false, reason: 'deactivated', message: deactivatedAccountMessage };
}

/** Guests have no password ("!" matches none): they come in only through their event's link. */
function isGuestAccount(account: Pick<User, 'passwordHash'>): boolean {
	return account.passwordHash === '!';
}

const accountNotFound = 'This account does not exist';

/** The account the admin acts on, or why not: never their own account, which they manage under "Your account". */
function targetAccount(db: DbExecutor, actor: Actor, userId: string, ownMessage: string): Outcome<User> {
	const account = findUserById(db, userId);
	if (!account) return refused(404, 'account', accountNotFound);
	if (account.id === actor.userId) return refused(409, 'account', ownMessage);
	return { ok: true, value: account };
}

/**
 * Gives a person who forgot their password a new one-time password (shown once to the
 * admin, to pass on by a secure route), which they must change at their next sign-in.
 * Every session of theirs ends, closing their open documents, since whoever holds one
 * may be the reason for the reset.
 */
export async function resetPassword(db: AppDatabase, actor: Actor, userId: string, now = new Date()): Promise<Outcome<{ oneTimePassword: string; name: string; email: string }>> {
	const check = (executor: DbExecutor): Outcome<User> => {
		const found = targetAccount(executor, actor, userId, 'Change your own password under “Your account”');
		if (found.ok && isGuestAccount(found.value)) return refused(409, 'account', 'Guest practitioners have no password: they join through their learning event’s link');
		return found;
	};
	// Checked before the slow hashing, to refuse at once, and again in the transaction that writes.
	const first = check(db);
	if (!first.ok) return first;
	const oneTimePassword = generateOneTimePassword();
	const passwordHash = await hashPassword(oneTimePassword);
	const outcome = db.transaction((tx): Outcome<User> => {
		const found = check(tx);
		if (!found.ok) return found;
		tx.update(user).set({ passwordHash, mustChangePassword: true }).where(eq(user.id, userId)).run();
		recordAudit(tx, { action: 'account.password_reset', actorUserId: actor.userId, targetUserId: userId, ipAddress: actor.ipAddress, at: now });
		return found;
	});
	if (!outcome.ok) return outcome;
	invalidateOtherSessions(db, userId, null);
	return { ok: true, value: { oneTimePassword, name: outcome.value.name, email: outcome.value.email } };
}

/**
 * Removes every second factor of a person (authenticator apps, passkeys, recovery codes),
 * for one who lost their phone or key, and ends their sessions: at their next sign-in
 * they enrol again.
 */
export function resetSecondFactors(db: AppDatabase, actor: Actor, userId: string, now = new Date()): Outcome<{ removed: number }> {
	const outcome = db.transaction((tx): Outcome<{ removed: number }> => {
		const found = targetAccount(tx, actor, userId, 'Manage your own second factors under “Your account”');
		if (!found.ok) return found;
		const removed =
			tx.delete(totpCredential).where(eq(totpCredential.userId, userId)).run().changes +
			tx.delete(webauthnCredential).where(eq(webauthnCredential.userId, userId)).run().changes +
			tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId)).run().changes;
		recordAudit(tx, { action: 'account.second_factors_reset', actorUserId: actor.userId, targetUserId: userId, detail: { removed }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { removed } };
	});
	if (outcome.ok) invalidateOtherSessions(db, userId, null);
	return outcome;
}

function countActiveAdmins(db: DbExecutor): number {
	return db.select({ n: count() }).from(user).where(and(eq(user.isAdmin, true), isNull(user.deactivatedAt))).get()?.n ?? 0;
}

/**
 * Stops an account signing in, and ends its sessions at once (closing its open
 * documents). Its name stays wherever it appears: memberships, comments, the audit log.
 */
export function deactivateAccount(db: AppDatabase, actor: Actor, userId: string, now = new Date()): Outcome<{ name: string }> {
	const outcome = db.transaction((tx): Outcome<{ name: string }> => {
		const found = targetAccount(tx, actor, userId, 'You cannot deactivate your own account. Ask another DHR co-ordinator.');
		if (!found.ok) return found;
		const account = found.value;
		if (account.deactivatedAt) return refused(409, 'account', `${account.name}’s account is already deactivated`);
		if (account.isAdmin && countActiveAdmins(tx) <= 1) {
			return refused(409, 'account', 'This is the last active DHR co-ordinator account. Create or reactivate another first.');
		}
		tx.update(user).set({ deactivatedAt: now }).where(eq(user.id, userId)).run();
		recordAudit(tx, { action: 'account.deactivated', actorUserId: actor.userId, targetUserId: userId, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { name: account.name } };
	});
	if (outcome.ok) invalidateOtherSessions(db, userId, null);
	return outcome;
}

export function reactivateAccount(db: AppDatabase, actor: Actor, userId: string, now = new Date()): Outcome<{ name: string }> {
	return db.transaction((tx): Outcome<{ name: string }> => {
		const found = targetAccount(tx, actor, userId, 'You cannot reactivate your own account');
		if (!found.ok) return found;
		if (!found.value.deactivatedAt) return refused(409, 'account', `${found.value.name}’s account is not deactivated`);
		tx.update(user).set({ deactivatedAt: null }).where(eq(user.id, userId)).run();
		recordAudit(tx, { action: 'account.reactivated', actorUserId: actor.userId, targetUserId: userId, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { name: found.value.name } };
	});
}

export interface AccountDetails extends AccountSummary {
	secondFactors: { authenticatorApps: number; passkeys: number; recoveryCodesLeft: number };
	sessions: number;
	reviews: { id: string; title: string; role: string }[];
}

/** What the admin sees of one account: its state, not any review's content. */
export function accountDetails(db: AppDatabase, userId: string): AccountDetails | null {
	const account = listAccountRow(db, userId);
	if (!account) return null;
	const n = (rows: { n: number } | undefined) => rows?.n ?? 0;
	return {
		...account,
		secondFactors: {
			authenticatorApps: n(db.select({ n: count() }).from(totpCredential).where(and(eq(totpCredential.userId, userId), isNotNull(totpCredential.confirmedAt))).get()),
			passkeys: n(db.select({ n: count() }).from(webauthnCredential).where(eq(webauthnCredential.userId, userId)).get()),
			recoveryCodesLeft: n(db.select({ n: count() }).from(recoveryCode).where(and(eq(recoveryCode.userId, userId), isNull(recoveryCode.usedAt))).get())
		},
		sessions: n(db.select({ n: count() }).from(session).where(eq(session.userId, userId)).get()),
		reviews: db
			.select({ id: review.id, title: review.title, role: membership.role })
			.from(membership)
			.innerJoin(review, eq(review.id, membership.reviewId))
			.where(eq(membership.userId, userId))
			.orderBy(asc(review.title))
			.all()
	};
}

function listAccountRow(db: AppDatabase, userId: string): AccountSummary | null {
	const account = findUserById(db, userId);
	if (!account) return null;
	const { id, email, name, isAdmin, mustChangePassword, deactivatedAt, createdAt } = account;
	return { id, email, name, isAdmin, mustChangePassword, deactivatedAt, createdAt, status: accountStatus(account), guest: isGuestAccount(account) };
}
