import { describe, expect, it } from 'vitest';
import { assessTimescales, checkExtension, decisionDueOn, milestoneStatus, reportDueOn, type TimescaleExtension } from './timescales';

describe('statutory due dates', () => {
	it('the decision is due one calendar month after notification', () => {
		expect(decisionDueOn('2025-03-03')).toBe('2025-04-03');
	});

	it('a notification on 31 January makes the decision due on the last day of February', () => {
		expect(decisionDueOn('2025-01-31')).toBe('2025-02-28');
		expect(decisionDueOn('2024-01-31')).toBe('2024-02-29');
	});

	it('a notification on 29 February in a leap year makes the decision due on 29 March', () => {
		expect(decisionDueOn('2024-02-29')).toBe('2024-03-29');
	});

	it('month ends carry over the year end', () => {
		expect(decisionDueOn('2024-12-31')).toBe('2025-01-31');
		expect(decisionDueOn('2025-11-30')).toBe('2025-12-30');
	});

	it('the report is due six months after the decision, clamped to shorter months', () => {
		expect(reportDueOn('2025-03-03')).toBe('2025-09-03');
		expect(reportDueOn('2023-08-31')).toBe('2024-02-29');
		expect(reportDueOn('2024-08-31')).toBe('2025-02-28');
		expect(reportDueOn('2025-03-31')).toBe('2025-09-30');
	});
});

describe('milestone status', () => {
	it('is due when more than 14 days remain', () => {
		expect(milestoneStatus('2025-03-31', null, '2025-03-16')).toEqual({ status: 'due', daysRemaining: 15 });
	});

	it('is due soon within 14 days, including the due date itself', () => {
		expect(milestoneStatus('2025-03-31', null, '2025-03-17')).toEqual({ status: 'due_soon', daysRemaining: 14 });
		expect(milestoneStatus('2025-03-31', null, '2025-03-31')).toEqual({ status: 'due_soon', daysRemaining: 0 });
	});

	it('is overdue from the day after the due date', () => {
		expect(milestoneStatus('2025-03-31', null, '2025-04-01')).toEqual({ status: 'overdue', daysRemaining: -1 });
	});

	it('counts days across a leap day correctly', () => {
		expect(milestoneStatus('2024-03-01', null, '2024-02-28').daysRemaining).toBe(2);
		expect(milestoneStatus('2025-03-01', null, '2025-02-28').daysRemaining).toBe(1);
	});

	it('is met or met late once done', () => {
		expect(milestoneStatus('2025-03-31', '2025-03-31', '2025-06-01').status).toBe('met');
		expect(milestoneStatus('2025-03-31', '2025-04-02', '2025-06-01').status).toBe('met_late');
	});
});

describe('assessTimescales', () => {
	const at = (iso: string) => new Date(iso);

	it('waits for the report date until a decision is recorded', () => {
		const [decision, report] = assessTimescales({ notifiedOn: '2025-01-31', decisionOn: null }, [], '2025-02-20');
		expect(decision).toMatchObject({ key: 'decision', dueOn: '2025-02-28', status: 'due_soon', daysRemaining: 8 });
		expect(report).toMatchObject({ key: 'report', dueOn: null, status: 'waiting' });
	});

	it('uses the latest agreed extension as the due date and keeps the statutory one', () => {
		const extensions: TimescaleExtension[] = [
			{ milestone: 'report', newDueOn: '2025-10-01', reason: 'Criminal trial delayed interviews', recordedAt: at('2025-08-01T10:00:00Z') },
			{ milestone: 'report', newDueOn: '2025-12-01', reason: 'Trial adjourned again until November', recordedAt: at('2025-09-20T10:00:00Z') }
		];
		const [, report] = assessTimescales({ notifiedOn: '2025-01-10', decisionOn: '2025-02-05' }, extensions, '2025-09-25');
		expect(report.statutoryDueOn).toBe('2025-08-05');
		expect(report.dueOn).toBe('2025-12-01');
		expect(report.status).toBe('due');
		expect(report.extension?.reason).toBe('Trial adjourned again until November');
	});

	it('shows an overdue report without an extension', () => {
		const [, report] = assessTimescales({ notifiedOn: '2025-01-10', decisionOn: '2025-02-05' }, [], '2025-08-06');
		expect(report).toMatchObject({ status: 'overdue', daysRemaining: -1 });
	});
});

describe('checkExtension', () => {
	const [decision, report] = assessTimescales({ notifiedOn: '2025-01-10', decisionOn: '2025-02-05' }, [], '2025-03-01');

	it('refuses to extend a milestone that is done', () => {
		expect(checkExtension(decision, '2025-12-01', 'A long enough reason')?.field).toBe('milestone');
	});

	it('refuses a new date that is not later than the current one', () => {
		expect(checkExtension(report, '2025-08-05', 'A long enough reason')?.field).toBe('newDueOn');
	});

	it('needs a reason', () => {
		expect(checkExtension(report, '2025-10-01', '  ')?.field).toBe('reason');
	});

	it('accepts a later date with a reason', () => {
		expect(checkExtension(report, '2025-10-01', 'Parallel criminal trial')).toBeNull();
	});
});
