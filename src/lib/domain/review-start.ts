/**
 * The start of a review (issue 20): the notification the partnership receives, and its
 * decision, within the review type's timescale, whether to hold a review. A decision
 * not to review closes the record and goes to the Home Office. Checks only; no I/O.
 */
import { isIsoDate, type IsoDate } from './dates';
import { isReviewTypeKey, reviewTypes, type ReviewTypeKey, type ReviewTypeRules } from './review-types';
import { decisionDueOn, milestoneStatus, type MilestoneStatus } from './timescales';
import type { Checked, FieldError } from './validation';

export const maxSummaryLength = 1500;
export const maxReasonsLength = 4000;
export const maxNameLength = 120;

export interface Notification {
	notifiedOn: IsoDate;
	/** Who notified the partnership: usually the police, sometimes another agency or a family member. */
	notifiedBy: string;
	/** A brief factual summary: what is known, not opinion. */
	summary: string;
	reviewType: ReviewTypeKey;
}

export const decisionOutcomes = ['review', 'no_review'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const decisionOutcomeLabels: Record<DecisionOutcome, string> = {
	review: 'Hold a review',
	no_review: 'Do not hold a review'
};

export interface Decision {
	outcome: DecisionOutcome;
	reasons: string;
	/** Who made the decision (the partnership's chair, or the panel that met). */
	decidedBy: string;
	decidedOn: IsoDate;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function requiredText(errors: FieldError[], field: string, value: unknown, missing: string, max: number, label: string): string {
	const trimmed = text(value);
	if (!trimmed) errors.push({ field, message: missing });
	else if (trimmed.length > max) errors.push({ field, message: `${label} must be ${max} characters or fewer` });
	return trimmed;
}

/** Checks the notification record. `decidedOn`, when a decision is already recorded, must not come before it. */
export function checkNotification(
	input: { notifiedOn?: unknown; notifiedBy?: unknown; summary?: unknown; reviewType?: unknown },
	known: { dateOfDeath: IsoDate; decidedOn: IsoDate | null; today: IsoDate },
	preErrors: FieldError[] = []
): Checked<Notification> {
	const errors: FieldError[] = [];
	const seen = new Set(preErrors.map((error) => error.field));
	let notifiedOn: IsoDate | null = null;
	if (!seen.has('notifiedOn')) {
		if (!isIsoDate(input.notifiedOn)) errors.push({ field: 'notifiedOn', message: 'Enter the date the partnership was notified' });
		else if (input.notifiedOn > known.today) errors.push({ field: 'notifiedOn', message: 'The date of the notification must be today or in the past' });
		else if (input.notifiedOn < known.dateOfDeath) errors.push({ field: 'notifiedOn', message: 'The date of the notification must be on or after the date of death' });
		else if (known.decidedOn && input.notifiedOn > known.decidedOn) errors.push({ field: 'notifiedOn', message: 'The date of the notification must be on or before the date of the decision already recorded' });
		else notifiedOn = input.notifiedOn;
	}
	const notifiedBy = requiredText(errors, 'notifiedBy', input.notifiedBy, 'Enter who notified the partnership, for example "Police"', maxNameLength, 'Who notified the partnership');
	const summary = requiredText(errors, 'summary', input.summary, 'Enter a brief factual summary of what is known', maxSummaryLength, 'The summary');
	if (!isReviewTypeKey(input.reviewType)) errors.push({ field: 'reviewType', message: 'Select the type of review' });
	const all = [...preErrors, ...errors];
	if (all.length > 0 || !notifiedOn || !isReviewTypeKey(input.reviewType)) return { ok: false, errors: all };
	return { ok: true, value: { notifiedOn, notifiedBy, summary, reviewType: input.reviewType } };
}

/** Checks a decision: a decision dated before the notification is refused (issue 20, bad input). */
export function checkDecision(
	input: { outcome?: unknown; reasons?: unknown; decidedBy?: unknown; decidedOn?: unknown },
	known: { notifiedOn: IsoDate; today: IsoDate },
	preErrors: FieldError[] = []
): Checked<Decision> {
	const errors: FieldError[] = [];
	const outcome = (decisionOutcomes as readonly unknown[]).includes(input.outcome) ? (input.outcome as DecisionOutcome) : null;
	if (!outcome) errors.push({ field: 'outcome', message: 'Select whether the partnership decided to hold a review' });
	const seen = new Set(preErrors.map((error) => error.field));
	let decidedOn: IsoDate | null = null;
	if (!seen.has('decidedOn')) {
		if (!isIsoDate(input.decidedOn)) errors.push({ field: 'decidedOn', message: 'Enter the date of the decision' });
		else if (input.decidedOn < known.notifiedOn) errors.push({ field: 'decidedOn', message: 'The date of the decision must be on or after the date the partnership was notified' });
		else if (input.decidedOn > known.today) errors.push({ field: 'decidedOn', message: 'The date of the decision must be today or in the past' });
		else decidedOn = input.decidedOn;
	}
	const reasons = requiredText(errors, 'reasons', input.reasons, 'Enter the reasons for the decision', maxReasonsLength, 'The reasons');
	const decidedBy = requiredText(errors, 'decidedBy', input.decidedBy, 'Enter who made the decision', maxNameLength, 'Who made the decision');
	const all = [...preErrors, ...errors];
	if (all.length > 0 || !outcome || !decidedOn) return { ok: false, errors: all };
	return { ok: true, value: { outcome, reasons, decidedBy, decidedOn } };
}

export interface DecisionTimescale {
	dueOn: IsoDate;
	status: MilestoneStatus;
	daysRemaining: number | null;
	months: number;
}

/** The decision against its timescale: due one month (for the types known today) after notification. */
export function decisionTimescale(notifiedOn: IsoDate, decidedOn: IsoDate | null, rules: ReviewTypeRules, today: IsoDate): DecisionTimescale {
	const months = rules.timescales.decisionMonths;
	const dueOn = decisionDueOn(notifiedOn, months);
	return { dueOn, months, ...milestoneStatus(dueOn, decidedOn, today) };
}

export const maxLearningLength = 2000;

/** Early learning from the scoping stage: something to act on before the review ends. */
export function checkEarlyLearning(input: { learning?: unknown; actionTaken?: unknown }): Checked<{ learning: string; actionTaken: string }> {
	const errors: FieldError[] = [];
	const learning = requiredText(errors, 'learning', input.learning, 'Enter the early learning', maxLearningLength, 'The early learning');
	const actionTaken = text(input.actionTaken);
	if (actionTaken.length > maxLearningLength) errors.push({ field: 'actionTaken', message: `The action must be ${maxLearningLength} characters or fewer` });
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, value: { learning, actionTaken } };
}

export { reviewTypes };
