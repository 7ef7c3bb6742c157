import { describe, expect, it } from 'vitest';
import { evaluateReadiness, protectedCharacteristics, readinessKeys, type ReadinessFacts } from './readiness';

const ready: ReadinessFacts = {
	reviewId: 'r1',
	emptySections: [],
	terms: { present: true, linesOfEnquiry: 4 },
	equalityText: protectedCharacteristics.join(' '),
	involvementWritten: true,
	familyDraftRecorded: true,
	independenceSectionsEmpty: [],
	recommendations: { count: 3, withWarnings: 0 },
	executiveSummaryWritten: true,
	openLanguageFlags: 0,
	openIdentifierFindings: 0,
	agenciesOutstanding: [],
	unknownAbbreviations: []
};
const attested = (...keys: string[]) => new Map(keys.map((key) => [key, { note: '', byName: 'Chair', at: new Date() }]));
const status = (facts: ReadinessFacts, attestations = attested()) => Object.fromEntries(evaluateReadiness(facts, attestations).map((check) => [check.key, check.status]));

describe('quality assurance readiness', () => {
	it('lists every check, in order, with a label and a place to fix it', () => {
		const checks = evaluateReadiness(ready, attested());
		expect(checks.map((check) => check.key)).toEqual([...readinessKeys]);
		for (const check of checks) expect(check.href).toMatch(/^\/reviews\/r1\//);
	});

	it('needs the chair’s attestation for what the workspace cannot judge, and then counts it', () => {
		expect(status(ready).independence).toBe('not_met');
		const all = status(ready, attested('equality_diversity', 'family_involvement', 'independence', 'recommendations', 'executive_summary'));
		expect(Object.values(all).every((s) => s === 'met' || s === 'attested')).toBe(true);
		expect(all.independence).toBe('attested');
	});

	it('never lets an attestation override what the workspace can see is missing', () => {
		const facts = { ...ready, independenceSectionsEmpty: ['Author of the overview report'], executiveSummaryWritten: false };
		const result = status(facts, attested('independence', 'executive_summary'));
		expect(result.independence).toBe('not_met');
		expect(result.executive_summary).toBe('not_met');
	});

	it('says it cannot tell about identifier findings while there is no pseudonym register', () => {
		const check = evaluateReadiness({ ...ready, openIdentifierFindings: null }, attested('identifier_findings')).find((c) => c.key === 'identifier_findings')!;
		expect(check.status).toBe('not_met');
		expect(check.detail).toMatch(/cannot tell yet/);
		expect(check.attestable).toBe(false);
	});

	it('names what is missing: empty sections, lines of enquiry, agencies, abbreviations, characteristics', () => {
		const checks = evaluateReadiness(
			{ ...ready, emptySections: ['Methodology', 'Dissemination'], terms: { present: true, linesOfEnquiry: 0 }, agenciesOutstanding: ['Northmoor Police'], unknownAbbreviations: ['NMHT'], equalityText: 'age and race', recommendations: { count: 2, withWarnings: 1 } },
			attested()
		);
		const detail = (key: string) => checks.find((c) => c.key === key)!.detail;
		expect(detail('sections_written')).toBe('Not written yet: Methodology and Dissemination.');
		expect(detail('terms_of_reference')).toMatch(/do not name the key lines of enquiry/);
		expect(detail('agencies')).toMatch(/Northmoor Police/);
		expect(detail('glossary')).toMatch(/NMHT/);
		expect(detail('equality_diversity')).toMatch(/disability/);
		expect(checks.find((c) => c.key === 'recommendations')!.status).toBe('not_met');
	});
});
