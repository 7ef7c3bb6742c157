import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { citationFootnoteText, columnWidths, contentsOf, imrCitationFootnoteText, nameImrCitations, publicationDocx, type PublicationModel } from './publication-docx';
import type { RichNode } from '../domain/report-passages';

const text = (words: string, marks?: RichNode['marks']): RichNode => ({ type: 'text', text: words, ...(marks ? { marks } : {}) });
const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const cite = (entryId: string, label: string): RichNode => ({ type: 'chronologyCitation', attrs: { entryId, label } });

function model(overrides: Partial<PublicationModel> = {}): PublicationModel {
	return {
		documentTitle: 'Overview report',
		reviewName: 'Adult A',
		partnership: 'Northmoor Community Safety Partnership',
		versionName: 'Final for the Home Office',
		date: '3 March 2025',
		marking: 'OFFICIAL-SENSITIVE',
		sections: [
			{
				title: 'Introduction',
				blocks: [
					paragraph(text('Adult A was seen by police '), cite('entry-1', '12 March 2019 · Northmoor Police'), text(' and later '), cite('gone', '4 April 2019 · Housing')),
					{ type: 'heading', attrs: { level: 3 }, content: [text('A subheading')] },
					{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('First point'))] }] },
					{ type: 'orderedList', content: [{ type: 'listItem', content: [paragraph(text('Numbered point'))] }] },
					{ type: 'blockquote', content: [paragraph(text('A quoted practitioner'))] },
					paragraph(text('Guidance', [{ type: 'link', attrs: { href: 'https://www.gov.uk/guidance' } }]), text(' and '), text('bad', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])),
					{
						type: 'table',
						content: [
							{ type: 'tableRow', content: [{ type: 'tableHeader', content: [paragraph(text('Agency'))] }] },
							{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('Police'))] }] }
						]
					}
				]
			},
			{ title: 'Analysis', blocks: [] }
		],
		citations: new Map([['entry-1', { kind: 'entry', date: '12 March 2019', agencyName: 'Northmoor Police' }]]),
		glossary: [{ abbreviation: 'MARAC', expansion: 'Multi-Agency Risk Assessment Conference' }],
		disagreements: { agencies: [{ agencyName: 'Housing', agencyView: 'We had no report.', passages: ['Analysis: housing knew'], panelView: 'The panel maintains it.' }], family: [] },
		...overrides
	};
}

async function parts(m: PublicationModel): Promise<Record<string, string>> {
	const files = unzipSync(new Uint8Array(await publicationDocx(m)));
	return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('the publication Word file', () => {
	it('has the title page, a contents list as text, the sections as headings, lists, quotes, tables and safe links', async () => {
		const files = await parts(model());
		const body = files['word/document.xml'];
		expect(body).toContain('Domestic Homicide Review: Adult A');
		expect(body).toContain('Overview report');
		expect(body).toContain('Version: Final for the Home Office');
		expect(body).toContain('1. Introduction');
		expect(body).toContain('2. Analysis');
		expect(body).toContain('3. Glossary');
		expect(body).toContain('4. Appendix: areas of disagreement');
		expect(body).not.toContain('TOC \\');
		expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Introduction/);
		expect(body).toMatch(/<w:pStyle w:val="Heading4"\/>[\s\S]*?A subheading/);
		expect(body).toContain('<w:numPr>');
		expect(body).toMatch(/<w:pStyle w:val="Quote"\/>[\s\S]*?A quoted practitioner/);
		expect(body).toContain('<w:tblHeader');
		expect(body).toContain('This section has not been written.');
		expect(body).toContain('Multi-Agency Risk Assessment Conference');
		expect(body).toContain('The panel maintains it.');
		expect(files['word/_rels/document.xml.rels']).toContain('https://www.gov.uk/guidance');
		expect(files['word/_rels/document.xml.rels']).not.toContain('javascript:');
		expect(files['word/styles.xml']).toContain('en-GB');
	});

	it('puts each citation in a footnote, and says when the entry cited has been removed', async () => {
		const files = await parts(model());
		expect(files['word/document.xml'].match(/<w:footnoteReference /g)).toHaveLength(2);
		const footnotes = files['word/footnotes.xml'];
		expect(footnotes).toContain('12 March 2019, Northmoor Police');
		expect(footnotes).toContain('A chronology entry since removed (cited as “4 April 2019 · Housing”)');
	});

	it('carries the marking in the header and footer of the restricted edition, with page numbers', async () => {
		const files = await parts(model());
		const headers = Object.keys(files).filter((name) => /^word\/header\d+\.xml$/.test(name));
		const footers = Object.keys(files).filter((name) => /^word\/footer\d+\.xml$/.test(name));
		expect(headers.length).toBeGreaterThan(0);
		expect(footers.length).toBeGreaterThan(0);
		for (const name of [...headers, ...footers]) expect(files[name]).toContain('OFFICIAL-SENSITIVE');
		expect(footers.some((name) => files[name].includes('PAGE'))).toBe(true);
	});

	it('leaves the marking out of the publication edition and applies the text transform everywhere', async () => {
		const files = await parts(model({ marking: null, transform: (words) => words.replaceAll('Police', 'Constabulary X') }));
		const all = Object.values(files).join('\n');
		expect(all).not.toContain('OFFICIAL-SENSITIVE');
		expect(files['word/footnotes.xml']).toContain('12 March 2019, Northmoor Constabulary X');
		expect(files['word/document.xml']).not.toMatch(/>Police</);
	});

	it('names the glossary and appendix in the contents only when they are there', () => {
		expect(contentsOf(model({ glossary: [], disagreements: null }))).toEqual(['Introduction', 'Analysis']);
	});

	it('describes a citation without a label to a removed entry', () => {
		expect(citationFootnoteText(undefined, '')).toBe('A chronology entry since removed');
	});

	it('puts an IMR citation in a footnote naming the agency and the IMR’s section, never its words', async () => {
		const imr = (agencyId: string, sectionKey: string, label: string): RichNode => ({ type: 'imrCitation', attrs: { agencyId, sectionKey, quote: 'The officer did not complete a DASH.', label } });
		const files = await parts(
			model({
				sections: [{ title: 'Analysis', blocks: [paragraph(text('The police found '), imr('agency-police', 'analysis', 'IMR, Northmoor Police: Analysis'), text(' and '), imr('agency-gone', 'lessons', 'IMR, Housing: Lessons learned'))] }],
				agencyNames: new Map([['agency-police', 'Northmoor Police']])
			})
		);
		expect(files['word/document.xml'].match(/<w:footnoteReference /g)).toHaveLength(2);
		const footnotes = files['word/footnotes.xml'];
		expect(footnotes).toContain('IMR of Northmoor Police, section ‘Analysis against the key lines of enquiry’');
		expect(footnotes).toContain('An IMR passage (cited as “IMR, Housing: Lessons learned”)');
		expect(files['word/document.xml']).not.toContain('did not complete a DASH');
		expect(footnotes).not.toContain('did not complete a DASH');
	});

	it('describes an IMR citation whose section or label is unknown, without failing', () => {
		expect(imrCitationFootnoteText('Northmoor Police', 'no-such-section', '')).toBe('IMR of Northmoor Police');
		expect(imrCitationFootnoteText(undefined, '', '')).toBe('An IMR passage');
	});

	it('labels IMR citations for the print view as the footnotes read, without the cited words', () => {
		const blocks: RichNode[] = [paragraph(text('See '), { type: 'imrCitation', attrs: { agencyId: 'agency-police', sectionKey: 'good_practice', quote: 'Secret words', label: 'IMR, Northmoor Police: Good practice' } })];
		const named = nameImrCitations(blocks, new Map([['agency-police', 'Northmoor Police']]));
		expect(named[0].content?.[1]).toEqual({ type: 'imrCitation', attrs: { agencyId: 'agency-police', sectionKey: 'good_practice', quote: '', label: 'IMR of Northmoor Police, section ‘Good practice’' } });
		expect(named[0].content?.[0]).toEqual(text('See '));
	});

	it('turns the pages sideways when asked (the action plan’s seven columns), and only then', async () => {
		const size = (xml: string) => /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml)!.slice(1).map(Number);
		const [width, height] = size((await parts(model({ landscape: true })))['word/document.xml']);
		expect(width).toBeGreaterThan(height);
		const [uprightWidth, uprightHeight] = size((await parts(model()))['word/document.xml']);
		expect(uprightWidth).toBeLessThan(uprightHeight);
	});
});

describe('table columns', () => {
	it('share the page by what each column holds, never narrower than its longest word', () => {
		const cell = (text: string) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
		const rows = [
			{ type: 'tableRow', content: [cell('No.'), cell('Recommendation'), cell('Lead agency')] },
			{ type: 'tableRow', content: [cell('1'), cell('Northmoor IDVA Service to revise its contact policy so that a referral is closed only after contact has been attempted on three days.'), cell('Northmoor IDVA Service')] }
		];
		const widths = columnWidths(rows);
		expect(widths).toHaveLength(3);
		expect(widths.reduce((sum, width) => sum + width, 0)).toBeLessThanOrEqual(11906 - 2880);
		expect(widths[1]).toBeGreaterThan(widths[2]);
		expect(widths[2]).toBeGreaterThan(widths[0]);
		// "Northmoor" (9 letters) at 12 pt needs about 1,100 twips: the column is wider than that.
		expect(widths[2]).toBeGreaterThan(1100);
	});
});
