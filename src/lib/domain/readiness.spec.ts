import { describe, expect, it } from 'vitest';
import { evaluateReadiness, protectedCharacteristics, readinessKeys, type ReadinessFacts } from './readiness';

const ready: ReadinessFacts = {
	reviewId: 'r1',
	emptySections: [],
	terms: { present: true, linesOfEnquiry: 4, source: 'terms', agreedOn: '2025-03-03', unanswered: [] },
	equalityText: protectedCharacteristics.join(' '),
	involvementWritten: true,
	familyDraftRecorded: true,
	independenceSectionsEmpty: [],
	independenceUndeclared: { chair: false, panelMembers: [] },
	recommendations: { count: 3, withWarnings: 0 },
	executiveSummaryWritten: true,
	openLanguageFlags: 0,
	openIdentifierFindings: 0,
	agenciesOutstanding: [],
	actionPlan: { recommendations: 3, withoutOwnedAction: 0 },
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
		expect(status(ready).executive_summary).toBe('not_met');
		const all = status(ready, attested('equality_diversity', 'family_involvement', 'recommendations', 'executive_summary'));
		expect(Object.values(all).every((s) => s === 'met' || s === 'attested')).toBe(true);
		expect(all.executive_summary).toBe('attested');
	});

	it('never lets an attestation override what the workspace can see is missing', () => {
		const facts = { ...ready, independenceSectionsEmpty: ['Author of the overview report'], independenceUndeclared: { chair: true, panelMembers: [] }, executiveSummaryWritten: false };
		const result = status(facts, attested('independence', 'executive_summary'));
		expect(result.independence).toBe('not_met');
		expect(result.executive_summary).toBe('not_met');
	});

	it('counts open identifier findings, and cannot be attested past them', () => {
		const check = evaluateReadiness({ ...ready, openIdentifierFindings: 2 }, attested('identifier_findings')).find((c) => c.key === 'identifier_findings')!;
		expect(check.status).toBe('not_met');
		expect(check.detail).toBe('2 identifier findings are open.');
		expect(check.attestable).toBe(false);
	});

	it('names what is missing: empty sections, lines of enquiry, agencies, abbreviations, characteristics', () => {
		const checks = evaluateReadiness(
			{ ...ready, emptySections: ['Methodology', 'Dissemination'], terms: { ...ready.terms, source: 'report', agreedOn: null, linesOfEnquiry: 0 }, agenciesOutstanding: ['Northmoor Police'], unknownAbbreviations: ['NMHT'], equalityText: 'age and race', recommendations: { count: 2, withWarnings: 1 } },
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

	const check = (facts: ReadinessFacts, key: string) => evaluateReadiness(facts, attested('independence', 'terms_of_reference')).find((c) => c.key === key)!;

	it('reads the terms document: how many lines, when agreed, and met once the report answers each', () => {
		const met = check(ready, 'terms_of_reference');
		expect(met).toMatchObject({ status: 'met', href: '/reviews/r1/terms', attestable: false });
		expect(met.detail).toBe('4 key lines of enquiry, agreed by the panel on 3 March 2025. The report answers every line.');
	});

	it('lists the key lines the report has not answered yet as not met, linking to the terms page', () => {
		const result = check({ ...ready, terms: { ...ready.terms, linesOfEnquiry: 3, unanswered: ['Was risk assessed?', 'Was information shared?'] } }, 'terms_of_reference');
		expect(result.status).toBe('not_met');
		expect(result.href).toBe('/reviews/r1/terms');
		expect(result.detail).toBe('3 key lines of enquiry, agreed by the panel on 3 March 2025. Not yet answered by the report: “Was risk assessed?” and “Was information shared?”.');
	});

	it('is not met while the panel has not agreed the terms, and says so', () => {
		const result = check({ ...ready, terms: { ...ready.terms, linesOfEnquiry: 1, agreedOn: null } }, 'terms_of_reference');
		expect(result.status).toBe('not_met');
		expect(result.detail).toBe('1 key line of enquiry, not yet agreed by the panel. Record the panel’s agreement of the terms.');
	});

	it('falls back to the report’s section, linking to the report, when the terms document names no line', () => {
		const result = check({ ...ready, terms: { present: true, linesOfEnquiry: 2, source: 'report', agreedOn: null, unanswered: [] } }, 'terms_of_reference');
		expect(result).toMatchObject({ status: 'met', href: '/reviews/r1/report' });
		expect(result.detail).toMatch(/^2 key lines of enquiry found in the report’s terms of reference/);
		expect(check({ ...ready, terms: { present: false, linesOfEnquiry: 0, source: 'report', agreedOn: null, unanswered: [] } }, 'terms_of_reference').status).toBe('not_met');
	});

	it('meets independence once the chair and every panel member have declared and the sections are written, without attestation', () => {
		const met = evaluateReadiness(ready, attested()).find((c) => c.key === 'independence')!;
		expect(met).toMatchObject({ status: 'met', attestable: false, href: '/reviews/r1/independence' });
	});

	it('names who has still to declare their independence, linking to the independence page', () => {
		const result = check({ ...ready, independenceUndeclared: { chair: true, panelMembers: ['Priya Shah', 'Tom Reid'] } }, 'independence');
		expect(result.status).toBe('not_met');
		expect(result.href).toBe('/reviews/r1/independence');
		expect(result.detail).toBe('Still to declare their independence: the chair, Priya Shah and Tom Reid.');
		const sections = check({ ...ready, independenceSectionsEmpty: ['Panel members'] }, 'independence');
		expect(sections).toMatchObject({ status: 'not_met', href: '/reviews/r1/report', detail: 'Not written yet: Panel members.' });
	});

	it('needs an action with an owner and a target date for every recommendation, counting those without, linking to the plan', () => {
		const met = check(ready, 'action_plan');
		expect(met).toMatchObject({ status: 'met', href: '/reviews/r1/action-plan', attestable: false, detail: 'Each of the 3 recommendations has an action with an owner and a target date.' });
		const missing = check({ ...ready, actionPlan: { recommendations: 3, withoutOwnedAction: 2 } }, 'action_plan');
		expect(missing).toMatchObject({ status: 'not_met', detail: '2 of 3 recommendations have no action with both an owner and a target date.' });
		expect(check({ ...ready, actionPlan: { recommendations: 0, withoutOwnedAction: 0 } }, 'action_plan').status).toBe('not_met');
	});
});
