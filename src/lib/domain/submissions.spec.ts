import { describe, expect, it } from 'vitest';
import { publicationStanding, submissionProblems, type SubmissionInput } from './submissions';

const step = (overrides: Partial<SubmissionInput>): SubmissionInput => ({ kind: 'sent_to_partnership', occurredOn: '2026-03-01', exportId: null, webAddress: '', publishedUntil: '', note: '', ...overrides });

describe('the journey to publication', () => {
	it('needs a real date that has passed', () => {
		expect(submissionProblems(step({ occurredOn: '2026-02-30' }), '2026-03-10', new Set())[0].field).toBe('occurredOn');
		expect(submissionProblems(step({ occurredOn: '2026-04-01' }), '2026-03-10', new Set())[0].message).toMatch(/today or in the past/);
		expect(submissionProblems(step({}), '2026-03-10', new Set())).toEqual([]);
	});

	it('records which export went to the Home Office', () => {
		expect(submissionProblems(step({ kind: 'sent_to_home_office' }), '2026-03-10', new Set(['e1']))[0].field).toBe('exportId');
		expect(submissionProblems(step({ kind: 'sent_to_home_office', exportId: 'e1' }), '2026-03-10', new Set(['e1']))).toEqual([]);
	});

	it('records publication with its web address and how long it stays up', () => {
		const fields = submissionProblems(step({ kind: 'published', webAddress: 'javascript:alert(1)', publishedUntil: '2026-02-01' }), '2026-03-10', new Set()).map((p) => p.field);
		expect(fields).toEqual(['webAddress', 'publishedUntil']);
		expect(submissionProblems(step({ kind: 'published', webAddress: 'https://northmoor.gov.uk/dhr-adult-a', publishedUntil: '2027-03-01' }), '2026-03-10', new Set())).toEqual([]);
	});

	it('says where the review stands: the furthest step reached', () => {
		expect(publicationStanding([]).reached).toBeNull();
		expect(publicationStanding(['sent_to_partnership', 'approved', 'sent_to_home_office']).reached).toBe('approved');
	});
});
