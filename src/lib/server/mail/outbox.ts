/**
 * The outbox's delivery states (issue 14). A sender claims a message with one atomic update
 * (an immediate transaction: no two processes claim the same row), sends it, and only then
 * marks it sent. The claim moves `nextAttemptAt` a lease into the future and counts the
 * attempt; if the sender dies, the lease runs out and the message is due again. The attempt
 * count is the claim's token: a sender whose lease ran out cannot mark a row another has
 * claimed since.
 *
 * A message for the daily summary is claimed with every other summary message of that person
 * that is due, and they are sent as one email.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/client';
import { membership, notification, review, user, type Notification } from '../db/schema';
import { notificationFrequencyOf } from '../notifications';

export interface ClaimedDelivery {
	/** The person it goes to. */
	userId: string;
	/** One email for all of these: one row, or a person's due summary rows. */
	rows: Notification[];
	digest: boolean;
}

/** Claims the next due message (or a person's due summary), or null when nothing is due. */
export function claimNextDelivery(db: AppDatabase, now: Date, leaseMs: number): ClaimedDelivery | null {
	return db.transaction((tx) => {
		const next = tx
			.select({ id: notification.id, userId: notification.userId, digest: notification.digest })
			.from(notification)
			.where(and(eq(notification.status, 'pending'), lte(notification.nextAttemptAt, now)))
			.orderBy(asc(notification.nextAttemptAt), asc(notification.createdAt))
			.limit(1)
			.get();
		if (!next) return null;
		const which = next.digest
			? and(eq(notification.userId, next.userId), eq(notification.digest, true), eq(notification.status, 'pending'), lte(notification.nextAttemptAt, now))
			: eq(notification.id, next.id);
		const rows = tx
			.update(notification)
			.set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${notification.attempts} + 1` })
			.where(which)
			.returning()
			.all();
		return { userId: next.userId, rows, digest: next.digest };
	});
}

/** Why a claimed message is not sent at all: the person left, was deactivated, or chose none. */
export type SkipReason = 'left_review' | 'deactivated' | 'no_email';

export interface Recipient {
	email: string;
	skip: Map<string, SkipReason>;
	/** Review titles of the rows that do go, by review id. */
	titles: Map<string, string>;
}

/** Checked at send time, not when queued: someone who has since left or been deactivated gets nothing. */
export function checkRecipient(db: AppDatabase, delivery: ClaimedDelivery): Recipient | null {
	const person = db.select({ email: user.email, deactivatedAt: user.deactivatedAt }).from(user).where(eq(user.id, delivery.userId)).get();
	if (!person) return null;
	const skip = new Map<string, SkipReason>();
	const frequency = notificationFrequencyOf(db, delivery.userId);
	const reviewIds = [...new Set(delivery.rows.map((row) => row.reviewId).filter((id): id is string => id !== null))];
	const memberOf = new Set(
		reviewIds.length === 0
			? []
			: db
					.select({ reviewId: membership.reviewId })
					.from(membership)
					.where(and(eq(membership.userId, delivery.userId), inArray(membership.reviewId, reviewIds)))
					.all()
					.map((row) => row.reviewId)
	);
	for (const row of delivery.rows) {
		if (person.deactivatedAt) skip.set(row.id, 'deactivated');
		else if (frequency === 'none') skip.set(row.id, 'no_email');
		else if (row.reviewId && !memberOf.has(row.reviewId)) skip.set(row.id, 'left_review');
	}
	const titles = new Map(
		reviewIds.length === 0 ? [] : db.select({ id: review.id, title: review.title }).from(review).where(inArray(review.id, reviewIds)).all().map((row) => [row.id, row.title] as const)
	);
	return { email: person.email, skip, titles };
}

/** The claim is still ours: the same attempt, still pending. */
function ours(row: Notification) {
	return and(eq(notification.id, row.id), eq(notification.attempts, row.attempts), eq(notification.status, 'pending'));
}

export function markSent(db: AppDatabase, rows: Notification[], now: Date): void {
	db.transaction((tx) => {
		for (const row of rows) tx.update(notification).set({ status: 'sent', sentAt: now, lastError: null }).where(ours(row)).run();
	});
}

export function markSkipped(db: AppDatabase, rows: { row: Notification; reason: SkipReason }[]): void {
	db.transaction((tx) => {
		for (const { row, reason } of rows) tx.update(notification).set({ status: 'skipped', lastError: reason }).where(ours(row)).run();
	});
}

/** Exponential back-off: base, twice that, four times, … capped at six hours. */
export function retryDelayMs(attempts: number, baseMs: number): number {
	return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** After a failed attempt: due again after the back-off, or failed once the attempts are used up. */
export function markAttemptFailed(db: AppDatabase, rows: Notification[], errorCode: string, now: Date, policy: { retryBaseMs: number; maxAttempts: number }): { failed: number; nextAttemptAt: Date | null } {
	let failed = 0;
	let nextAttemptAt: Date | null = null;
	db.transaction((tx) => {
		for (const row of rows) {
			if (row.attempts >= policy.maxAttempts) {
				tx.update(notification).set({ status: 'failed', lastError: errorCode }).where(ours(row)).run();
				failed += 1;
			} else {
				nextAttemptAt = new Date(now.getTime() + retryDelayMs(row.attempts, policy.retryBaseMs));
				tx.update(notification).set({ lastError: errorCode, nextAttemptAt }).where(ours(row)).run();
			}
		}
	});
	return { failed, nextAttemptAt };
}
