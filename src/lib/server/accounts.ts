import { asc, count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { user, type User } from './db/schema';
import { checkNewPassword, generateOneTimePassword, hashPassword, verifyPassword } from './auth/password';
import { invalidateOtherSessions } from './auth/session';
import { recordAudit } from './audit';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function findUserByEmail(db: AppDatabase, email: string): User | undefined {
	return db.select().from(user).where(eq(user.email, normaliseEmail(email))).get();
}

export function findUserById(db: AppDatabase, id: string): User | undefined {
	return db.select().from(user).where(eq(user.id, id)).get();
}

export function countUsers(db: AppDatabase): number {
	return db.select({ n: count() }).from(user).get()?.n ?? 0;
}

export type AccountSummary = Pick<User, 'id' | 'email' | 'name' | 'isAdmin' | 'mustChangePassword' | 'createdAt'>;

export function listAccounts(db: AppDatabase): AccountSummary[] {
	return db
		.select({ id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, mustChangePassword: user.mustChangePassword, createdAt: user.createdAt })
		.from(user)
		.orderBy(asc(user.name))
		.all();
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
	if (findUserByEmail(db, email)) {
		return { ok: false, field: 'email', message: 'An account with this email address already exists' };
	}
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
		createdAt: now
	};
	db.transaction((tx) => {
		tx.insert(user).values(row).run();
		recordAudit(tx, {
			action: 'account.created',
			actorUserId: actor.userId,
			targetUserId: row.id,
			detail: { email, isAdmin: row.isAdmin },
			ipAddress: actor.ipAddress,
			at: now
		});
	});
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
