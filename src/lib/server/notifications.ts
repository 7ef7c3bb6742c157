/**
 * Telling people that something needs them (issue 14). A change that needs someone calls
 * `enqueueNotification` inside its own transaction, so the message exists exactly when the
 * change does; the sender delivers the outbox later. No case content ever goes in: the
 * email says only which review needs you, with a link (email leaves the secure boundary).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbExecutor } from './db/client';
import { notification, notificationPreference } from './db/schema';

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

export function notificationFrequencyOf(db: DbExecutor, userId: string): NotificationFrequency {
	return db.select({ frequency: notificationPreference.frequency }).from(notificationPreference).where(eq(notificationPreference.userId, userId)).get()?.frequency ?? 'immediate';
}

/** Adds a message to the outbox unless the person chose none; a cause already queued is not queued again. */
export function enqueueNotification(db: DbExecutor, cause: NotificationCause, now = new Date()): void {
	const frequency = notificationFrequencyOf(db, cause.userId);
	if (frequency === 'none') return;
	db.insert(notification)
		.values({ id: randomUUID(), ...cause, digest: frequency === 'daily', nextAttemptAt: now, createdAt: now })
		.onConflictDoNothing({ target: notification.dedupeKey })
		.run();
}
