/**
 * Notifications by email (issue 14), against the real built server and a real SMTP server
 * (smtp-server on a loopback port). Outbox rows are queued with `enqueueNotification` on the
 * server's database file, as a change in the app queues them. Time for the reminders is driven
 * with the test-only NOTIFY_NOW_OFFSET_MS, which moves the sender's and the scheduler's clock.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiClient, freePort, startServer, type RunningServer } from '../helpers/server';
import { startMailServer, type MailServer } from '../helpers/mail-server';
import { connectDatabase } from '../../src/lib/server/db/client';
import { enqueueNotification, type NotificationCause } from '../../src/lib/server/notifications';
import { nextDigestAt } from '../../src/lib/domain/reminders';
import { todayInUk } from '../../src/lib/domain/dates';

const fast = { NOTIFY_POLL_MS: '100', NOTIFY_RETRY_BASE_MS: '300' };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	while (cleanup.length) await cleanup.pop()!();
});
afterAll(async () => {
	while (cleanup.length) await cleanup.pop()!();
});

async function mailServer(port?: number): Promise<MailServer> {
	const mail = await startMailServer(port);
	cleanup.push(() => mail.close());
	return mail;
}

async function server(env: Record<string, string>, databasePath?: string): Promise<RunningServer> {
	const running = await startServer({ env: { ...fast, ...env }, databasePath });
	cleanup.push(() => (databasePath ? running.stop() : running.dispose()));
	return running;
}

function query<T>(path: string, sql: string, ...params: unknown[]): T[] {
	const db = new Database(path, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

type TestCause = Omit<NotificationCause, 'dedupeKey'> & { dedupeKey?: string };

/** Queues causes in one transaction, as one change in the app would; answers their dedupe keys. */
function enqueueAll(path: string, causes: TestCause[], now = new Date()): string[] {
	const db = connectDatabase(path);
	try {
		return db.transaction((tx) =>
			causes.map((cause) => {
				const dedupeKey = cause.dedupeKey ?? `test:${Math.random().toString(36).slice(2)}`;
				enqueueNotification(tx, { ...cause, dedupeKey }, now);
				return dedupeKey;
			})
		);
	} finally {
		db.$client.close();
	}
}

function enqueue(path: string, cause: TestCause, now = new Date()): string {
	return enqueueAll(path, [cause], now)[0];
}

function userId(path: string, email: string): string {
	return query<{ id: string }>(path, 'SELECT id FROM user WHERE email = ?', email)[0].id;
}

function row(path: string, dedupeKey: string) {
	return query<{ status: string; attempts: number; last_error: string | null; next_attempt_at: number; digest: number }>(path, 'SELECT * FROM notification WHERE dedupe_key = ?', dedupeKey)[0];
}

/** The row once an attempt has failed, else null. */
function tried(path: string, key: string) {
	const found = row(path, key);
	return found.attempts >= 1 && found.last_error ? found : null;
}

async function until<T>(check: () => T | undefined | null | false | '' | 0, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value as T;
		if (Date.now() > deadline) throw new Error('Timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function demoReviewId(running: RunningServer): Promise<string> {
	const chair = new ApiClient(running.origin);
	await chair.signIn('chair@demo.test');
	const reviews = (await (await chair.request('GET', '/api/reviews')).json()) as { id: string; title: string }[];
	return reviews.find((review) => review.title === 'Adult A')!.id;
}

describe('delivery', () => {
	it('a queued notification is delivered, saying only which review needs you, with nothing of its content', async () => {
		const mail = await mailServer();
		const running = await server({ SMTP_URL: mail.url, MAIL_FROM: 'DHR <dhr@example.org>' });
		const reviewId = await demoReviewId(running);
		const police = userId(running.databasePath, 'police@demo.test');
		const key = enqueue(running.databasePath, { userId: police, reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` });

		const [email] = await mail.waitFor((emails) => emails.length === 1);
		expect(email.to).toEqual(['police@demo.test']);
		expect(email.subject).toBe('Something in review Adult A needs you');
		expect(email.text).toContain(`Open it here: ${running.origin}/reviews/${reviewId}/report`);
		expect(await until(() => row(running.databasePath, key).status === 'sent' && row(running.databasePath, key))).toMatchObject({ attempts: 1, last_error: null });

		// The review's content, as its chair reads it: none of it is in the email.
		const chair = new ApiClient(running.origin);
		await chair.signIn('chair@demo.test');
		const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
		const chronology = (await (await chair.request('GET', `/api/reviews/${reviewId}/chronology`)).json()) as { entries?: unknown[] } | unknown[];
		const entries = (Array.isArray(chronology) ? chronology : (chronology.entries ?? [])) as { summary: string; source: string; action: string }[];
		expect(entries.length).toBeGreaterThan(10);
		const content = [
			review.partnership,
			review.dateOfDeath,
			...review.agencies.map((a: { name: string }) => a.name),
			...review.members.map((m: { name: string }) => m.name),
			...entries.flatMap((entry) => [entry.summary, entry.source, entry.action])
		].filter((text): text is string => typeof text === 'string' && text.trim().length > 3);
		for (const text of content) expect(email.raw, text).not.toContain(text);
		// Nor in the server's log lines.
		for (const text of content) expect(running.output(), text).not.toContain(text);
		expect(running.output()).not.toContain('police@demo.test');
	}, 90_000);

	it('a refusing server (451, then 550) and then an accepting one: retried with back-off, kept meanwhile, delivered once', async () => {
		const mail = await mailServer();
		mail.refuseWith = 451;
		const running = await server({ SMTP_URL: mail.url });
		const reviewId = await demoReviewId(running);
		const key = enqueue(running.databasePath, { userId: userId(running.databasePath, 'health@demo.test'), reviewId, kind: 'signoff_requested', link: `/reviews/${reviewId}/signoff` });

		const first = await until(() => tried(running.databasePath, key));
		expect(first).toMatchObject({ status: 'pending', last_error: 'SMTP 451' });
		mail.refuseWith = 550;
		const refused = await until(() => row(running.databasePath, key).last_error === 'SMTP 550' && row(running.databasePath, key));
		expect(refused.status).toBe('pending');
		// Back-off: the next try is later than the last, by more than the base.
		expect(refused.next_attempt_at - Date.now()).toBeGreaterThan(0);
		mail.refuseWith = null;
		await mail.waitFor((emails) => emails.length === 1);
		const sent = await until(() => row(running.databasePath, key).status === 'sent' && row(running.databasePath, key));
		expect(sent.attempts).toBeGreaterThanOrEqual(3);
		await new Promise((r) => setTimeout(r, 800));
		expect(mail.received).toHaveLength(1);
		expect(running.output()).toMatch(/not delivered \(attempt 1 of 10, SMTP 451\)/);
	}, 90_000);

	it('a message pending across restarts (unreachable server, then one that hangs and a killed process) is delivered exactly once', async () => {
		const port = await freePort();
		const first = await server({ SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFY_LEASE_MS: '1500' });
		const reviewId = await demoReviewId(first);
		const path = first.databasePath;
		const key = enqueue(path, { userId: userId(path, 'panel@demo.test'), reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` });
		// Nobody listens: the outbox keeps it and says why.
		const unreachable = await until(() => tried(path, key));
		expect(unreachable.status).toBe('pending');
		expect(unreachable.last_error).toMatch(/^(ECONNECTION|ESOCKET)$/);
		await first.stop('SIGTERM');

		// The server comes up but holds the data without answering; ours is killed mid-send.
		const mail = await mailServer(port);
		mail.holdNextData = true;
		const second = await startServer({ databasePath: path, env: { ...fast, SMTP_URL: mail.url, NOTIFY_LEASE_MS: '1500' } });
		await until(() => mail.held === 1);
		await second.stop('SIGKILL');
		expect(row(path, key).status).toBe('pending');

		// After the lease the claim of the dead process runs out, and the message goes once.
		const third = await server({ SMTP_URL: mail.url, NOTIFY_LEASE_MS: '1500' }, path);
		await mail.waitFor((emails) => emails.length === 1);
		await until(() => row(path, key).status === 'sent');
		await third.stop('SIGTERM');
		const fourth = await server({ SMTP_URL: mail.url, NOTIFY_LEASE_MS: '1500' }, path);
		await new Promise((r) => setTimeout(r, 1000));
		expect(fourth.output()).not.toMatch(/notification \S+ sent/);
		expect(mail.received).toHaveLength(1);
		expect(mail.received[0].to).toEqual(['panel@demo.test']);
	}, 90_000);

	it('a malformed SMTP_URL is named at start without its password; the server runs and the outbox keeps the message', async () => {
		const running = await server({ SMTP_URL: 'smtp//mailer:s3cret-pass@mail.example.org:587' });
		expect(running.output()).toContain('SMTP_URL is not a valid address');
		expect(running.output()).not.toContain('s3cret-pass');
		const reviewId = await demoReviewId(running);
		const key = enqueue(running.databasePath, { userId: userId(running.databasePath, 'police@demo.test'), reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` });
		await new Promise((r) => setTimeout(r, 600));
		expect(row(running.databasePath, key)).toMatchObject({ status: 'pending', attempts: 0 });

		const admin = new ApiClient(running.origin);
		await admin.signIn('admin@demo.test');
		const page = await (await admin.request('GET', '/admin/outbox')).text();
		expect(page).toContain('is not a valid address');
		expect(page).toContain('Waiting');
		expect(page).toContain('Adult A');
		// Other people see no outbox.
		const police = new ApiClient(running.origin);
		await police.signIn('police@demo.test');
		expect((await police.request('GET', '/admin/outbox')).status).toBe(403);
	}, 90_000);
});

describe('demo mode', () => {
	it('without SMTP_URL writes each message as an .eml file beside the database, for a newcomer to open', async () => {
		const running = await server({});
		expect(running.output()).toContain('demo-mail');
		const reviewId = await demoReviewId(running);
		const key = enqueue(running.databasePath, { userId: userId(running.databasePath, 'health@demo.test'), reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` });
		await until(() => row(running.databasePath, key).status === 'sent');
		const folder = join(dirname(running.databasePath), 'demo-mail');
		expect(existsSync(folder)).toBe(true);
		const files = readdirSync(folder).filter((name) => name.endsWith('.eml'));
		const mine = files.map((name) => readFileSync(join(folder, name), 'utf8')).filter((text) => text.includes('To: health@demo.test'));
		expect(mine).toHaveLength(1);
		expect(mine[0]).toContain('Subject: Something in review Adult A needs you');
	}, 90_000);
});

describe('who gets what', () => {
	it('someone who left the review, or was deactivated, gets nothing: their messages are skipped and the rest still go', async () => {
		const mail = await mailServer();
		const running = await server({ SMTP_URL: mail.url });
		const path = running.databasePath;
		const reviewId = await demoReviewId(running);
		const chair = new ApiClient(running.origin);
		await chair.signIn('chair@demo.test');
		const admin = new ApiClient(running.origin);
		await admin.signIn('admin@demo.test');

		const panel = userId(path, 'panel@demo.test');
		const advocate = userId(path, 'advocate@demo.test');
		const later = new Date(Date.now() + 3_600_000);
		// Queued while they were members, not yet due.
		const leftKey = enqueue(path, { userId: panel, reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` }, later);
		const deactivatedKey = enqueue(path, { userId: advocate, reviewId, kind: 'mention', link: `/reviews/${reviewId}/family` }, later);
		expect((await chair.request('DELETE', `/api/reviews/${reviewId}/members/${panel}`)).status).toBe(204);
		expect((await admin.request('POST', `/api/admin/accounts/${advocate}/deactivate`)).status).toBe(204);
		const db = new Database(path);
		db.prepare('UPDATE notification SET next_attempt_at = ? WHERE dedupe_key IN (?, ?)').run(Date.now() - 1000, leftKey, deactivatedKey);
		db.close();
		const otherKey = enqueue(path, { userId: userId(path, 'health@demo.test'), reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` });

		await mail.waitFor((emails) => emails.length === 1);
		// The SMTP server has the email a moment before the outbox records it as sent.
		await until(() => row(path, leftKey).status !== 'pending' && row(path, deactivatedKey).status !== 'pending' && row(path, otherKey).status !== 'pending');
		expect(row(path, leftKey)).toMatchObject({ status: 'skipped', last_error: 'left_review' });
		expect(row(path, deactivatedKey)).toMatchObject({ status: 'skipped', last_error: 'deactivated' });
		expect(row(path, otherKey).status).toBe('sent');
		await new Promise((r) => setTimeout(r, 500));
		expect(mail.received.map((email) => email.to[0])).toEqual(['health@demo.test']);

		const page = await (await admin.request('GET', '/admin/outbox')).text();
		expect(page).toContain('No longer a member of the review');
		expect(page).toContain('Account deactivated');
	}, 90_000);

	it('the daily-summary choice, made on Your account, batches what accumulated into one email listing reviews and counts', async () => {
		const mail = await mailServer();
		const running = await server({ SMTP_URL: mail.url });
		const path = running.databasePath;
		const reviewId = await demoReviewId(running);
		const police = new ApiClient(running.origin);
		await police.signIn('police@demo.test');
		const saved = await police.submit('/account', 'notifications', { frequency: 'daily' });
		expect(saved.type).toBe('success');
		expect(query<{ frequency: string }>(path, 'SELECT frequency FROM notification_preference')[0].frequency).toBe('daily');
		expect((await police.submit('/account', 'notifications', { frequency: 'sometimes' })).status).toBe(400);

		// A second review the police representative is in.
		const admin = new ApiClient(running.origin);
		await admin.signIn('admin@demo.test');
		const other = (await (await admin.request('POST', '/api/reviews', { title: 'Adult B', partnership: 'Northmoor CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20', chairEmail: 'chair@demo.test' })).json()).id as string;
		const chair = new ApiClient(running.origin);
		await chair.signIn('chair@demo.test');
		expect((await chair.request('POST', `/api/reviews/${other}/members`, { email: 'police@demo.test', role: 'panel_member' })).status).toBe(201);

		const me = userId(path, 'police@demo.test');
		const yesterday = new Date(Date.now() - 86_400_000 - 3_600_000);
		const keys = enqueueAll(
			path,
			[
				{ userId: me, reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` },
				{ userId: me, reviewId, kind: 'reply', link: `/reviews/${reviewId}/report` },
				{ userId: me, reviewId: other, kind: 'mention', link: `/reviews/${other}/report` }
			],
			yesterday
		);
		const today = enqueue(path, { userId: me, reviewId, kind: 'mention', link: `/reviews/${reviewId}/report` });

		const [digest] = await mail.waitFor((emails) => emails.length === 1);
		expect(digest.subject).toBe('Your daily summary: 3 things need you');
		expect(digest.text).toContain('- Review Adult A: 2\n- Review Adult B: 1');
		await until(() => keys.every((key) => row(path, key).status === 'sent'));
		// Queued today: it waits for the next summary, at 08:00 UK time.
		expect(row(path, today)).toMatchObject({ status: 'pending', digest: 1, attempts: 0 });
		expect(row(path, today).next_attempt_at).toBe(nextDigestAt(new Date(), 8).getTime());
		await new Promise((r) => setTimeout(r, 500));
		expect(mail.received).toHaveLength(1);
	}, 90_000);
});

describe('scheduled reminders', () => {
	it('a timescale due soon and a sign-off unanswered for 7 days are reminded once, across restarts', async () => {
		const mail = await mailServer();
		const first = await server({ SMTP_URL: mail.url });
		const path = first.databasePath;
		const admin = new ApiClient(first.origin);
		await admin.signIn('admin@demo.test');
		const chair = new ApiClient(first.origin);
		await chair.signIn('chair@demo.test');
		// Notified 20 days ago: the decision is due within 14 days once 8 days have passed.
		const notifiedOn = todayInUk(new Date(Date.now() - 20 * 86_400_000));
		const reviewId = (await (await admin.request('POST', '/api/reviews', { title: 'Adult R', partnership: 'Northmoor CSP', dateOfDeath: notifiedOn, notifiedOn, chairEmail: 'chair@demo.test' })).json()).id as string;
		const agencyId = (await (await chair.request('POST', `/api/reviews/${reviewId}/agencies`, { name: 'Northmoor Police', kind: 'police' })).json()).id as string;
		expect((await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: 'police@demo.test', role: 'agency_rep', agencyId })).status).toBe(201);
		const versionId = (await (await chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: 'For sign-off' })).json()).id as string;
		expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId })).status).toBe(201);
		await first.stop('SIGTERM');
		const remindersOf = () => query<{ kind: string; user_id: string; status: string }>(path, "SELECT kind, user_id, status FROM notification WHERE review_id = ? AND kind <> 'signoff_requested' ORDER BY kind", reviewId);
		// Opening the round asked the police at once (sign-off's own message); no reminder yet.
		const requested = query<{ user_id: string }>(path, "SELECT user_id FROM notification WHERE review_id = ? AND kind = 'signoff_requested'", reviewId);
		expect(requested.map((r) => r.user_id)).toEqual([userId(path, 'police@demo.test')]);
		expect(remindersOf()).toEqual([]);

		// Eight days on: the job's 07:00 run was missed while the server was down, so it runs at start.
		const eightDays = String(8 * 86_400_000 + 3_600_000);
		const second = await startServer({ databasePath: path, env: { ...fast, SMTP_URL: mail.url, NOTIFY_NOW_OFFSET_MS: eightDays } });
		await mail.waitFor((emails) => emails.filter((email) => email.subject === "Something in review Adult R needs you").length === 3).catch((error) => {
			throw new Error(`${error}\n${second.output()}`);
		});
		expect(remindersOf().map((r) => [r.kind, r.user_id])).toEqual([
			['signoff_reminder', userId(path, 'police@demo.test')],
			['timescale_due', userId(path, 'chair@demo.test')]
		]);
		// The round's own request may have gone from the first server (another port): compare paths.
		const sentTo = mail.received
			.filter((email) => email.subject === 'Something in review Adult R needs you')
			.map((email) => [email.to[0], new URL(email.text.match(/Open it here: (\S+)/)![1]).pathname]);
		expect(sentTo.sort()).toEqual([
			['chair@demo.test', `/reviews/${reviewId}/timescales`],
			['police@demo.test', `/reviews/${reviewId}/signoff/${agencyId}`],
			['police@demo.test', `/reviews/${reviewId}/signoff/${agencyId}`]
		]);
		const job = query<{ last_run_at: number; next_run_at: number }>(path, "SELECT * FROM scheduled_job WHERE name = 'reminders'")[0];
		expect(job.next_run_at).toBeGreaterThan(Date.now() + Number(eightDays));
		await second.stop('SIGTERM');

		// Restarted the same day: the job does not run again.
		const third = await startServer({ databasePath: path, env: { ...fast, SMTP_URL: mail.url, NOTIFY_NOW_OFFSET_MS: eightDays } });
		await new Promise((r) => setTimeout(r, 800));
		expect(third.output()).not.toContain('reminders run');
		await third.stop('SIGTERM');
		expect(query<{ last_run_at: number }>(path, "SELECT * FROM scheduled_job WHERE name = 'reminders'")[0].last_run_at).toBe(job.last_run_at);

		// The next day it runs again, and the same causes queue nothing new.
		const nextDay = await server({ SMTP_URL: mail.url, NOTIFY_NOW_OFFSET_MS: String(9 * 86_400_000 + 3_600_000) }, path);
		await until(() => nextDay.output().includes('reminders run'));
		expect(nextDay.output()).toMatch(/reminders run: \d+ new/);
		await new Promise((r) => setTimeout(r, 500));
		expect(remindersOf()).toHaveLength(2);
		expect(mail.received.filter((email) => email.subject === 'Something in review Adult R needs you')).toHaveLength(3);
	}, 90_000);
});
