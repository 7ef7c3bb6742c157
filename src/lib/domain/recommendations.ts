/**
 * Recommendations as structured items (issue 5), with a SMART check. Broad
 * recommendations ("raise awareness", "consider …") disperse responsibility: each one
 * needs someone who owns it, an outcome that can be seen to happen, and a date.
 *
 * Stored in the report document (DESIGN.md: `review/<id>/report`) as the
 * `Y.Array<Y.Map>` named `recommendations`, so they are live like the text.
 */
import { isIsoDate, type IsoDate } from './dates';

export const recommendationScopes = ['local', 'regional', 'national'] as const;
export type RecommendationScope = (typeof recommendationScopes)[number];

export const scopeLabels: Record<RecommendationScope, string> = {
	local: 'Local',
	regional: 'Regional',
	national: 'National'
};

export interface Recommendation {
	id: string;
	text: string;
	scope: RecommendationScope;
	/** The agency or body it is addressed to. */
	addressedTo: string;
	/** What will be different, in a way that can be checked. */
	outcome: string;
	/** `YYYY-MM-DD`, or '' when not yet set. */
	targetDate: IsoDate | '';
}

export interface SmartWarning {
	field: keyof Recommendation;
	message: string;
}

const vaguePhrases: { pattern: RegExp; message: string }[] = [
	{ pattern: /\braise (the )?awareness\b/i, message: '“Raise awareness” cannot be measured: say who will do what, for whom, and how you will know it worked.' },
	{ pattern: /\bconsider(s|ing)?\b/i, message: '“Consider” can be met by doing nothing: say what should be done.' },
	{ pattern: /\b(explore|look into|reflect on)\b/i, message: 'Say what should change, not only what should be thought about.' },
	{ pattern: /\b(where (possible|appropriate)|as appropriate|if resources allow)\b/i, message: 'A let-out clause makes the recommendation optional.' },
	{ pattern: /\b(all agencies|all partners|everyone|professionals should)\b/i, message: 'Addressed to everyone, it belongs to no one: name the agency or body.' }
];

/** Something that can be counted or checked: a number, a percentage, or an auditable change. */
const measurable = /\d|\b(per ?cent|all|every|each|audit|audited|record(ed)?|in place|published|agreed|reduc\w*|increas\w*)\b/i;

/** What a SMART check reads: the words, who owns it, how it will be seen to happen, and by when. */
export interface SmartSubject {
	text: string;
	owner: string;
	outcome: string;
	targetDate: IsoDate | '';
}

/** The messages for a missing owner or outcome, in the words of what is being checked. */
export interface SmartWording {
	noOwner: string;
	noOutcome: string;
	vagueOutcome: string;
}

const recommendationWording: SmartWording = {
	noOwner: 'No owner: say which agency or body it is addressed to.',
	noOutcome: 'No intended outcome: say what will be different.',
	vagueOutcome: 'The outcome is hard to measure: add how you will know it has happened (a number, an audit, a published policy).'
};

/**
 * The SMART check shared by recommendations and the actions of the action plan (issue 19):
 * one set of rules, each caller naming its own fields and wording.
 */
export function smartCheck(subject: SmartSubject, today: IsoDate, wording: SmartWording): { field: keyof SmartSubject; message: string }[] {
	const warnings: { field: keyof SmartSubject; message: string }[] = [];
	if (!subject.text.trim()) warnings.push({ field: 'text', message: 'Write the recommendation.' });
	if (!subject.owner.trim()) warnings.push({ field: 'owner', message: wording.noOwner });
	if (!subject.outcome.trim()) warnings.push({ field: 'outcome', message: wording.noOutcome });
	else if (!measurable.test(subject.outcome)) warnings.push({ field: 'outcome', message: wording.vagueOutcome });
	if (!subject.targetDate) warnings.push({ field: 'targetDate', message: 'No target date.' });
	else if (!isIsoDate(subject.targetDate)) warnings.push({ field: 'targetDate', message: 'The target date is not a real date.' });
	else if (subject.targetDate <= today) warnings.push({ field: 'targetDate', message: 'The target date has passed.' });
	for (const { pattern, message } of vaguePhrases) {
		if (pattern.test(subject.text) || pattern.test(subject.owner)) warnings.push({ field: 'text', message });
	}
	return warnings;
}

export function smartWarnings(recommendation: Recommendation, today: IsoDate): SmartWarning[] {
	const fields = { text: 'text', owner: 'addressedTo', outcome: 'outcome', targetDate: 'targetDate' } as const;
	return smartCheck({ text: recommendation.text, owner: recommendation.addressedTo, outcome: recommendation.outcome, targetDate: recommendation.targetDate }, today, recommendationWording).map((w) => ({ field: fields[w.field], message: w.message }));
}

export function emptyRecommendation(id: string): Recommendation {
	return { id, text: '', scope: 'local', addressedTo: '', outcome: '', targetDate: '' };
}
