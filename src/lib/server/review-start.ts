/**
 * The start of a review's record (issue 20): the notification, the decision whether to
 * review (against the review type's timescale) and the scoping stage's early learning.
 * The decision date is also the review's `decisionOn`, which the timescales read.
 */
import { asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { earlyLearning, review, reviewDecision, reviewNotification, user } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { reviewTypeRules, type ReviewTypeRules } from '../domain/review-types';
import type { Decision, DecisionOutcome, Notification } from '../domain/review-start';

export interface ReviewStart {
	notification: (Omit<Notification, 'reviewType'> & { reviewType: string; recordedAt: Date; recordedByName: string }) | null;
	decision: (Decision & { recordedAt: Date; recordedByName: string }) | null;
	earlyLearning: { id: string; learning: string; actionTaken: string; recordedAt: Date; recordedByName: string }[];
	/** The type's rules: a review recorded before types existed is a domestic homicide review. */
	rules: ReviewTypeRules;
	/** The date of a decision not to review: the record is closed from then. */
	closedOn: string | null;
}

export function loadReviewStart(db: AppDatabase, reviewId: string): ReviewStart {
	const found = db.select({ notifiedOn: review.notifiedOn }).from(review).where(eq(review.id, reviewId)).get();
	const notification = db
		.select({ reviewType: reviewNotification.reviewType, notifiedBy: reviewNotification.notifiedBy, summary: reviewNotification.summary, recordedAt: reviewNotification.recordedAt, recordedByName: user.name })
		.from(reviewNotification)
		.innerJoin(user, eq(user.id, reviewNotification.recordedBy))
		.where(eq(reviewNotification.reviewId, reviewId))
		.get();
	const decision = db
		.select({ outcome: reviewDecision.outcome, reasons: reviewDecision.reasons, decidedBy: reviewDecision.decidedBy, decidedOn: reviewDecision.decidedOn, recordedAt: reviewDecision.recordedAt, recordedByName: user.name })
		.from(reviewDecision)
		.innerJoin(user, eq(user.id, reviewDecision.recordedBy))
		.where(eq(reviewDecision.reviewId, reviewId))
		.get();
	const learning = db
		.select({ id: earlyLearning.id, learning: earlyLearning.learning, actionTaken: earlyLearning.actionTaken, recordedAt: earlyLearning.recordedAt, recordedByName: user.name })
		.from(earlyLearning)
		.innerJoin(user, eq(user.id, earlyLearning.recordedBy))
		.where(eq(earlyLearning.reviewId, reviewId))
		.orderBy(asc(earlyLearning.recordedAt))
		.all();
	return {
		notification: notification && found ? { ...notification, notifiedOn: found.notifiedOn } : null,
		decision: decision ? { ...decision, outcome: decision.outcome as DecisionOutcome } : null,
		earlyLearning: learning,
		rules: reviewTypeRules(notification?.reviewType),
		closedOn: decision?.outcome === 'no_review' ? decision.decidedOn : null
	};
}

/** The date the record was closed by a decision not to review, or null. */
export function reviewClosedOn(db: AppDatabase, reviewId: string): string | null {
	const decision = db.select({ outcome: reviewDecision.outcome, decidedOn: reviewDecision.decidedOn }).from(reviewDecision).where(eq(reviewDecision.reviewId, reviewId)).get();
	return decision?.outcome === 'no_review' ? decision.decidedOn : null;
}

/** Records (or corrects) the notification; its date becomes the review's date of notification. */
export function recordNotification(db: AppDatabase, actor: Actor, reviewId: string, notification: Notification, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		// Checked again inside the transaction: a decision recorded meanwhile must not end up before its notification.
		const decided = tx.select({ decidedOn: reviewDecision.decidedOn }).from(reviewDecision).where(eq(reviewDecision.reviewId, reviewId)).get();
		if (decided && notification.notifiedOn > decided.decidedOn) {
			return refused<null>(400, 'notifiedOn', 'The date of the notification must be on or before the date of the decision already recorded');
		}
		const row = { reviewType: notification.reviewType, notifiedBy: notification.notifiedBy, summary: notification.summary, recordedBy: actor.userId, recordedAt: now };
		tx.insert(reviewNotification)
			.values({ reviewId, ...row })
			.onConflictDoUpdate({ target: reviewNotification.reviewId, set: row })
			.run();
		tx.update(review).set({ notifiedOn: notification.notifiedOn }).where(eq(review.id, reviewId)).run();
		// The summary is case content: it stays out of the audit detail.
		recordAudit(tx, { action: 'review.notification_recorded', actorUserId: actor.userId, reviewId, detail: { reviewType: notification.reviewType, notifiedOn: notification.notifiedOn }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

/**
 * Records (or corrects) the decision whether to review. A decision dated before the
 * notification is refused and nothing changes; a decision not to review closes the record.
 */
export function recordDecision(db: AppDatabase, actor: Actor, reviewId: string, decision: Decision, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const found = tx.select({ notifiedOn: review.notifiedOn }).from(review).where(eq(review.id, reviewId)).get();
		if (!found) return refused<null>(404, 'review', 'Review not found');
		if (decision.decidedOn < found.notifiedOn) {
			return refused<null>(400, 'decidedOn', 'The date of the decision must be on or after the date the partnership was notified');
		}
		const row = { outcome: decision.outcome, reasons: decision.reasons, decidedBy: decision.decidedBy, decidedOn: decision.decidedOn, recordedBy: actor.userId, recordedAt: now };
		tx.insert(reviewDecision)
			.values({ reviewId, ...row })
			.onConflictDoUpdate({ target: reviewDecision.reviewId, set: row })
			.run();
		tx.update(review).set({ decisionOn: decision.decidedOn }).where(eq(review.id, reviewId)).run();
		recordAudit(tx, { action: 'review.decision_recorded', actorUserId: actor.userId, reviewId, detail: { outcome: decision.outcome, decidedOn: decision.decidedOn }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

export function addEarlyLearning(db: AppDatabase, actor: Actor, reviewId: string, input: { learning: string; actionTaken: string }, now = new Date()): void {
	db.transaction((tx) => {
		const id = randomUUID();
		tx.insert(earlyLearning).values({ id, reviewId, learning: input.learning, actionTaken: input.actionTaken, recordedBy: actor.userId, recordedAt: now }).run();
		recordAudit(tx, { action: 'review.early_learning_recorded', actorUserId: actor.userId, reviewId, detail: { learningId: id }, ipAddress: actor.ipAddress, at: now });
	});
}
