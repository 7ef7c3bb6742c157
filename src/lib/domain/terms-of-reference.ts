/**
 * The terms of reference (issue 20): what the review looks at. Their text lives in the
 * collaborative document `review/<id>/terms`, one TipTap fragment per part below, and the
 * key lines of enquiry as structured items (`keyLinesOfEnquiry`, a `Y.Array<Y.Map>`) so
 * that the report's analysis passages can be linked to the line each one answers.
 */

export interface TermsPart {
	key: string;
	title: string;
	guidance: string;
}

export const termsParts: TermsPart[] = [
	{ key: 'period', title: 'Period under review', guidance: 'The dates the review covers, and why: for example from the start of the relationship, or five years before the death.' },
	{ key: 'subjects', title: 'Subjects of the review', guidance: 'The people the review is about, by their pseudonyms: the person who died, the perpetrator, and any children or family members in scope.' },
	{ key: 'agencies', title: 'Agencies in scope', guidance: 'The agencies asked for a chronology, an IMR or a short report, and why each is included.' },
	{ key: 'not-in-scope', title: 'Agencies not in scope, and why', guidance: 'Agencies considered and left out, with the reason (for example, no contact with the subjects in the period).' }
];

/** The fragment of the terms document holding one part's text. */
export function termsFragmentName(key: string): string {
	return `terms:${key}`;
}

export interface KeyLineOfEnquiry {
	id: string;
	text: string;
}

export const maxKeyLineLength = 600;

export function keyLineProblem(text: string): string | null {
	const trimmed = text.trim();
	if (!trimmed) return 'Enter the key line of enquiry';
	if (trimmed.length > maxKeyLineLength) return `A key line of enquiry must be ${maxKeyLineLength} characters or fewer`;
	return null;
}

/** What the quality assurance checklist needs of the terms (the contract `termsOfReferenceFacts` answers). */
export interface TermsOfReferenceFacts {
	agreedOn: string | null;
	keyLinesOfEnquiry: { id: string; text: string; answered: boolean }[];
}

/** The report section the agreed terms go into. */
export const reportTermsSectionKey = 'terms-of-reference';
