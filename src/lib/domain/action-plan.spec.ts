import { describe, expect, it } from 'vitest';
import {
	actionSmartWarnings,
	actionStanding,
	conclusionProblem,
	defaultPlanScope,
	lastDayOfMonth,
	missingForPublication,
	parseTargetDate,
	planScopesFor,
	recurrenceSuggestions,
	reportScopeOf,
	targetDateProblem,
	textSimilarity,
	themesOffered,
	updateProblem
} from './action-plan';

describe('action states', () => {
	it('closing an action without completing it needs a reason', () => {
		expect(updateProblem({ status: 'closed', note: '  ' }, false)?.message).toMatch(/reason/);
		expect(updateProblem({ status: 'closed', note: 'The service was decommissioned in 2026.' }, false)).toBeNull();
	});
	it('an action may go back from done to in progress (the history keeps both)', () => {
		expect(updateProblem({ status: 'in_progress', note: 'Marked done by mistake' }, false)).toBeNull();
	});
	it('a concluded plan takes no more updates', () => {
		expect(updateProblem({ status: 'done', note: '' }, true)?.message).toMatch(/concluded/);
	});
	it('a plan is concluded only when every action is done or closed', () => {
		expect(conclusionProblem([{ status: 'done' }, { status: 'in_progress' }])).toMatch(/1 action is still open/);
		expect(conclusionProblem([{ status: 'done' }, { status: 'closed' }])).toBeNull();
		expect(conclusionProblem([])).toMatch(/no actions/);
	});
	it('a draft without owner or target date says what it lacks', () => {
		expect(missingForPublication({ ownerUserId: null, targetDate: null })).toEqual(['a named owner', 'a target date']);
		expect(missingForPublication({ ownerUserId: 'u1', targetDate: '2027-03-31' })).toEqual([]);
	});
});

describe('overdue, in UK calendar days', () => {
	it('an action due on 31 March is not overdue late that evening in London, and is on 1 April', () => {
		// 23:30 UTC on 31 March 2027 is 00:30 on 1 April in London (summer time).
		expect(actionStanding({ status: 'in_progress', targetDate: '2027-03-31' }, new Date('2027-03-31T22:30:00Z'))).toBe('due_soon');
		expect(actionStanding({ status: 'in_progress', targetDate: '2027-03-31' }, new Date('2027-03-31T23:30:00Z'))).toBe('overdue');
	});
	it('in winter London is on UTC: 23:30 UTC is still the same day', () => {
		expect(actionStanding({ status: 'not_started', targetDate: '2027-01-31' }, new Date('2027-01-31T23:30:00Z'))).toBe('due_soon');
	});
	it('a finished action is never overdue, and one without a date says so', () => {
		expect(actionStanding({ status: 'done', targetDate: '2020-01-01' }, new Date('2027-01-01T12:00:00Z'))).toBe('finished');
		expect(actionStanding({ status: 'closed', targetDate: '2020-01-01' }, new Date('2027-01-01T12:00:00Z'))).toBe('finished');
		expect(actionStanding({ status: 'not_started', targetDate: null }, new Date('2027-01-01T12:00:00Z'))).toBe('no_date');
	});
	it('due soon is the last 14 days', () => {
		const now = new Date('2027-03-01T12:00:00Z');
		expect(actionStanding({ status: 'in_progress', targetDate: '2027-03-15' }, now)).toBe('due_soon');
		expect(actionStanding({ status: 'in_progress', targetDate: '2027-03-16' }, now)).toBe('on_track');
	});
	it('a month as a target date means its last day, leap years included', () => {
		expect(lastDayOfMonth(2028, 2)).toBe('2028-02-29');
		expect(lastDayOfMonth(2027, 2)).toBe('2027-02-28');
		expect(parseTargetDate('end of February 2028')).toBe('2028-02-29');
		expect(parseTargetDate('April 2027')).toBe('2027-04-30');
		expect(parseTargetDate('Dec 2027')).toBe('2027-12-31');
		expect(parseTargetDate('09/2027')).toBe('2027-09-30');
		expect(parseTargetDate('31/03/2027')).toBe('2027-03-31');
		expect(parseTargetDate('31/04/2027')).toBeNull();
		expect(parseTargetDate('soon')).toBeNull();
	});
	it('a target date before the report date is refused', () => {
		expect(targetDateProblem('2026-01-01', '2026-06-01')).toMatch(/1 June 2026/);
		expect(targetDateProblem('2026-06-01', '2026-06-01')).toBeNull();
	});
});

describe('scopes and themes', () => {
	it('the plan splits the report’s local scope and keeps regional and national', () => {
		expect(planScopesFor('local')).toEqual(['single_agency', 'local_multi_agency']);
		expect(planScopesFor('national')).toEqual(['national']);
		expect(reportScopeOf('local_multi_agency')).toBe('local');
		expect(defaultPlanScope('local', true)).toBe('single_agency');
		expect(defaultPlanScope('local', false)).toBe('local_multi_agency');
		expect(defaultPlanScope('regional', true)).toBe('regional');
	});
	it('a review’s own theme is offered after the library’s, once', () => {
		const themes = themesOffered(['Housing allocations', 'training']);
		expect(themes.slice(0, 7)).toContain('Identification of risk');
		expect(themes).toContain('Housing allocations');
		expect(themes.filter((t) => t.toLowerCase() === 'training')).toHaveLength(1);
	});
});

describe('SMART check on an action', () => {
	it('tells gently what is missing, reusing the recommendation rules', () => {
		const warnings = actionSmartWarnings({ text: 'Raise awareness of stalking', leadAgencyName: 'Police', ownerName: '', milestones: '', targetDate: null, evidencePlan: '' }, '2027-01-01');
		const fields = warnings.map((w) => w.field);
		expect(fields).toEqual(expect.arrayContaining(['ownerName', 'evidencePlan', 'targetDate', 'milestones', 'text']));
		expect(warnings.find((w) => w.field === 'text')?.message).toMatch(/Raise awareness/);
	});
	it('a complete action has no warnings', () => {
		expect(actionSmartWarnings({ text: 'Train every call handler on stalking risk', leadAgencyName: 'Police', ownerName: 'Jo Bloggs', milestones: 'Course written by June', targetDate: '2027-09-30', evidencePlan: 'Training records audited: 100 per cent trained' }, '2027-01-01')).toEqual([]);
	});
});

describe('recurring recommendations', () => {
	const base = { reviewTitle: 'Adult', theme: 'Training', agencyName: 'Northmoor Police' };
	it('the same theme and agency in two reviews is a suggestion; similar wording is flagged', () => {
		const suggestions = recurrenceSuggestions([
			{ ...base, reviewId: 'r1', recommendationId: 'a', text: 'Train call handlers on stalking and coercive control' },
			{ ...base, reviewId: 'r2', recommendationId: 'b', agencyName: ' northmoor police ', theme: 'training', text: 'Call handlers to be trained on coercive control and stalking' },
			{ ...base, reviewId: 'r2', recommendationId: 'c', theme: 'Policy', text: 'Revise the missing persons policy' }
		]);
		expect(suggestions).toHaveLength(1);
		expect(suggestions[0].recommendations.map((r) => r.recommendationId)).toEqual(['a', 'b']);
		expect(suggestions[0].similarWording).toBe(true);
	});
	it('two recommendations of one review are not a recurrence', () => {
		expect(recurrenceSuggestions([
			{ ...base, reviewId: 'r1', recommendationId: 'a', text: 'x' },
			{ ...base, reviewId: 'r1', recommendationId: 'b', text: 'y' }
		])).toEqual([]);
	});
	it('unrelated wording scores low', () => {
		expect(textSimilarity('Train call handlers on stalking', 'Publish the housing allocations policy')).toBeLessThan(0.3);
	});
});
