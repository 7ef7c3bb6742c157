/**
 * What a new review must record, and the checks on it. A review's title is
 * pseudonymised from the start ("Adult A"): the guidance requires anonymity, and
 * a name typed in here would travel into every page and export.
 */
import { isIsoDate, type IsoDate } from './dates';
import type { Checked, FieldError } from './validation';

export interface ReviewDetails {
	title: string;
	partnership: string;
	dateOfDeath: IsoDate;
	notifiedOn: IsoDate;
	decisionOn: IsoDate | null;
}

export interface ReviewDetailsInput {
	title?: unknown;
	partnership?: unknown;
	dateOfDeath?: unknown;
	notifiedOn?: unknown;
	decisionOn?: unknown;
}

const maxTitle = 80;
const maxPartnership = 120;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * Checks review details. Dates arrive as `YYYY-MM-DD` (forms convert their three
 * boxes first, reporting their own errors as `preErrors`).
 */
export function checkReviewDetails(
	input: ReviewDetailsInput,
	today: IsoDate,
	preErrors: FieldError[] = []
): Checked<ReviewDetails> {
	const errors: FieldError[] = [];
	const title = text(input.title);
	const partnership = text(input.partnership);
	if (!title) errors.push({ field: 'title', message: 'Enter a pseudonymised title for the review, for example "Adult A"' });
	else if (title.length > maxTitle) errors.push({ field: 'title', message: `Title must be ${maxTitle} characters or fewer` });
	if (!partnership) errors.push({ field: 'partnership', message: 'Enter the name of the community safety partnership' });
	else if (partnership.length > maxPartnership) {
		errors.push({ field: 'partnership', message: `Partnership name must be ${maxPartnership} characters or fewer` });
	}

	const seen = new Set(preErrors.map((error) => error.field));
	const date = (field: keyof ReviewDetailsInput, label: string, required: boolean): IsoDate | null => {
		if (seen.has(field)) return null;
		const value = input[field];
		if (value === undefined || value === null || value === '') {
			if (required) errors.push({ field, message: `Enter ${label}` });
			return null;
		}
		if (!isIsoDate(value)) {
			errors.push({ field, message: `${capitalise(label)} must be a real date` });
			return null;
		}
		if (value > today) {
			errors.push({ field, message: `${capitalise(label)} must be today or in the past` });
			return null;
		}
		return value;
	};
	const dateOfDeath = date('dateOfDeath', 'the date of death', true);
	const notifiedOn = date('notifiedOn', 'the date the partnership was notified', true);
	const decisionOn = date('decisionOn', 'the date of the decision to hold a review', false);
	if (dateOfDeath && notifiedOn && notifiedOn < dateOfDeath) {
		errors.push({ field: 'notifiedOn', message: 'The date the partnership was notified must be on or after the date of death' });
	}
	if (notifiedOn && decisionOn && decisionOn < notifiedOn) {
		errors.push({ field: 'decisionOn', message: 'The date of the decision must be on or after the date the partnership was notified' });
	}

	const all = [...preErrors, ...errors];
	if (all.length > 0 || !dateOfDeath || !notifiedOn) return { ok: false, errors: all };
	return { ok: true, value: { title, partnership, dateOfDeath, notifiedOn, decisionOn } };
}

function capitalise(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}
