import { describe, expect, it } from 'vitest';
import { generateTOTP } from '@oslojs/otp';
import { checkTotpCode, formatTotpSecret, generateTotpSecret, totpCodeAt, totpKeyUri, totpStep } from './totp';

const secret = new Uint8Array(Array.from({ length: 20 }, (_, i) => i + 1));
// 3 March 2025, 09:00:10 UTC: 10 seconds into a step.
const now = new Date('2025-03-03T09:00:10Z');
const step = totpStep(now);
const codeAt = (offset: number) => totpCodeAt(secret, step + offset);

describe('authenticator-app codes (RFC 6238)', () => {
	it('matches RFC 6238’s SHA-1 test vector', () => {
		const rfcKey = new TextEncoder().encode('12345678901234567890');
		// Appendix B: T = 59 s gives 94287082 with 8 digits; the 6-digit code is its last six.
		expect(totpCodeAt(rfcKey, 1)).toBe('287082');
	});

	it('accepts the current code and records its step', () => {
		expect(checkTotpCode(secret, codeAt(0), now, null)).toEqual({ ok: true, step });
		expect(checkTotpCode(secret, codeAt(0).replace(/(\d{3})/, '$1 '), now, null)).toEqual({ ok: true, step });
	});

	it('allows one step of clock drift either way', () => {
		expect(checkTotpCode(secret, codeAt(-1), now, null)).toEqual({ ok: true, step: step - 1 });
		expect(checkTotpCode(secret, codeAt(1), now, null)).toEqual({ ok: true, step: step + 1 });
	});

	it('refuses a code replayed within its window, and any earlier code after it', () => {
		const first = checkTotpCode(secret, codeAt(0), now, null);
		expect(first.ok).toBe(true);
		const lastUsed = first.ok ? first.step : -1;
		// Same code, 5 seconds later, still inside its 30-second step.
		expect(checkTotpCode(secret, codeAt(0), new Date(now.getTime() + 5_000), lastUsed)).toEqual({ ok: false, reason: 'reused' });
		// An earlier code, though within the drift window, can no longer be used either.
		expect(checkTotpCode(secret, codeAt(-1), now, lastUsed)).toEqual({ ok: false, reason: 'expired' });
		// The next step's code is new, and accepted.
		expect(checkTotpCode(secret, codeAt(1), new Date(now.getTime() + 30_000), lastUsed)).toEqual({ ok: true, step: step + 1 });
	});

	it('calls a code from a few minutes ago expired, and a code that never was wrong', () => {
		expect(checkTotpCode(secret, codeAt(-4), now, null)).toEqual({ ok: false, reason: 'expired' });
		const never = ['000000', '123456', '999999'].find((code) => ![...Array(23).keys()].some((i) => codeAt(i - 11) === code))!;
		expect(checkTotpCode(secret, never, now, null)).toEqual({ ok: false, reason: 'wrong' });
		// From another secret altogether.
		expect(checkTotpCode(generateTotpSecret(), codeAt(0), now, null)).toMatchObject({ ok: false });
	});

	it('refuses what cannot be a code', () => {
		for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
			expect(checkTotpCode(secret, code, now, null)).toEqual({ ok: false, reason: 'malformed' });
		}
	});

	it('agrees with what an app computes from the link and the typed key', () => {
		const fresh = generateTotpSecret();
		expect(fresh).toHaveLength(20);
		const uri = new URL(totpKeyUri(fresh, 'chair@example.org'));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.searchParams.get('period')).toBe('30');
		expect(uri.searchParams.get('digits')).toBe('6');
		expect(uri.searchParams.get('secret')).toBe(formatTotpSecret(fresh).replace(/ /g, ''));
		expect(checkTotpCode(fresh, generateTOTP(fresh, 30, 6), new Date(), null).ok).toBe(true);
	});
});
