import { describe, expect, it } from 'vitest';
import { SyncRequestLimit } from './sync-requests';

describe('the sync-request limit', () => {
	it('allows a burst of twice the rate, then refuses until time passes', () => {
		const limit = new SyncRequestLimit(5, 0);
		for (let i = 0; i < 10; i++) expect(limit.allow(0), `request ${i}`).toBe(true);
		expect(limit.allow(0)).toBe(false);
		expect(limit.allow(100)).toBe(false);
		expect(limit.allow(200)).toBe(true);
	});

	it('never refuses a page that asks three times a second, as the save probe does at most', () => {
		const limit = new SyncRequestLimit(5, 0);
		for (let t = 0; t < 60_000; t += 300) expect(limit.allow(t)).toBe(true);
	});
});
