import { describe, expect, it } from 'vitest';
import { checkDecision, checkNotification, decisionTimescale } from './review-start';
import { noReviewLetter, reviewTypeRules, reviewTypes } from './review-types';
import { assessTimescales } from './timescales';

const homicide = reviewTypeRules('domestic_homicide');

describe('the decision timescale', () => {
	it('the decision is due one calendar month after the notification', () => {
		expect(decisionTimescale('2025-03-03', null, homicide, '2025-03-10')).toMatchObject({ dueOn: '2025-04-03', status: 'due', months: 1 });
	});

	it('is overdue the day after the month ends without a decision', () => {
		expect(decisionTimescale('2025-01-31', null, homicide, '2025-03-01')).toMatchObject({ dueOn: '2025-02-28', status: 'overdue', daysRemaining: -1 });
	});

	it('a decision on the due date is on time; a day later is late', () => {
		expect(decisionTimescale('2025-03-03', '2025-04-03', homicide, '2025-05-01').status).toBe('met');
		expect(decisionTimescale('2025-03-03', '2025-04-04', homicide, '2025-05-01').status).toBe('met_late');
	});

	it('follows the review type’s own rules, so a change of guidance is a change of data', () => {
		const slower = { ...homicide, timescales: { decisionMonths: 2, reportMonths: 6 } };
		expect(decisionTimescale('2025-03-03', null, slower, '2025-03-10').dueOn).toBe('2025-05-03');
	});

	it('a decision not to review closes the record: no report falls due', () => {
		const milestones = assessTimescales({ notifiedOn: '2025-03-03', decisionOn: '2025-03-20', closedOn: '2025-03-20' }, [], '2025-12-01');
		expect(milestones.find((m) => m.key === 'report')).toMatchObject({ dueOn: null, status: 'waiting' });
		expect(milestones.find((m) => m.key === 'decision')?.status).toBe('met');
	});
});

describe('checking a decision', () => {
	const known = { notifiedOn: '2025-03-03', today: '2025-06-01' };

	it('refuses a decision dated before the notification', () => {
		const checked = checkDecision({ outcome: 'review', reasons: 'Criteria met', decidedBy: 'CSP chair', decidedOn: '2025-03-02' }, known);
		expect(checked).toEqual({ ok: false, errors: [{ field: 'decidedOn', message: 'The date of the decision must be on or after the date the partnership was notified' }] });
	});

	it('needs an outcome, reasons and who decided', () => {
		const checked = checkDecision({ decidedOn: '2025-03-10' }, known);
		expect(checked.ok ? [] : checked.errors.map((e) => e.field)).toEqual(['outcome', 'reasons', 'decidedBy']);
	});

	it('accepts a decision on the day of notification', () => {
		expect(checkDecision({ outcome: 'no_review', reasons: 'Not a domestic death', decidedBy: 'CSP chair', decidedOn: '2025-03-03' }, known).ok).toBe(true);
	});
});

describe('the notification', () => {
	it('cannot move after a decision already recorded', () => {
		const checked = checkNotification({ notifiedOn: '2025-04-10', notifiedBy: 'Police', summary: 'A death at home.', reviewType: 'domestic_homicide' }, { dateOfDeath: '2025-03-01', decidedOn: '2025-04-01', today: '2025-06-01' });
		expect(checked.ok ? null : checked.errors[0].field).toBe('notifiedOn');
	});

	it('needs a known review type', () => {
		const checked = checkNotification({ notifiedOn: '2025-03-10', notifiedBy: 'Police', summary: 'A death at home.', reviewType: 'inquest' }, { dateOfDeath: '2025-03-01', decidedOn: null, today: '2025-06-01' });
		expect(checked.ok ? null : checked.errors.map((e) => e.field)).toEqual(['reviewType']);
	});
});

describe('review types as data', () => {
	it('offers the domestic homicide review, the domestic abuse related death review and the Welsh single unified safeguarding review', () => {
		expect(reviewTypes.map((type) => type.key)).toEqual(['domestic_homicide', 'domestic_abuse_related_death', 'single_unified_safeguarding']);
	});

	it('fills the Home Office letter from the template', () => {
		const letter = noReviewLetter(homicide, { partnership: 'Northshire CSP', title: 'Adult A', notifiedOn: '3 March 2025', decidedOn: '20 March 2025', notifiedBy: 'Northshire Police' });
		expect(letter.subject).toBe('Decision not to hold a domestic homicide review: Adult A');
		expect(letter.paragraphs[0]).toBe('On 3 March 2025 Northshire Police notified Northshire CSP of a death that might meet the criteria for a domestic homicide review.');
		expect(letter.addressee).toContain('Home Office');
	});
});
