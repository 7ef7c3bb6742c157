import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { citationsInReport } from './report-citations';

function cite(fragment: Y.XmlFragment, entryId: string) {
	const paragraph = new Y.XmlElement('paragraph');
	const citation = new Y.XmlElement('chronologyCitation');
	citation.setAttribute('entryId', entryId);
	paragraph.insert(0, [new Y.XmlText('See '), citation]);
	fragment.push([paragraph]);
}

describe('citationsInReport', () => {
	it('finds citations in every section, including in a document that only synced them', () => {
		const written = new Y.Doc();
		cite(written.getXmlFragment('section:analysis'), 'e1');
		cite(written.getXmlFragment('section:analysis'), 'e1');
		cite(written.getXmlFragment('section:chronology'), 'e1');
		cite(written.getXmlFragment('section:chronology'), 'e2');
		const read = new Y.Doc();
		Y.applyUpdate(read, Y.encodeStateAsUpdate(written));
		const cited = citationsInReport(read);
		expect(cited.get('e1')).toEqual(['analysis', 'chronology']);
		expect(cited.get('e2')).toEqual(['chronology']);
		expect(cited.has('e3')).toBe(false);
	});
});
