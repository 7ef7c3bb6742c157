/**
 * The reminders job (issue 14). croner wakes it on its schedule (07:00 UK time by default);
 * its next run is kept in `scheduled_job`, so a server that was down at 07:00 runs it when it
 * starts, and one restarted after a run does not run it again. The whole run (every reminder
 * queued, and the next run recorded) is one transaction: it happens wholly once or not at all.
 * What is due comes from domain/reminders.ts; the outbox's dedupe keys make even a repeated
 * run queue nothing new.
 */
import { reviewClosedOn } from '../review-start';
import { Cron } from 'croner';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/client';
import { agency, membership, notification, review, scheduledJob, user } from '../db/schema';
import { actionDueReminders, remindersDue, type ReviewFacts } from '../../domain/reminders';
import { openActionsWithDates } from '../action-plan';
import { listExtensions } from '../reviews';
import { currentTextHash, loadSignoff } from '../signoff';
import { enqueueNotification } from '../notifications';

export const reminderJobName = 'reminders';
const reminderKinds = ['timescale_due', 'signoff_reminder', 'confirmation_out_of_date', 'action_due'];

/** A review's facts for the reminders: dates, chairs, agencies' representatives, sign-off. */
export function reviewFacts(db: AppDatabase, reviewId: string): ReviewFacts | null {
	const found = db.select().from(review).where(eq(review.id, reviewId)).get();
	if (!found || found.materialDeletedAt) return null;
	const members = db
		.select({ userId: membership.userId, role: membership.role, agencyId: membership.agencyId })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.reviewId, reviewId), isNull(user.deactivatedAt)))
		.all();
	const representatives = new Map<string, string[]>();
	for (const member of members) {
		if (member.role !== 'agency_rep' || !member.agencyId) continue;
		representatives.set(member.agencyId, [...(representatives.get(member.agencyId) ?? []), member.userId]);
	}
	const signoff = loadSignoff(db, reviewId);
	const agencyIds = db.select({ id: agency.id }).from(agency).where(eq(agency.reviewId, reviewId)).orderBy(asc(agency.name)).all();
	return {
		reviewId,
		dates: { notifiedOn: found.notifiedOn, decisionOn: found.decisionOn, closedOn: reviewClosedOn(db, reviewId) },
		extensions: listExtensions(db, reviewId),
		chairIds: members.filter((member) => member.role === 'chair').map((member) => member.userId),
		agencies: agencyIds.map(({ id }) => ({ agencyId: id, representativeIds: representatives.get(id) ?? [] })),
		signoff,
		// Reading the report is the costly part: only when a decision could be out of date.
		currentTextHash: Object.keys(signoff.decisions).length > 0 ? currentTextHash(db, reviewId) : ''
	};
}

/** Queues every reminder due at `now`; answers how many were new. */
export function queueReminders(db: AppDatabase, now: Date): number {
	const countReminders = () => db.select({ n: sql<number>`count(*)` }).from(notification).where(inArray(notification.kind, reminderKinds)).get()!.n;
	const before = countReminders();
	for (const { id } of db.select({ id: review.id }).from(review).where(isNull(review.materialDeletedAt)).all()) {
		const facts = reviewFacts(db, id);
		if (!facts) continue;
		for (const reminder of remindersDue(facts, now)) enqueueNotification(db, reminder, now);
		const representatives = new Map(facts.agencies.map((a) => [a.agencyId, a.representativeIds]));
		const actions = openActionsWithDates(db, [id]).map((a) => ({ ...a, representativeIds: representatives.get(a.leadAgencyId) ?? [] }));
		for (const reminder of actionDueReminders(actions, now)) enqueueNotification(db, reminder, now);
	}
	return countReminders() - before;
}

function nextRunAfter(schedule: string, now: Date): Date {
	const next = new Cron(schedule, { timezone: 'Europe/London' }).nextRun(now);
	if (!next) throw new Error('The reminders schedule has no next run');
	return next;
}

/**
 * Runs the reminders if their recorded next run has come (or they never ran), and records the
 * next one, in one transaction. Answers null when it was not due.
 */
export function runReminderJobIfDue(db: AppDatabase, now: Date, schedule: string): { queued: number } | null {
	return db.transaction((tx) => {
		const db_ = tx as unknown as AppDatabase;
		const job = db_.select().from(scheduledJob).where(eq(scheduledJob.name, reminderJobName)).get();
		if (job && job.nextRunAt.getTime() > now.getTime()) return null;
		const queued = queueReminders(db_, now);
		const nextRunAt = nextRunAfter(schedule, now);
		db_.insert(scheduledJob)
			.values({ name: reminderJobName, lastRunAt: now, nextRunAt })
			.onConflictDoUpdate({ target: scheduledJob.name, set: { lastRunAt: now, nextRunAt } })
			.run();
		return { queued };
	});
}

/** Where an error was thrown (file:line), for the log: its message may quote content, its place does not. */
function stackPlace(error: unknown): string {
	const frame = (error as Error)?.stack?.split('\n')[1]?.match(/\(?([^()\s]+:\d+:\d+)\)?$/)?.[1];
	return frame ? ` at ${frame.split('/').slice(-2).join('/')}` : '';
}

export interface ReminderScheduler {
	close(): void;
}

export function startReminderScheduler(options: { db: AppDatabase; now: () => Date; schedule: string; log: (line: string) => void; onQueued: () => void }): ReminderScheduler {
	const tick = () => {
		try {
			const result = runReminderJobIfDue(options.db, options.now(), options.schedule);
			if (!result) return;
			options.log(`reminders run: ${result.queued} new`);
			if (result.queued > 0) options.onQueued();
		} catch (error) {
			// Ids and codes only; the job runs again at its next time (nothing was recorded).
			options.log(`reminders could not run (${(error as { code?: string }).code ?? (error as Error).name}${stackPlace(error)}); will try at the next scheduled time`);
		}
	};
	// Catches up a run missed while the server was down.
	tick();
	const job = new Cron(options.schedule, { timezone: 'Europe/London', protect: true, unref: true }, tick);
	return {
		close() {
			job.stop();
		}
	};
}
