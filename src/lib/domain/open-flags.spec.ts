import { describe, expect, it } from 'vitest';
import { openFlagsInParagraph, openFlagsInReport } from './open-flags';
import { occurrenceKey } from './language-dismissal';
import { customTerm } from './language-check';
import type { RichNode, SectionContent } from './report-passages';

const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const text = (words: string): RichNode => ({ type: 'text', text: words });
const citation: RichNode = { type: 'chronologyCitation', attrs: { entryId: 'e1', label: '3 May 2024, Police' } };

describe('open language flags in the report', () => {
	it('lists each flag with its section, the flagged words and why, in reading order, including lists and tables', () => {
		const sections: SectionContent[] = [
			{ key: 'analysis', title: 'Analysis', blocks: [paragraph(text('She declined to engage with the IDVA.'))] },
			{
				key: 'lessons',
				title: 'Lessons to be learnt',
				blocks: [
					{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('The GP should have known.'))] }] },
					{ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('It was a volatile relationship.'))] }] }] }
				]
			}
		];
		const flags = openFlagsInReport(sections, [], new Set());
		expect(flags.map((f) => [f.sectionTitle, f.text])).toEqual([
			['Analysis', 'declined to engage'],
			['Lessons to be learnt', 'should have known'],
			['Lessons to be learnt', 'volatile relationship']
		]);
		expect(flags[0]).toMatchObject({ sectionKey: 'analysis', category: 'victim-blaming' });
		expect(flags[0].why.length).toBeGreaterThan(10);
	});

	it('a wording kept with a reason stays kept while its paragraph reads the same, as the editor keys it (a citation counts as one space)', () => {
		const words = 'She declined to engage ';
		const seenByEditor = `${words} and declined to engage again.`;
		const block = paragraph(text(words), citation, text(' and declined to engage again.'));
		const first = occurrenceKey('declined-to-engage', 0, seenByEditor);
		const sections: SectionContent[] = [{ key: 'analysis', title: 'Analysis', blocks: [block] }];
		expect(openFlagsInReport(sections, [], new Set())).toHaveLength(2);
		const open = openFlagsInReport(sections, [], new Set([first]));
		expect(open).toHaveLength(1);
		expect(openFlagsInParagraph(seenByEditor, [], new Set([first]))[0].key).toBe(occurrenceKey('declined-to-engage', 1, seenByEditor));
		// The paragraph is rewritten: the reason may no longer hold, so the flag is open again.
		const rewritten: SectionContent[] = [{ key: 'analysis', title: 'Analysis', blocks: [paragraph(text('Later she declined to engage.'))] }];
		expect(openFlagsInReport(rewritten, [], new Set([first]))).toHaveLength(1);
	});

	it('includes the review’s own terms, and finds nothing in a report without flagged wording', () => {
		const term = customTerm('t1', 'lost to follow-up', 'It hides who stopped the contact.', 'Say who ended it.');
		const sections: SectionContent[] = [{ key: 'analysis', title: 'Analysis', blocks: [paragraph(text('He was lost to follow-up in May.'))] }];
		expect(openFlagsInReport(sections, [term], new Set()).map((f) => f.text)).toEqual(['lost to follow-up']);
		expect(openFlagsInReport(sections, [], new Set())).toEqual([]);
	});
});
