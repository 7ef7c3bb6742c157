import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reportSectionTexts } from './report-text';
import { textHash } from '../domain/canonical-text';

const sections = [
	{ key: 'analysis', title: 'Analysis' },
	{ key: 'conclusions', title: 'Conclusions' }
];

function paragraph(fragment: Y.XmlFragment, text: string, index = fragment.length): Y.XmlText {
	const element = new Y.XmlElement('paragraph');
	const xmlText = new Y.XmlText(text);
	element.insert(0, [xmlText]);
	fragment.insert(index, [element]);
	return xmlText;
}

function hashOf(doc: Y.Doc): string {
	return textHash(reportSectionTexts(doc, sections));
}

describe('the canonical text hash', () => {
	it('ignores formatting, spacing and paragraph breaks, and changes with any word', () => {
		const doc = new Y.Doc();
		const analysis = doc.getXmlFragment('section:analysis');
		const text = paragraph(analysis, 'The GP asked about abuse when she attended alone.');
		paragraph(doc.getXmlFragment('section:conclusions'), 'The homicide could not have been predicted.');
		const original = hashOf(doc);

		text.format(4, 2, { bold: true });
		expect(hashOf(doc)).toBe(original);

		// Splitting the paragraph in two: the same words.
		text.delete(25, 24);
		paragraph(analysis, 'when she attended alone.');
		expect(hashOf(doc)).toBe(original);

		text.insert(text.length, '  ');
		expect(hashOf(doc)).toBe(original);

		text.insert(8, 'also ');
		expect(hashOf(doc)).not.toBe(original);
	});

	it('changes when a section is renamed or a citation points elsewhere', () => {
		const doc = new Y.Doc();
		const element = new Y.XmlElement('paragraph');
		const citation = new Y.XmlElement('chronologyCitation');
		citation.setAttribute('entryId', 'e1');
		element.insert(0, [new Y.XmlText('See '), citation]);
		doc.getXmlFragment('section:analysis').insert(0, [element]);
		const original = hashOf(doc);
		expect(textHash(reportSectionTexts(doc, [{ key: 'analysis', title: 'Findings' }, sections[1]]))).not.toBe(original);
		citation.setAttribute('entryId', 'e2');
		expect(hashOf(doc)).not.toBe(original);
	});
});
