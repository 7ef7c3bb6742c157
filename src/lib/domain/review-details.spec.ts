import { describe, expect, it } from 'vitest';
import { checkReviewDetails } from './review-details';

const valid = { title: 'Adult A', partnership: 'Northmoor CSP', dateOfDeath: '2025-01-02', notifiedOn: '2025-01-10', decisionOn: null };

describe('checkReviewDetails', () => {
	it('accepts a complete review without a decision yet', () => {
		expect(checkReviewDetails(valid, '2025-02-01')).toEqual({ ok: true, value: valid });
	});

	it('names every missing field', () => {
		const result = checkReviewDetails({}, '2025-02-01');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['title', 'partnership', 'dateOfDeath', 'notifiedOn']);
	});

	it('refuses dates in the future or out of order', () => {
		const future = checkReviewDetails({ ...valid, notifiedOn: '2025-03-01' }, '2025-02-01');
		expect(future.ok || future.errors[0].message).toBe('The date the partnership was notified must be today or in the past');
		const before = checkReviewDetails({ ...valid, notifiedOn: '2024-12-31' }, '2025-02-01');
		expect(before.ok || before.errors[0].field).toBe('notifiedOn');
		const decision = checkReviewDetails({ ...valid, decisionOn: '2025-01-05' }, '2025-02-01');
		expect(decision.ok || decision.errors[0].field).toBe('decisionOn');
	});

	it('refuses dates that do not exist', () => {
		const result = checkReviewDetails({ ...valid, dateOfDeath: '2025-02-30' }, '2025-03-01');
		expect(result.ok || result.errors[0].message).toBe('The date of death must be a real date');
	});
});
