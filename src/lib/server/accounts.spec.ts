import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../tests/helpers/temp-database';
import { createAccount, deactivateAccount, reactivateAccount, resetPassword, signInRefusal, deactivatedAccountMessage, findUserById } from './accounts';
import { checkSessionToken, createSession } from './auth/session';
import { accessEvents } from './access-events';
import { auditEvent } from './db/schema';
import type { AppDatabase } from './db/client';

const policy = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };
let temp: ReturnType<typeof createTempDatabase>;
let db: AppDatabase;

async function account(email: string, isAdmin = false): Promise<string> {
	const created = await createAccount(db, { email, name: email.split('@')[0], isAdmin, password: 'correct horse battery' }, { userId: null });
	if (!created.ok) throw new Error(created.message);
	return created.user.id;
}

beforeEach(() => {
	temp = createTempDatabase();
	db = temp.db;
});
afterEach(() => temp.dispose());

describe('deactivating an account', () => {
	it('ends its sessions at once (announcing them to the live documents) and any token left opens nothing', async () => {
		const admin = await account('coordinator@example.org', true);
		const person = await account('person@example.org');
		const { token, session } = createSession(db, person, new Date());
		const announced: string[][] = [];
		const listener = ({ sessionIds }: { sessionIds: string[] }) => announced.push(sessionIds);
		accessEvents.on('sessions-ended', listener);
		try {
			expect(deactivateAccount(db, { userId: admin, ipAddress: '192.0.2.1' }, person).ok).toBe(true);
		} finally {
			accessEvents.off('sessions-ended', listener);
		}
		expect(announced).toEqual([[session.id]]);
		expect(checkSessionToken(db, token, new Date(), policy).ok).toBe(false);
		expect(findUserById(db, person)?.deactivatedAt).toBeInstanceOf(Date);
	});

	it('treats a session that outlived deactivation as ended', async () => {
		const person = await account('person@example.org');
		const { token } = createSession(db, person, new Date());
		// As after a restore from a backup taken between the two writes.
		db.$client.prepare('update user set deactivated_at = ? where id = ?').run(Date.now(), person);
		expect(checkSessionToken(db, token, new Date(), policy)).toEqual({ ok: false, reason: 'unknown' });
		expect(db.$client.prepare('select count(*) as n from session').get()).toEqual({ n: 0 });
	});

	it('refuses the admin themself and the last active admin', async () => {
		const onlyAdmin = await account('coordinator@example.org', true);
		const other = await account('other@example.org');
		const self = deactivateAccount(db, { userId: onlyAdmin, ipAddress: null }, onlyAdmin);
		expect(self.ok).toBe(false);
		// Whoever asks, the last active admin stays: someone must be able to manage accounts.
		const last = deactivateAccount(db, { userId: other, ipAddress: null }, onlyAdmin);
		expect(last).toMatchObject({ ok: false, status: 409, errors: [{ message: expect.stringMatching(/last active DHR co-ordinator/) }] });
		const second = await account('deputy@example.org', true);
		expect(deactivateAccount(db, { userId: second, ipAddress: null }, onlyAdmin).ok).toBe(true);
	});

	it('is undone by reactivation, which refuses an account that is not deactivated', async () => {
		const admin = await account('coordinator@example.org', true);
		const person = await account('person@example.org');
		expect(reactivateAccount(db, { userId: admin, ipAddress: null }, person)).toMatchObject({ ok: false, status: 409 });
		deactivateAccount(db, { userId: admin, ipAddress: null }, person);
		expect(deactivateAccount(db, { userId: admin, ipAddress: null }, person)).toMatchObject({ ok: false, status: 409 });
		expect(reactivateAccount(db, { userId: admin, ipAddress: null }, person).ok).toBe(true);
		expect(findUserById(db, person)?.deactivatedAt).toBeNull();
	});
});

describe('signInRefusal', () => {
	it('lets an active account through and refuses a deactivated one with the clear message, audited', async () => {
		const person = await account('person@example.org');
		expect(signInRefusal(db, { id: person, deactivatedAt: null }, '192.0.2.1')).toBeNull();
		expect(signInRefusal(db, { id: person, deactivatedAt: new Date() }, '192.0.2.1')).toEqual({ ok: false, reason: 'deactivated', message: deactivatedAccountMessage });
		const rows = db.select().from(auditEvent).all().filter((row) => row.action === 'sign_in.refused_deactivated');
		expect(rows).toEqual([expect.objectContaining({ targetUserId: person, ipAddress: '192.0.2.1' })]);
	});
});

describe('resetPassword', () => {
	it('refuses a guest practitioner, who has no password to reset', async () => {
		const admin = await account('coordinator@example.org', true);
		const guest = await account('guest@invitation.invalid');
		db.$client.prepare("update user set password_hash = '!' where id = ?").run(guest);
		expect(await resetPassword(db, { userId: admin, ipAddress: null }, guest)).toMatchObject({ ok: false, status: 409 });
		expect(findUserById(db, guest)?.passwordHash).toBe('!');
	});
});
