/**
 * The blame-free language flags still open in the report (issue 14, item 6): the check
 * of every paragraph's words, minus the wordings someone kept with a reason. The editor
 * underlines them paragraph by paragraph; the server lists them before the report's
 * words leave the panel (a sign-off round, a version shared with the family), so the
 * chair decides knowingly. One function does the per-paragraph part for both, so the
 * two can never disagree about what is open.
 *
 * Works on ProseMirror JSON (what the report stores), so it needs no Yjs and no DOM.
 */
import { checkLanguage, type LanguageFlag, type LanguageTerm } from './language-check';
import { occurrenceKey } from './language-dismissal';
import type { RichNode, SectionContent } from './report-passages';

/** A flag still open in one paragraph, with the key a dismissal would be recorded under. */
export interface ParagraphFlag extends LanguageFlag {
	key: string;
}

/**
 * The open flags of one paragraph's text (a textblock, each inline node other than text
 * counting as one space, as the editor sees it). `nth` counts matches of a term within
 * the paragraph, so a kept wording stays kept only while its paragraph reads the same.
 */
export function openFlagsInParagraph(text: string, terms: LanguageTerm[], dismissed: ReadonlySet<string>): ParagraphFlag[] {
	const seen = new Map<string, number>();
	const open: ParagraphFlag[] = [];
	for (const flag of checkLanguage(text, terms)) {
		const nth = seen.get(flag.termId) ?? 0;
		seen.set(flag.termId, nth + 1);
		const key = occurrenceKey(flag.termId, nth, text);
		if (!dismissed.has(key)) open.push({ ...flag, key });
	}
	return open;
}

/** A flag still open in the report, located by its section. */
export interface OpenFlag {
	sectionKey: string;
	sectionTitle: string;
	/** The flagged words, as written. */
	text: string;
	label: string;
	category: LanguageFlag['category'];
	why: string;
	suggestion: string;
}

const textblockTypes = new Set(['paragraph', 'heading', 'codeBlock']);

function isTextblock(node: RichNode): boolean {
	return textblockTypes.has(node.type ?? '') || (node.content ?? []).some((child) => child.type === 'text');
}

/** A textblock's text as ProseMirror gives it to the editor's check. */
function textblockText(node: RichNode): string {
	return (node.content ?? []).map((child) => (child.type === 'text' ? (child.text ?? '') : ' ')).join('');
}

export function eachTextblock(node: RichNode, visit: (text: string) => void): void {
	if (isTextblock(node)) visit(textblockText(node));
	else for (const child of node.content ?? []) eachTextblock(child, visit);
}

/** Every open flag in the report's sections, in reading order. */
export function openFlagsInReport(sections: SectionContent[], terms: LanguageTerm[], dismissed: ReadonlySet<string>): OpenFlag[] {
	return sections.flatMap((section) => {
		const flags: OpenFlag[] = [];
		for (const block of section.blocks) {
			eachTextblock(block, (text) => {
				for (const flag of openFlagsInParagraph(text, terms, dismissed)) {
					flags.push({ sectionKey: section.key, sectionTitle: section.title, text: flag.text, label: flag.label, category: flag.category, why: flag.why, suggestion: flag.suggestion });
				}
			});
		}
		return flags;
	});
}
