import { describe, expect, it } from 'vitest';
import { checkRule, deletionDueOn, deletionProblems, describeRetention, outlivesDeletion, retentionStanding, type DeletionFacts } from './retention';

describe('when deletion becomes due', () => {
	it('is the publication date plus the years kept', () => {
		expect(deletionDueOn({ keepYears: 7, publishedOn: '2024-03-03' })).toBe('2031-03-03');
		expect(deletionDueOn({ keepYears: 0, publishedOn: '2024-03-03' })).toBe('2024-03-03');
	});

	it('a report published on 29 February is due on 28 February in a year that is not a leap year', () => {
		expect(deletionDueOn({ keepYears: 1, publishedOn: '2024-02-29' })).toBe('2025-02-28');
		expect(deletionDueOn({ keepYears: 7, publishedOn: '2024-02-29' })).toBe('2031-02-28');
	});

	it('a report published on 29 February keeps that day when the due year is a leap year too', () => {
		expect(deletionDueOn({ keepYears: 4, publishedOn: '2024-02-29' })).toBe('2028-02-29');
	});

	it('cannot be known until the publication date is recorded', () => {
		expect(deletionDueOn({ keepYears: 7, publishedOn: null })).toBeNull();
	});
});

describe('where a review stands', () => {
	const rule = { keepYears: 6, publishedOn: '2025-01-31' };

	it('without a rule there is nothing due', () => {
		expect(retentionStanding(null, false, '2040-01-01')).toEqual({ status: 'no_rule', dueOn: null, daysRemaining: null });
	});

	it('waits for the publication date', () => {
		expect(retentionStanding({ keepYears: 6, publishedOn: null }, false, '2040-01-01').status).toBe('awaiting_publication');
	});

	it('is kept until the due date and due from that day', () => {
		expect(retentionStanding(rule, false, '2031-01-30')).toEqual({ status: 'kept', dueOn: '2031-01-31', daysRemaining: 1 });
		expect(retentionStanding(rule, false, '2031-01-31')).toEqual({ status: 'due', dueOn: '2031-01-31', daysRemaining: 0 });
		expect(retentionStanding(rule, false, '2032-01-01').status).toBe('due');
	});

	it('says once the material is deleted, with the date it was due', () => {
		expect(retentionStanding(rule, true, '2031-01-01')).toMatchObject({ status: 'deleted', dueOn: '2031-01-31' });
	});
});

describe('checking a rule', () => {
	it('accepts whole years up to 100', () => {
		expect(checkRule({ keepYears: '7', note: '' })).toEqual([]);
		expect(checkRule({ keepYears: '0', note: '' })).toEqual([]);
	});

	it('refuses missing, fractional, negative and absurd years with a message for the field', () => {
		expect(checkRule({ keepYears: '', note: '' })[0].field).toBe('keepYears');
		expect(checkRule({ keepYears: '6.5', note: '' })[0].message).toMatch(/whole number/);
		expect(checkRule({ keepYears: '-1', note: '' })[0].message).toMatch(/whole number/);
		expect(checkRule({ keepYears: '101', note: '' })[0].message).toMatch(/between 0 and 100/);
		expect(checkRule({ keepYears: '7', note: 'x'.repeat(4_001) })[0].field).toBe('note');
	});
});

describe('whether a deletion may go ahead', () => {
	const due: DeletionFacts = { title: 'Adult A', stage: 'final', deleted: false, standing: { status: 'due', dueOn: '2031-03-03', daysRemaining: -2 } };
	const request = { confirmTitle: 'Adult A', reason: 'Seven years since publication.', early: false };

	it('goes ahead once final and due, with the title typed and a reason', () => {
		expect(deletionProblems(due, request)).toEqual([]);
	});

	it('refuses a draft review outright, whatever else was typed', () => {
		const problems = deletionProblems({ ...due, stage: 'draft' }, request);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ status: 409, message: expect.stringMatching(/still a draft/) });
	});

	it('refuses a second deletion', () => {
		expect(deletionProblems({ ...due, deleted: true }, request)[0]).toMatchObject({ status: 409, message: expect.stringMatching(/already been deleted/) });
	});

	it('needs the exact title and a reason', () => {
		const problems = deletionProblems(due, { confirmTitle: 'adult a', reason: '  ', early: false });
		expect(problems.map((p) => p.field)).toEqual(['confirmTitle', 'reason']);
		expect(problems.every((p) => p.status === 400)).toBe(true);
	});

	it('before the due date, or with no date, needs the explicit early answer', () => {
		const kept: DeletionFacts = { ...due, standing: { status: 'kept', dueOn: '2031-03-03', daysRemaining: 300 } };
		expect(deletionProblems(kept, request)[0]).toMatchObject({ field: 'early', message: expect.stringMatching(/not due yet/) });
		expect(deletionProblems(kept, { ...request, early: true })).toEqual([]);
		const undated: DeletionFacts = { ...due, standing: { status: 'no_rule', dueOn: null, daysRemaining: null } };
		expect(deletionProblems(undated, request)[0].message).toMatch(/No deletion date/);
		expect(deletionProblems(undated, { ...request, early: true })).toEqual([]);
	});
});

describe('what members can still do after deletion', () => {
	it('reading the review’s record and its audit trail outlives the material; reading the chronology or the report does not', () => {
		expect(outlivesDeletion('review.read')).toBe(true);
		expect(outlivesDeletion('audit.read')).toBe(true);
		expect(outlivesDeletion('chronology.read')).toBe(false);
		expect(outlivesDeletion('report.read')).toBe(false);
		expect(outlivesDeletion('events.read')).toBe(false);
	});
});

describe('the register line', () => {
	it('gives the rule and the UK date deletion is due', () => {
		expect(describeRetention(7, retentionStanding({ keepYears: 7, publishedOn: '2024-03-03' }, false, '2026-01-01'))).toBe('7 years after publication: deletion due 3 March 2031');
		expect(describeRetention(1, retentionStanding({ keepYears: 1, publishedOn: '2024-02-29' }, false, '2026-01-01'))).toBe('1 year after publication: deletion due since 28 February 2025');
		expect(describeRetention(7, retentionStanding({ keepYears: 7, publishedOn: null }, false, '2026-01-01'))).toBe('7 years after publication: not yet published');
		expect(describeRetention(null, retentionStanding(null, false, '2026-01-01'))).toBe('No retention rule');
		expect(describeRetention(7, retentionStanding({ keepYears: 7, publishedOn: '2024-03-03' }, true, '2026-01-01'))).toBe('Working material deleted');
	});
});
