/**
 * Where the readiness check finds the terms of reference and the key lines of enquiry.
 * Today: the report's "Terms of reference" section. The terms of reference issue (20)
 * brings their own collaborative document (`review/<id>/terms`); at merge, only
 * `termsOfReference` changes to read it.
 */
import type { AppDatabase } from './db/client';
import { passagesOf, type SectionContent } from '../domain/report-passages';

export interface TermsOfReference {
	/** The terms are written at all. */
	present: boolean;
	/** How many key lines of enquiry they name (0 when none can be found). */
	linesOfEnquiry: number;
}

/** Counts the lines of enquiry: list items after a mention of them, or numbered questions. */
export function termsFromSection(section: SectionContent | undefined): TermsOfReference {
	if (!section) return { present: false, linesOfEnquiry: 0 };
	const passages = passagesOf([section]);
	if (!passages.length) return { present: false, linesOfEnquiry: 0 };
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
	return { present: true, linesOfEnquiry: lines };
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function termsOfReference(db: AppDatabase, reviewId: string, reportSections: SectionContent[]): TermsOfReference {
	return termsFromSection(reportSections.find((section) => section.key === 'terms-of-reference'));
}
