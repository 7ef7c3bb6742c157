/**
 * Statutory timescales of a Domestic Homicide Review (Home Office statutory
 * guidance): the partnership decides whether to hold a review within one month
 * of being notified, and the overview report is due within six months of that
 * decision. Extensions are agreed with the partnership and recorded with a reason.
 */
import { addMonths } from 'date-fns';
import { daysBetween, parseIsoDate, toIsoDate, type IsoDate } from './dates';

export const dueSoonDays = 14;

export const milestoneKeys = ['decision', 'report'] as const;
export type MilestoneKey = (typeof milestoneKeys)[number];

export const milestoneLabels: Record<MilestoneKey, string> = {
	decision: 'Decision to hold a review',
	report: 'Overview report to the partnership'
};

export interface TimescaleExtension {
	milestone: MilestoneKey;
	newDueOn: IsoDate;
	reason: string;
	recordedAt: Date;
	recordedBy?: string;
}

export interface ReviewDates {
	notifiedOn: IsoDate;
	decisionOn: IsoDate | null;
	reportCompletedOn?: IsoDate | null;
	/** Set when the partnership decided not to review: no report will be due. */
	closedOn?: IsoDate | null;
}

export type MilestoneStatus = 'waiting' | 'due' | 'due_soon' | 'overdue' | 'met' | 'met_late';

export const milestoneStatusLabels: Record<MilestoneStatus, string> = {
	waiting: 'Not started',
	due: 'Due',
	due_soon: 'Due soon',
	overdue: 'Overdue',
	met: 'Done on time',
	met_late: 'Done late'
};

export interface Milestone {
	key: MilestoneKey;
	label: string;
	/** The date the guidance sets, before any extension; null until it can be known. */
	statutoryDueOn: IsoDate | null;
	/** The date that applies now: the latest agreed extension, or the statutory date. */
	dueOn: IsoDate | null;
	extension: TimescaleExtension | null;
	completedOn: IsoDate | null;
	status: MilestoneStatus;
	/** Days from today to the due date; negative once overdue; null when done or unknown. */
	daysRemaining: number | null;
}

function addCalendarMonths(value: IsoDate, months: number): IsoDate {
	const date = parseIsoDate(value);
	if (!date) throw new RangeError(`Not a date: ${value}`);
	// date-fns clamps to the end of shorter months: 31 January + 1 month = 28 or 29 February.
	return toIsoDate(addMonths(date, months));
}

/**
 * The months each milestone allows. The defaults are the domestic homicide review's;
 * each review type carries its own (`review-types.ts`), so a nation's model is data.
 */
export interface TimescaleRules {
	decisionMonths: number;
	reportMonths: number;
}
export const homicideReviewTimescales: TimescaleRules = { decisionMonths: 1, reportMonths: 6 };

export function decisionDueOn(notifiedOn: IsoDate, months = homicideReviewTimescales.decisionMonths): IsoDate {
	return addCalendarMonths(notifiedOn, months);
}

export function reportDueOn(decisionOn: IsoDate, months = homicideReviewTimescales.reportMonths): IsoDate {
	return addCalendarMonths(decisionOn, months);
}

function latestExtension(
	extensions: readonly TimescaleExtension[],
	milestone: MilestoneKey
): TimescaleExtension | null {
	let latest: TimescaleExtension | null = null;
	for (const extension of extensions) {
		if (extension.milestone !== milestone) continue;
		if (!latest || extension.recordedAt.getTime() >= latest.recordedAt.getTime()) latest = extension;
	}
	return latest;
}

export function milestoneStatus(
	dueOn: IsoDate | null,
	completedOn: IsoDate | null,
	today: IsoDate
): { status: MilestoneStatus; daysRemaining: number | null } {
	if (!dueOn) return { status: 'waiting', daysRemaining: null };
	if (completedOn) {
		return { status: completedOn <= dueOn ? 'met' : 'met_late', daysRemaining: null };
	}
	const daysRemaining = daysBetween(today, dueOn);
	if (daysRemaining < 0) return { status: 'overdue', daysRemaining };
	if (daysRemaining <= dueSoonDays) return { status: 'due_soon', daysRemaining };
	return { status: 'due', daysRemaining };
}

/** Both milestones of a review as they stand on `today`. */
export function assessTimescales(
	dates: ReviewDates,
	extensions: readonly TimescaleExtension[],
	today: IsoDate,
	rules: TimescaleRules = homicideReviewTimescales
): Milestone[] {
	const decisionStatutory = decisionDueOn(dates.notifiedOn, rules.decisionMonths);
	const reportStatutory = dates.decisionOn && !dates.closedOn ? reportDueOn(dates.decisionOn, rules.reportMonths) : null;
	const plan: { key: MilestoneKey; statutory: IsoDate | null; completedOn: IsoDate | null }[] = [
		{ key: 'decision', statutory: decisionStatutory, completedOn: dates.decisionOn },
		{ key: 'report', statutory: reportStatutory, completedOn: dates.reportCompletedOn ?? null }
	];
	return plan.map(({ key, statutory, completedOn }) => {
		const extension = latestExtension(extensions, key);
		// An extension to a milestone that cannot be dated yet (no decision) is kept but waits.
		const dueOn = statutory === null ? null : (extension?.newDueOn ?? statutory);
		return {
			key,
			label: milestoneLabels[key],
			statutoryDueOn: statutory,
			dueOn,
			extension,
			completedOn,
			...milestoneStatus(dueOn, completedOn, today)
		};
	});
}

/** Checks a proposed extension; returns a message for the user, or null when it is acceptable. */
export function checkExtension(
	milestone: Milestone,
	newDueOn: IsoDate,
	reason: string
): { field: 'newDueOn' | 'reason' | 'milestone'; message: string } | null {
	if (milestone.completedOn) {
		return { field: 'milestone', message: `${milestone.label} is already done, so it cannot be extended` };
	}
	if (!milestone.dueOn || !milestone.statutoryDueOn) {
		return { field: 'milestone', message: 'Record the date of the decision before extending the report deadline' };
	}
	if (newDueOn <= milestone.dueOn) {
		return { field: 'newDueOn', message: 'The new date must be after the date currently due' };
	}
	if (reason.trim().length < 10) {
		return { field: 'reason', message: 'Enter the reason the partnership agreed the extension' };
	}
	return null;
}
