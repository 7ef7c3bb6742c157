import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTempDatabase } from '../../../../tests/helpers/temp-database';
import { createReviewFixture } from '../../../../tests/helpers/review-fixture';
import { enqueueNotification, setNotificationFrequency } from '../notifications';
import { notification } from '../db/schema';
import { claimNextDelivery, markAttemptFailed, markSent, retryDelayMs } from './outbox';
import { connectDatabase, type AppDatabase } from '../db/client';

let temp: ReturnType<typeof createTempDatabase>;
let db: AppDatabase;
let chairId: string;
let reviewId: string;
const t0 = new Date('2025-03-03T10:00:00Z');
const lease = 60_000;

beforeEach(async () => {
	({ temp, db, chairId, reviewId } = await createReviewFixture());
});
afterEach(() => temp.dispose());

const cause = (key: string) => ({ userId: chairId, reviewId, kind: 'mention', dedupeKey: key, link: `/reviews/${reviewId}/report` });
const stored = (key: string) => db.select().from(notification).where(eq(notification.dedupeKey, key)).get()!;

describe('claiming a message', () => {
	it('gives it to one sender only, even from another connection', () => {
		enqueueNotification(db, cause('a'), t0);
		const other = connectDatabase(temp.path);
		try {
			expect(claimNextDelivery(db, t0, lease)?.rows.map((row) => row.dedupeKey)).toEqual(['a']);
			expect(claimNextDelivery(other, t0, lease)).toBeNull();
		} finally {
			other.$client.close();
		}
	});

	it('lets another sender take it once the lease of one that died has run out, and the late one cannot then mark it', () => {
		enqueueNotification(db, cause('a'), t0);
		const dead = claimNextDelivery(db, t0, lease)!;
		expect(claimNextDelivery(db, new Date(t0.getTime() + lease - 1), lease)).toBeNull();
		const retried = claimNextDelivery(db, new Date(t0.getTime() + lease), lease)!;
		expect(retried.rows[0].attempts).toBe(2);
		// The first sender wakes up and reports success: its claim is no longer the current one.
		markSent(db, dead.rows, t0);
		expect(stored('a').status).toBe('pending');
		markSent(db, retried.rows, t0);
		expect(stored('a').status).toBe('sent');
	});

	it('is never given again once sent', () => {
		enqueueNotification(db, cause('a'), t0);
		markSent(db, claimNextDelivery(db, t0, lease)!.rows, t0);
		expect(claimNextDelivery(db, new Date(t0.getTime() + 10 * lease), lease)).toBeNull();
	});

	it('queues one message per cause, however often the cause is queued', () => {
		enqueueNotification(db, cause('same'), t0);
		enqueueNotification(db, cause('same'), t0);
		expect(db.select().from(notification).all()).toHaveLength(1);
	});
});

describe('after a failed attempt', () => {
	it('waits twice as long each time, up to six hours', () => {
		expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
		expect(retryDelayMs(30, 60_000)).toBe(6 * 3_600_000);
	});

	it('keeps the message with the error code until the attempts are used up, then marks it failed', () => {
		enqueueNotification(db, cause('a'), t0);
		const policy = { retryBaseMs: 1_000, maxAttempts: 2 };
		const first = claimNextDelivery(db, t0, lease)!;
		expect(markAttemptFailed(db, first.rows, 'SMTP 451', t0, policy)).toEqual({ failed: 0, nextAttemptAt: new Date(t0.getTime() + 1_000) });
		expect(stored('a')).toMatchObject({ status: 'pending', lastError: 'SMTP 451', attempts: 1 });
		expect(claimNextDelivery(db, new Date(t0.getTime() + 999), lease)).toBeNull();
		const second = claimNextDelivery(db, new Date(t0.getTime() + 1_000), lease)!;
		expect(markAttemptFailed(db, second.rows, 'ECONNECTION', t0, policy).failed).toBe(1);
		expect(stored('a')).toMatchObject({ status: 'failed', lastError: 'ECONNECTION', attempts: 2 });
	});
});

describe('the daily summary', () => {
	it('is due at the next summary time, and claims all of a person’s due messages together', () => {
		setNotificationFrequency(db, { userId: chairId, ipAddress: null }, 'daily', t0);
		enqueueNotification(db, cause('a'), t0);
		enqueueNotification(db, cause('b'), new Date('2025-03-03T11:00:00Z'));
		expect(stored('a')).toMatchObject({ digest: true, nextAttemptAt: new Date('2025-03-04T08:00:00Z') });
		expect(claimNextDelivery(db, new Date('2025-03-04T07:59:59Z'), lease)).toBeNull();
		const batch = claimNextDelivery(db, new Date('2025-03-04T08:00:00Z'), lease)!;
		expect(batch.digest).toBe(true);
		expect(batch.rows.map((row) => row.dedupeKey).sort()).toEqual(['a', 'b']);
	});

	it('is not queued at all for someone who chose no email', () => {
		setNotificationFrequency(db, { userId: chairId, ipAddress: null }, 'none', t0);
		enqueueNotification(db, cause('a'), t0);
		expect(db.select().from(notification).all()).toEqual([]);
	});
});
