/**
 * Authenticator-app codes (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as
 * every common app expects). A code is checked against a known time step so that the
 * caller can store the step and refuse it, or any earlier one, next time: a code is
 * accepted once only, and a replay within its window fails.
 */
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** One step either side of now: the clock drift RFC 6238 section 5.2 allows for. */
const driftSteps = 1;
/** How far back a correct code is recognised as expired rather than wrong (5 minutes). */
const expiredSteps = 10;

export function generateTotpSecret(): Uint8Array {
	// 20 bytes (160 bits): the length RFC 4226 recommends for HMAC-SHA1.
	return new Uint8Array(randomBytes(20));
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / totpPeriodSeconds);
}

/** The code for a step (for tests and for showing nothing else: the server never sends a code). */
export function totpCodeAt(secret: Uint8Array, step: number): string {
	return generateHOTP(secret, BigInt(step), totpDigits);
}

export type TotpCheck =
	| { ok: true; step: number }
	| { ok: false; reason: 'malformed' | 'wrong' | 'reused' | 'expired' };

/** Spaces and hyphens are ignored, as apps show codes as "123 456". */
export function normaliseTotpCode(code: string): string {
	return code.replace(/[\s-]/g, '');
}

/**
 * Checks a code at `now`. `lastUsedStep` is the newest step already accepted for this
 * secret: a code of that step or earlier is refused as reused, even while still current.
 */
export function checkTotpCode(secret: Uint8Array, code: string, now: Date, lastUsedStep: number | null): TotpCheck {
	const digits = normaliseTotpCode(code);
	if (!/^\d+$/.test(digits) || digits.length !== totpDigits) return { ok: false, reason: 'malformed' };
	const current = totpStep(now);
	// Newest first, so that when two steps share a code the later one is stored.
	for (let step = current + driftSteps; step >= current - driftSteps; step--) {
		if (!verifyHOTP(secret, BigInt(step), totpDigits, digits)) continue;
		if (lastUsedStep !== null && step === lastUsedStep) return { ok: false, reason: 'reused' };
		// Older than a code already used: it can no longer be used either.
		if (lastUsedStep !== null && step < lastUsedStep) return { ok: false, reason: 'expired' };
		return { ok: true, step };
	}
	for (let step = current - driftSteps - 1; step >= current - expiredSteps; step--) {
		if (verifyHOTP(secret, BigInt(step), totpDigits, digits)) return { ok: false, reason: step === lastUsedStep ? 'reused' : 'expired' };
	}
	return { ok: false, reason: 'wrong' };
}

/** The `otpauth://` link an app reads from the QR code. */
export function totpKeyUri(secret: Uint8Array, accountName: string, issuer = 'DHR Panel Workspace'): string {
	return createTOTPKeyURI(issuer, accountName, secret, totpPeriodSeconds, totpDigits);
}

/** The secret as people type it into an app that cannot scan: base32 in groups of four. */
export function formatTotpSecret(secret: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(secret).match(/.{1,4}/g)!.join(' ');
}
