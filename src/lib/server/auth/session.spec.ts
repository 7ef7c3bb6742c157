import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../../tests/helpers/temp-database';
import { createAccount, changePassword } from '../accounts';
import { session as sessionTable } from '../db/schema';
import { accessEvents } from '../access-events';
import { checkSessionToken, createSession, invalidateOtherSessions, validateSessionToken } from './session';
import type { AppDatabase } from '../db/client';

const policy = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };
let temp: ReturnType<typeof createTempDatabase>;
let db: AppDatabase;
let userId: string;

beforeEach(async () => {
	temp = createTempDatabase();
	db = temp.db;
	const created = await createAccount(db, { email: 'Chair@Example.org', name: 'Chair', password: 'correct horse battery' }, { userId: null });
	if (!created.ok) throw new Error(created.message);
	userId = created.user.id;
});
afterEach(() => temp.dispose());

describe('sessions', () => {
	it('stores only a SHA-256 hash of the token secret, never the token', () => {
		const { token } = createSession(db, userId, new Date());
		const [id, secret] = token.split('.');
		const row = db.select().from(sessionTable).get()!;
		expect(row.id).toBe(id);
		expect(row.secretHash.length).toBe(32);
		expect(JSON.stringify(db.$client.prepare('select * from session').all())).not.toContain(secret);
	});

	it('uses 32 random bytes for the secret', () => {
		const { token } = createSession(db, userId, new Date());
		// 32 bytes in base32 without padding is 52 characters.
		expect(token.split('.')[1]).toHaveLength(52);
		expect(createSession(db, userId, new Date()).token).not.toBe(token);
	});

	it('refuses a token whose secret is wrong, even with the right id', () => {
		const { token } = createSession(db, userId, new Date());
		const [id, secret] = token.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(validateSessionToken(db, `${id}.${flipped}`, new Date(), policy)).toBeNull();
		expect(validateSessionToken(db, 'not-a-token', new Date(), policy)).toBeNull();
		expect(validateSessionToken(db, token, new Date(), policy)?.user.email).toBe('chair@example.org');
	});

	it('ends after 30 minutes without activity', () => {
		const start = new Date('2025-03-03T09:00:00Z');
		const { token } = createSession(db, userId, start);
		expect(validateSessionToken(db, token, new Date('2025-03-03T09:29:00Z'), policy)).not.toBeNull();
		// Activity at 09:29 keeps it alive until 09:59.
		expect(validateSessionToken(db, token, new Date('2025-03-03T09:58:00Z'), policy)).not.toBeNull();
		const check = checkSessionToken(db, token, new Date('2025-03-03T10:29:00Z'), policy);
		expect(check).toMatchObject({ ok: false, reason: 'expired' });
		// Deleted on expiry: it cannot come back.
		expect(db.select().from(sessionTable).all()).toHaveLength(0);
	});

	it('ends 12 hours after sign-in however active the user is', () => {
		const start = new Date('2025-03-03T08:00:00Z');
		const { token } = createSession(db, userId, start);
		for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
			expect(validateSessionToken(db, token, new Date(start.getTime() + minutes * 60_000), policy)).not.toBeNull();
		}
		expect(validateSessionToken(db, token, new Date(start.getTime() + 12 * 3_600_000), policy)).toBeNull();
	});

	it('ending the other sessions keeps this one and tells the collaboration server', () => {
		const now = new Date();
		const mine = createSession(db, userId, now);
		const other = createSession(db, userId, now);
		const ended: string[][] = [];
		const listener = ({ sessionIds }: { sessionIds: string[] }) => ended.push(sessionIds);
		accessEvents.on('sessions-ended', listener);
		try {
			expect(invalidateOtherSessions(db, userId, mine.session.id)).toBe(1);
		} finally {
			accessEvents.off('sessions-ended', listener);
		}
		expect(ended).toEqual([[other.session.id]]);
		expect(validateSessionToken(db, mine.token, now, policy)).not.toBeNull();
		expect(validateSessionToken(db, other.token, now, policy)).toBeNull();
	});

	it('changing the password ends every other session', async () => {
		const now = new Date();
		const mine = createSession(db, userId, now);
		const other = createSession(db, userId, now);
		const result = await changePassword(db, { userId, currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase', keepSessionId: mine.session.id });
		expect(result).toEqual({ ok: true, endedSessions: 1 });
		expect(validateSessionToken(db, other.token, now, policy)).toBeNull();
		expect(validateSessionToken(db, mine.token, now, policy)).not.toBeNull();
	});

	it('refuses a short new password or a wrong current one', async () => {
		const mine = createSession(db, userId, new Date());
		expect(await changePassword(db, { userId, currentPassword: 'wrong password here', newPassword: 'a brand new passphrase', keepSessionId: mine.session.id })).toMatchObject({ ok: false, field: 'currentPassword' });
		expect(await changePassword(db, { userId, currentPassword: 'correct horse battery', newPassword: 'short', keepSessionId: mine.session.id })).toMatchObject({ ok: false, field: 'newPassword' });
	});
});
