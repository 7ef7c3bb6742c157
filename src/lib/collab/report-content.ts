/** The report's sections as ProseMirror JSON, read from its Yjs document (for read-only views and passages). */
import type * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { sectionFragmentName } from '../domain/report-template';
import type { RichNode, SectionContent } from '../domain/report-passages';

export function reportContent(doc: Y.Doc, sections: { key: string; title: string }[]): SectionContent[] {
	return sections.map((section) => {
		const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(sectionFragmentName(section.key))) as RichNode;
		return { key: section.key, title: section.title, blocks: json.content ?? [] };
	});
}
