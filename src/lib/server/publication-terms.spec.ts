import { describe, expect, it } from 'vitest';
import { termsFromFacts, termsFromSection } from './publication-terms';
import type { RichNode } from '../domain/report-passages';

const paragraph = (words: string): RichNode => ({ type: 'paragraph', content: [{ type: 'text', text: words }] });
const list = (...items: string[]): RichNode => ({ type: 'orderedList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) });

describe('the terms of reference, read from the report', () => {
	it('counts the key lines of enquiry listed after they are named', () => {
		const section = { key: 'terms-of-reference', title: 'Terms of reference', blocks: [paragraph('The period reviewed is 2017 to 2020.'), paragraph('The key lines of enquiry were:'), list('Risk assessment', 'Information sharing', 'Coercive control')] };
		expect(termsFromSection(section)).toEqual({ present: true, linesOfEnquiry: 3, source: 'report', agreedOn: null, unanswered: [] });
	});

	it('finds terms without lines of enquiry, and no terms in an empty section', () => {
		expect(termsFromSection({ key: 't', title: 'T', blocks: [paragraph('The period reviewed is 2017 to 2020.'), list('Police', 'Health')] })).toMatchObject({ present: true, linesOfEnquiry: 0 });
		expect(termsFromSection({ key: 't', title: 'T', blocks: [{ type: 'paragraph' }] })).toMatchObject({ present: false, linesOfEnquiry: 0 });
		expect(termsFromSection(undefined).present).toBe(false);
	});
});

describe('the terms of reference, read from the terms document', () => {
	it('counts its key lines, carries the agreement and lists those the report does not answer', () => {
		const facts = {
			agreedOn: '2025-03-03',
			keyLinesOfEnquiry: [
				{ id: 'a', text: 'Was risk assessed? ', answered: true },
				{ id: 'b', text: 'Was information shared?', answered: false },
				{ id: 'c', text: '   ', answered: false }
			]
		};
		expect(termsFromFacts(facts)).toEqual({ present: true, linesOfEnquiry: 2, source: 'terms', agreedOn: '2025-03-03', unanswered: ['Was information shared?'] });
	});

	it('gives way to the report’s section when it names no key line', () => {
		expect(termsFromFacts({ agreedOn: '2025-03-03', keyLinesOfEnquiry: [] })).toBeNull();
	});
});
