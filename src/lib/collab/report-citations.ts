/** Where the report cites each chronology entry: entry id → the keys of the sections citing it. */
import * as Y from 'yjs';

export function citationsInReport(doc: Y.Doc): Map<string, string[]> {
	const cited = new Map<string, string[]>();
	for (const name of [...doc.share.keys()]) {
		if (!name.startsWith('section:')) continue;
		const sectionKey = name.slice('section:'.length);
		const walker = doc.getXmlFragment(name).createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === 'chronologyCitation');
		for (const node of walker) {
			const entryId = (node as Y.XmlElement).getAttribute('entryId');
			if (typeof entryId !== 'string') continue;
			const sections = cited.get(entryId) ?? [];
			if (!sections.includes(sectionKey)) sections.push(sectionKey);
			cited.set(entryId, sections);
		}
	}
	return cited;
}
