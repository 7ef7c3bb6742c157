import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { confirmationProof, recentSignInWindowMs, signedInRecently } from './recent-sign-in';

const key = randomBytes(32);
const now = new Date('2025-03-03T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('changing sign-in methods needs a recent sign-in', () => {
	it('counts the sign-in itself for 15 minutes: the second factor, or the password when there was none', () => {
		expect(signedInRecently({ id: 's1', createdAt: minutesAgo(60), secondFactorAt: minutesAgo(5) }, undefined, now, key)).toBe(true);
		expect(signedInRecently({ id: 's1', createdAt: minutesAgo(5), secondFactorAt: null }, undefined, now, key)).toBe(true);
		expect(signedInRecently({ id: 's1', createdAt: minutesAgo(60), secondFactorAt: minutesAgo(16) }, undefined, now, key)).toBe(false);
		expect(recentSignInWindowMs).toBe(15 * 60_000);
	});

	it('accepts the password confirmed again, for this session only, for 15 minutes', () => {
		const stale = { id: 's1', createdAt: minutesAgo(60), secondFactorAt: minutesAgo(60) };
		const proof = confirmationProof('s1', minutesAgo(2), key);
		expect(signedInRecently(stale, proof, now, key)).toBe(true);
		expect(signedInRecently({ ...stale, id: 's2' }, proof, now, key)).toBe(false);
		expect(signedInRecently(stale, confirmationProof('s1', minutesAgo(15), key), now, key)).toBe(false);
		expect(signedInRecently(stale, confirmationProof('s1', minutesAgo(2), randomBytes(32)), now, key)).toBe(false);
	});

	it('refuses a forged or altered proof', () => {
		const stale = { id: 's1', createdAt: minutesAgo(60), secondFactorAt: minutesAgo(60) };
		const [, tag] = confirmationProof('s1', minutesAgo(20), key).split('.');
		// The time moved forward with the old tag.
		expect(signedInRecently(stale, `${minutesAgo(1).getTime()}.${tag}`, now, key)).toBe(false);
		for (const forged of ['', 'x', '1.2.3', `${now.getTime()}.`, `${now.getTime()}.!!!`]) expect(signedInRecently(stale, forged, now, key)).toBe(false);
	});
});
