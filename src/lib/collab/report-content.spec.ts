import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reportContent } from './report-content';
import { passagesOf } from '../domain/report-passages';

describe('report content', () => {
	it('reads each section’s blocks, marks and citations as ProseMirror JSON', () => {
		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment('section:analysis');
		const paragraph = new Y.XmlElement('paragraph');
		const words = new Y.XmlText();
		words.insert(0, 'Officers attended ');
		words.insert(18, 'promptly', { bold: {} });
		const citation = new Y.XmlElement('chronologyCitation');
		citation.setAttribute('entryId', 'e1');
		citation.setAttribute('label', '12 March 2019 · Northmoor Police');
		paragraph.insert(0, [words, citation]);
		fragment.insert(0, [paragraph]);

		const [section, empty] = reportContent(doc, [
			{ key: 'analysis', title: 'Analysis' },
			{ key: 'other', title: 'Other' }
		]);
		expect(empty.blocks).toEqual([]);
		expect(section.blocks[0].content?.[1]).toMatchObject({ type: 'text', text: 'promptly', marks: [{ type: 'bold' }] });
		const [passage] = passagesOf([section]);
		expect(passage).toMatchObject({ text: 'Officers attended promptly 12 March 2019 · Northmoor Police', entryIds: ['e1'] });
	});
});
