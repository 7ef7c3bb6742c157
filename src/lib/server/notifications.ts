/**
 * Telling people that something needs them (issue 14). A change that needs someone calls
 * `enqueueNotification` inside its own transaction, so the message exists exactly when the
 * change does; the sender delivers the outbox later. No case content ever goes in: the
 * email says only which review needs you, with a link (email leaves the secure boundary).
 */
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { AppDatabase, DbExecutor } from './db/client';
import { notification, notificationPreference, review, user } from './db/schema';
import { nextDigestAt } from '../domain/reminders';
import { notifyDigestHour } from './config';
import { recordAudit } from './audit';
import type { Actor } from './actor';

export type NotificationFrequency = 'immediate' | 'daily' | 'none';

/** Why someone is told: the same words as the task list's kinds. */
export interface NotificationCause {
	userId: string;
	reviewId: string | null;
	/** The task kind that caused it, e.g. 'mention', 'signoff_requested'. */
	kind: string;
	/** Unique per cause: enqueueing the same cause twice keeps one message. */
	dedupeKey: string;
	/** A path on this site, e.g. `/reviews/<id>/report#comment-<id>`. */
	link: string;
}

export const notificationFrequencies = ['immediate', 'daily', 'none'] as const satisfies readonly NotificationFrequency[];

export function isNotificationFrequency(value: unknown): value is NotificationFrequency {
	return typeof value === 'string' && (notificationFrequencies as readonly string[]).includes(value);
}

export function notificationFrequencyOf(db: DbExecutor, userId: string): NotificationFrequency {
	return db.select({ frequency: notificationPreference.frequency }).from(notificationPreference).where(eq(notificationPreference.userId, userId)).get()?.frequency ?? 'immediate';
}

function digestHour(): number {
	try {
		return notifyDigestHour();
	} catch {
		// A bad NOTIFY_DIGEST_HOUR stops the server at start; never fail someone's change over it.
		return 8;
	}
}

/**
 * Adds a message to the outbox unless the person chose none; a cause already queued is not
 * queued again. A message for the daily summary is due at the next summary time, so the
 * sender needs no other schedule for it and a restart loses none.
 */
export function enqueueNotification(db: DbExecutor, cause: NotificationCause, now = new Date()): void {
	const frequency = notificationFrequencyOf(db, cause.userId);
	if (frequency === 'none') return;
	const digest = frequency === 'daily';
	db.insert(notification)
		.values({ id: randomUUID(), ...cause, digest, nextAttemptAt: digest ? nextDigestAt(now, digestHour()) : now, createdAt: now })
		.onConflictDoNothing({ target: notification.dedupeKey })
		.run();
}

/** Records a person's choice on "Your account", with its audit record, in one transaction. */
export function setNotificationFrequency(db: AppDatabase, actor: Actor, frequency: NotificationFrequency, now = new Date()): void {
	db.transaction((tx) => {
		const before = notificationFrequencyOf(tx, actor.userId);
		tx.insert(notificationPreference)
			.values({ userId: actor.userId, frequency, updatedAt: now })
			.onConflictDoUpdate({ target: notificationPreference.userId, set: { frequency, updatedAt: now } })
			.run();
		recordAudit(tx, { action: 'notification.preference_changed', actorUserId: actor.userId, targetUserId: actor.userId, detail: { from: before, to: frequency }, ipAddress: actor.ipAddress, at: now });
	});
}

/** One row of the admin's outbox: who, which review, why, and how delivery is going; never content. */
export interface OutboxEntry {
	id: string;
	recipient: string;
	reviewTitle: string | null;
	kind: string;
	status: 'pending' | 'sent' | 'failed' | 'skipped';
	digest: boolean;
	attempts: number;
	lastError: string | null;
	nextAttemptAt: Date;
	sentAt: Date | null;
	createdAt: Date;
}

/** The most recent messages, newest first, for the admin's Outbox page. */
export function listOutbox(db: AppDatabase, limit = 200): OutboxEntry[] {
	return db
		.select({
			id: notification.id,
			recipient: user.name,
			reviewTitle: review.title,
			kind: notification.kind,
			status: notification.status,
			digest: notification.digest,
			attempts: notification.attempts,
			lastError: notification.lastError,
			nextAttemptAt: notification.nextAttemptAt,
			sentAt: notification.sentAt,
			createdAt: notification.createdAt
		})
		.from(notification)
		.innerJoin(user, eq(user.id, notification.userId))
		.leftJoin(review, eq(review.id, notification.reviewId))
		.orderBy(desc(notification.createdAt))
		.limit(limit)
		.all();
}

/** How many messages stand in each status, for the page's summary. */
export function countOutbox(db: AppDatabase): Record<OutboxEntry['status'], number> {
	const counts = { pending: 0, sent: 0, failed: 0, skipped: 0 };
	for (const row of db.$client.prepare('SELECT status, count(*) AS n FROM notification GROUP BY status').all() as { status: keyof typeof counts; n: number }[]) counts[row.status] = row.n;
	return counts;
}
