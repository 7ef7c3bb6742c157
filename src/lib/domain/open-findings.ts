/**
 * The identifier scan's findings still open in the report (issue 16): every paragraph's
 * findings minus those someone recorded as "Not identifying" with a reason. The editor
 * marks them paragraph by paragraph; the server lists them before the report leaves the
 * panel. One function does the per-paragraph part for both (as open-flags.ts does for the
 * language check), so the two never disagree about what is open.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Finding, Scanner } from './anonymisation';
import { occurrenceKey } from './language-dismissal';
import { eachTextblock } from './open-flags';
import type { SectionContent } from './report-passages';

/** A finding in one paragraph, with the key a "Not identifying" record is kept under. */
export interface ParagraphFinding extends Finding {
	key: string;
}

/** Stands for the finding's words in its key, without storing the restricted words themselves. */
function findingTerm(finding: Finding): string {
	const words = finding.text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
	return `anon-${encodeHexLowerCase(sha256(new TextEncoder().encode(words))).slice(0, 12)}`;
}

/**
 * The open findings of one paragraph's text. `nth` counts the same words within the
 * paragraph, so "Not identifying" holds only while the paragraph reads the same.
 */
export function openFindingsInParagraph(text: string, scanner: Scanner, dismissed: ReadonlySet<string>): ParagraphFinding[] {
	const seen = new Map<string, number>();
	const open: ParagraphFinding[] = [];
	for (const finding of scanner.scan(text)) {
		const term = findingTerm(finding);
		const nth = seen.get(term) ?? 0;
		seen.set(term, nth + 1);
		const key = occurrenceKey(term, nth, text);
		if (!dismissed.has(key)) open.push({ ...finding, key });
	}
	return open;
}

export interface OpenFinding {
	sectionKey: string;
	sectionTitle: string;
	finding: Finding;
}

/** Every open finding in the report's sections, in reading order. */
export function openFindingsInReport(sections: SectionContent[], scanner: Scanner, dismissed: ReadonlySet<string>): OpenFinding[] {
	const open: OpenFinding[] = [];
	for (const section of sections) {
		for (const block of section.blocks) {
			eachTextblock(block, (text) => {
				for (const { key: _key, ...finding } of openFindingsInParagraph(text, scanner, dismissed)) {
					open.push({ sectionKey: section.key, sectionTitle: section.title, finding });
				}
			});
		}
	}
	return open;
}
