/**
 * The kinds of review a partnership can be notified of, and each one's rules, as data
 * (issue 20): the timescales, who must be told of the decision, and the letter that goes
 * with a decision not to review. A nation's new model (Scotland is building its own) or
 * a change of guidance is a new or changed entry here, not a change of code: the
 * timescales (`timescales.ts`), the decision page and the letter all read these rules.
 */
import type { IsoDate } from './dates';

export interface ReviewTypeRules {
	key: string;
	/** As the guidance names it. */
	label: string;
	/** When this type applies, in the words of the guidance, shown when choosing it. */
	applies: string;
	/** Where the model is used. */
	nations: string;
	/** The statute or guidance the rules come from. */
	basis: string;
	timescales: {
		/** The partnership decides whether to review within this many calendar months of notification. */
		decisionMonths: number;
		/** The overview report is due this many calendar months after the decision to review. */
		reportMonths: number;
	};
	/** Who must be told of the decision, either way. */
	toldOfDecision: string[];
	/** Who receives the letter when the partnership decides not to review (the quality assurance panel checks it). */
	noReviewLetter: {
		addressee: string[];
		subject: string;
		/** Paragraphs; `{partnership}`, `{title}`, `{notifiedOn}`, `{decidedOn}`, `{typeLabel}`, `{notifiedBy}` are filled in. */
		paragraphs: string[];
	};
}

const englandAndWalesLetter = {
	addressee: ['Domestic Homicide Review Team', 'Home Office', '2 Marsham Street', 'London SW1P 4DF'],
	subject: 'Decision not to hold a {typeLabel}: {title}',
	paragraphs: [
		'On {notifiedOn} {notifiedBy} notified {partnership} of a death that might meet the criteria for a {typeLabel}.',
		'Having considered the circumstances against the statutory guidance, the partnership decided on {decidedOn} not to hold a review. Its reasons are set out below.',
		'We send this decision to the Home Office so that its quality assurance panel can consider it, as the statutory guidance requires. Please contact us if the panel would like further information or disagrees with the decision.'
	]
};

export const reviewTypes = [
	{
		key: 'domestic_homicide',
		label: 'Domestic homicide review',
		applies: 'A person aged 16 or over has died, or appears to have died, from violence, abuse or neglect by a relative, a person they were or had been in an intimate relationship with, or a member of the same household.',
		nations: 'England and Wales',
		basis: 'Domestic Violence, Crime and Victims Act 2004, section 9; Home Office multi-agency statutory guidance',
		timescales: { decisionMonths: 1, reportMonths: 6 },
		toldOfDecision: ['The Home Office', 'The family of the person who died', 'The agency that notified the partnership'],
		noReviewLetter: englandAndWalesLetter
	},
	{
		key: 'domestic_abuse_related_death',
		label: 'Domestic abuse related death review',
		applies: 'A death by suicide, or an unexplained death, where domestic abuse is known or suspected (brought in by the Victims and Prisoners Act 2024).',
		nations: 'England and Wales',
		basis: 'Victims and Prisoners Act 2024, amending section 9 of the 2004 Act; the Home Office guidance as revised',
		timescales: { decisionMonths: 1, reportMonths: 6 },
		toldOfDecision: ['The Home Office', 'The family of the person who died', 'The agency that notified the partnership', 'The coroner, where an inquest is open'],
		noReviewLetter: englandAndWalesLetter
	},
	{
		key: 'single_unified_safeguarding',
		label: 'Single unified safeguarding review',
		applies: 'In Wales, one review in place of a domestic homicide review, adult or child practice review, mental health homicide review or offensive weapon homicide review.',
		nations: 'Wales',
		// The Welsh guidance sets its own process through the regional safeguarding board; these
		// figures follow the English timescales until the board confirms its own (a data change).
		basis: 'Single Unified Safeguarding Review statutory guidance (Welsh Government, 2024)',
		timescales: { decisionMonths: 1, reportMonths: 6 },
		toldOfDecision: ['The Welsh Government', 'The Home Office, where the death meets the criteria for a domestic homicide review', 'The family of the person who died', 'The regional safeguarding board'],
		noReviewLetter: {
			...englandAndWalesLetter,
			subject: 'Decision not to hold a {typeLabel} (which would include a domestic homicide review): {title}'
		}
	}
] as const satisfies readonly ReviewTypeRules[];

export type ReviewTypeKey = (typeof reviewTypes)[number]['key'];

/** A review recorded before review types existed was a domestic homicide review. */
export const defaultReviewType: ReviewTypeKey = 'domestic_homicide';

export function isReviewTypeKey(value: unknown): value is ReviewTypeKey {
	return typeof value === 'string' && reviewTypes.some((type) => type.key === value);
}

export function reviewTypeRules(key: string | null | undefined): ReviewTypeRules {
	return reviewTypes.find((type) => type.key === key) ?? reviewTypes.find((type) => type.key === defaultReviewType)!;
}

export interface LetterFacts {
	partnership: string;
	title: string;
	notifiedOn: string;
	decidedOn: string;
	notifiedBy: string;
}

/** Fills a template's placeholders; an unknown placeholder is left as written, so a typo in the data shows. */
export function fillTemplate(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The letter to the Home Office when a partnership decides not to review. Dates arrive formatted for reading. */
export function noReviewLetter(rules: ReviewTypeRules, facts: LetterFacts): { addressee: string[]; subject: string; paragraphs: string[] } {
	const values = { ...facts, typeLabel: rules.label.toLowerCase() };
	return {
		addressee: rules.noReviewLetter.addressee,
		subject: fillTemplate(rules.noReviewLetter.subject, values),
		paragraphs: rules.noReviewLetter.paragraphs.map((paragraph) => fillTemplate(paragraph, values))
	};
}

export type { IsoDate };
