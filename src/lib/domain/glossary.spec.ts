import { describe, expect, it } from 'vitest';
import { abbreviationProblem, buildGlossary } from './glossary';

describe('the glossary', () => {
	it('lists the abbreviations the text uses, expanded from the domain list, in order', () => {
		const glossary = buildGlossary('The case went to MARAC after a DASH assessment; the IDVAs and the GP were told.');
		expect(glossary.entries.map((entry) => entry.abbreviation)).toEqual(['DASH', 'GP', 'IDVA', 'MARAC']);
		expect(glossary.entries.find((entry) => entry.abbreviation === 'MARAC')?.expansion).toBe('Multi-Agency Risk Assessment Conference');
	});

	it('leaves out abbreviations the text does not use, and words in ordinary capitals', () => {
		const glossary = buildGlossary('Mappa was not referred. OFFICIAL-SENSITIVE. I saw A and B.');
		expect(glossary.entries).toEqual([]);
		expect(glossary.unknown).toEqual([]);
	});

	it('lists what no list expands for the chair, and uses the chair’s own expansion first', () => {
		const glossary = buildGlossary('The NMHT and MARAC met.', { NMHT: 'Northmoor Mental Health Trust', MARAC: 'Local risk conference' });
		expect(glossary.entries).toEqual([
			{ abbreviation: 'MARAC', expansion: 'Local risk conference' },
			{ abbreviation: 'NMHT', expansion: 'Northmoor Mental Health Trust' }
		]);
		expect(buildGlossary('The NMHT met.').unknown).toEqual(['NMHT']);
	});

	it('checks an abbreviation the chair adds', () => {
		expect(abbreviationProblem('MARAC', 'Multi-Agency Risk Assessment Conference')).toBeNull();
		expect(abbreviationProblem('M', 'x')).toMatch(/2 to 12/);
		expect(abbreviationProblem('NMHT', ' ')).toMatch(/stands for/);
	});
});
