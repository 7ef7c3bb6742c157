/**
 * Scheduled reminders (issue 14): what is due when, as pure functions of a review's facts
 * and the moment, counted in UK calendar days as the statutory timescales are. The scheduler
 * (server/notifications/reminders.ts) gathers the facts and queues what these return; each
 * reminder's dedupe key names its cause exactly, so running the job twice queues nothing new.
 *
 * - a timescale due within 14 days, or overdue: to the chair, once per milestone and due date
 *   (an extension gives a new date, and so a new reminder);
 * - a sign-off requested and not answered for 7 days: to that agency's representatives, once
 *   per round and agency;
 * - a confirmation out of date because the text changed: to that agency's representatives,
 *   once per confirmation (its confirmed text).
 */
import { daysBetween, todayInUk, ukDateTimeToInstant, type IsoDate } from './dates';
import { assessTimescales, type ReviewDates, type TimescaleExtension } from './timescales';
import type { SignoffState } from './signoff';
import { actionStanding } from './action-plan';

export const signoffReminderDays = 7;

/** A reminder to queue: the same shape as the outbox's cause. */
export interface Reminder {
	userId: string;
	reviewId: string;
	kind: 'timescale_due' | 'signoff_reminder' | 'confirmation_out_of_date' | 'action_due';
	dedupeKey: string;
	link: string;
}

export interface ReviewFacts {
	reviewId: string;
	dates: ReviewDates;
	extensions: readonly TimescaleExtension[];
	chairIds: string[];
	agencies: { agencyId: string; representativeIds: string[] }[];
	signoff: SignoffState;
	/** The hash of the report's words now (sign-off's canonical text). */
	currentTextHash: string;
}

export function timescaleReminders(review: ReviewFacts, now: Date): Reminder[] {
	const today = todayInUk(now);
	// A final report has been completed as far as the panel's timescale is concerned.
	const finished = review.signoff.stage === 'final';
	return assessTimescales(review.dates, review.extensions, today)
		.filter((milestone) => milestone.dueOn && (milestone.status === 'due_soon' || milestone.status === 'overdue'))
		.filter((milestone) => !(finished && milestone.key === 'report'))
		.flatMap((milestone) =>
			review.chairIds.map((userId) => ({
				userId,
				reviewId: review.reviewId,
				kind: 'timescale_due' as const,
				dedupeKey: `reminder:timescale:${review.reviewId}:${milestone.key}:${milestone.dueOn}:${userId}`,
				link: `/reviews/${review.reviewId}/timescales`
			}))
		);
}

export function unansweredSignoffReminders(review: ReviewFacts, now: Date): Reminder[] {
	const { round, stage } = review.signoff;
	if (!round || stage === 'final') return [];
	if (daysBetween(todayInUk(new Date(round.openedAt)), todayInUk(now)) < signoffReminderDays) return [];
	const roundKey = `${round.versionId}:${Date.parse(round.openedAt)}`;
	return review.agencies
		.filter(({ agencyId }) => {
			const decision = review.signoff.decisions[agencyId];
			return !decision || decision.voided;
		})
		.flatMap(({ agencyId, representativeIds }) =>
			representativeIds.map((userId) => ({
				userId,
				reviewId: review.reviewId,
				// Not 'signoff_requested': that message went when the round opened; this is the reminder.
				kind: 'signoff_reminder' as const,
				dedupeKey: `reminder:signoff:${review.reviewId}:${roundKey}:${agencyId}:${userId}`,
				link: `/reviews/${review.reviewId}/signoff/${agencyId}`
			}))
		);
}

export function outOfDateConfirmationReminders(review: ReviewFacts): Reminder[] {
	if (review.signoff.stage === 'final') return [];
	return review.agencies.flatMap(({ agencyId, representativeIds }) => {
		const decision = review.signoff.decisions[agencyId];
		// Only a confirmation the text moved away from: a dispute stays a dispute, and a voided
		// one (the report was reopened) is a sign-off request again.
		if (!decision || decision.decision !== 'confirm' || decision.voided || decision.answer || decision.textHash === review.currentTextHash) return [];
		return representativeIds.map((userId) => ({
			userId,
			reviewId: review.reviewId,
			kind: 'confirmation_out_of_date' as const,
			dedupeKey: `reminder:confirmation:${review.reviewId}:${agencyId}:${decision.textHash}:${userId}`,
			link: `/reviews/${review.reviewId}/signoff`
		}));
	});
}

/** An open action of the action plan with a target date (issue 19). */
export interface ActionReminderFacts {
	id: string;
	reviewId: string;
	ownerUserId: string | null;
	targetDate: IsoDate;
	/** The lead agency's representatives: reminded when the action has no named owner. */
	representativeIds: string[];
}

/**
 * An action due within its reminder window (14 days before its target date, in UK days): to
 * its owner, or its agency's representatives when it has none; once per action and target date
 * (a new date is a new reminder).
 */
export function actionDueReminders(actions: readonly ActionReminderFacts[], now: Date): Reminder[] {
	return actions
		.filter((action) => actionStanding({ status: 'in_progress', targetDate: action.targetDate }, now) === 'due_soon')
		.flatMap((action) =>
			(action.ownerUserId ? [action.ownerUserId] : action.representativeIds).map((userId) => ({
				userId,
				reviewId: action.reviewId,
				kind: 'action_due' as const,
				dedupeKey: `reminder:action:${action.reviewId}:${action.id}:${action.targetDate}:${userId}`,
				link: `/reviews/${action.reviewId}/action-plan#action-${action.id}`
			}))
		);
}

/** Every reminder a review has due at `now`. */
export function remindersDue(review: ReviewFacts, now: Date): Reminder[] {
	return [...timescaleReminders(review, now), ...unansweredSignoffReminders(review, now), ...outOfDateConfirmationReminders(review)];
}

function nextUkDay(date: IsoDate): IsoDate {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/**
 * When the daily summary holding something queued at `now` goes: the next `hour`:00 UK time
 * after it (08:00 is 08:00 GMT in winter and 07:00 UTC in summer).
 */
export function nextDigestAt(now: Date, hour: number): Date {
	const time = `${String(hour).padStart(2, '0')}:00`;
	const today = todayInUk(now);
	const todays = ukDateTimeToInstant(today, time);
	return todays.getTime() > now.getTime() ? todays : ukDateTimeToInstant(nextUkDay(today), time);
}
