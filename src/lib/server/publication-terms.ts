/**
 * Where the readiness check finds the terms of reference and the key lines of enquiry:
 * the terms' own collaborative document (`review/<id>/terms`, issue 20), with the panel's
 * agreement and which lines the report answers. Only when that document names no key
 * line (a review begun before it existed, or whose terms were written straight into the
 * report) does the check fall back to the report's "Terms of reference" section.
 */
import type { AppDatabase } from './db/client';
import { termsOfReferenceFacts } from './terms';
import { passagesOf, type SectionContent } from '../domain/report-passages';
import { reportTermsSectionKey, type TermsOfReferenceFacts } from '../domain/terms-of-reference';

export interface TermsOfReference {
	/** The terms are written at all. */
	present: boolean;
	/** How many key lines of enquiry they name (0 when none can be found). */
	linesOfEnquiry: number;
	/** Where they were read from: the terms document, or (the fallback) the report's section. */
	source: 'terms' | 'report';
	/** The day the panel agreed the terms (ISO), or null; always null for the report's section. */
	agreedOn: string | null;
	/** The key lines no report passage has been linked to as answering, in order. */
	unanswered: string[];
}

/** Counts the lines of enquiry: list items after a mention of them, or numbered questions. */
export function termsFromSection(section: SectionContent | undefined): TermsOfReference {
	const none: TermsOfReference = { present: false, linesOfEnquiry: 0, source: 'report', agreedOn: null, unanswered: [] };
	if (!section) return none;
	const passages = passagesOf([section]);
	if (!passages.length) return none;
	let listed = 0;
	let afterMention = false;
	for (const passage of passages) {
		const mentions = /\b(key )?lines? of enquiry\b|\bKLOEs?\b/i.test(passage.text);
		const node = passage.node;
		if ((node.type === 'bulletList' || node.type === 'orderedList') && (afterMention || mentions)) listed += node.content?.length ?? 0;
		else if (mentions) afterMention = true;
	}
	// Lines of enquiry written out in a paragraph rather than a list still count, once.
	const lines = listed || (afterMention ? 1 : 0);
	return { ...none, present: true, linesOfEnquiry: lines };
}

/** The terms as the terms document holds them, or null when it names no key line of enquiry. */
export function termsFromFacts(facts: TermsOfReferenceFacts): TermsOfReference | null {
	const lines = facts.keyLinesOfEnquiry.filter((line) => line.text.trim());
	if (!lines.length) return null;
	return {
		present: true,
		linesOfEnquiry: lines.length,
		source: 'terms',
		agreedOn: facts.agreedOn,
		unanswered: lines.filter((line) => !line.answered).map((line) => line.text.trim())
	};
}

export function termsOfReference(db: AppDatabase, reviewId: string, reportSections: SectionContent[]): TermsOfReference {
	return termsFromFacts(termsOfReferenceFacts(db, reviewId)) ?? termsFromSection(reportSections.find((section) => section.key === reportTermsSectionKey));
}
