/** The words of each report section, read from the report's Yjs document (see canonical-text.ts). */
import * as Y from 'yjs';
import { sectionFragmentName } from '../domain/report-template';
import type { SectionText } from '../domain/canonical-text';

function wordsOf(node: Y.XmlElement | Y.XmlFragment | Y.XmlText, out: string[]): void {
	if (node instanceof Y.XmlText) {
		for (const part of node.toDelta() as { insert: unknown }[]) if (typeof part.insert === 'string') out.push(part.insert);
		return;
	}
	if (node instanceof Y.XmlElement && node.nodeName === 'chronologyCitation') {
		out.push(` [entry ${String(node.getAttribute('entryId'))}] `);
		return;
	}
	if (node instanceof Y.XmlElement && node.nodeName === 'imrCitation') {
		out.push(` [IMR ${String(node.getAttribute('agencyId'))} ${String(node.getAttribute('sectionKey'))}] `);
		return;
	}
	for (const child of node.toArray()) {
		if (child instanceof Y.XmlElement || child instanceof Y.XmlText) wordsOf(child, out);
		// Every block ends a word.
		out.push(' ');
	}
}

export function reportSectionTexts(doc: Y.Doc, sections: { key: string; title: string }[]): SectionText[] {
	return sections.map((section) => {
		const out: string[] = [];
		wordsOf(doc.getXmlFragment(sectionFragmentName(section.key)), out);
		return { title: section.title, text: out.join('') };
	});
}
