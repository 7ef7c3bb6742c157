import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { minimumPasswordLength } from '../config';

// OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
const argon2Options = {
	type: argon2.argon2id,
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1
} as const;

export function hashPassword(password: string): Promise<string> {
	return argon2.hash(password, argon2Options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	try {
		return await argon2.verify(hash, password);
	} catch {
		return false;
	}
}

// Verified against when the account does not exist, so a wrong email costs the same time as a wrong password.
let decoyHash: Promise<string> | null = null;
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
	await verifyPassword(await decoyHash, password);
	return false;
}

/** A readable one-time password (about 100 bits), for a new account's first sign-in. */
export function generateOneTimePassword(): string {
	const raw = encodeBase32LowerCaseNoPadding(randomBytes(13));
	return raw.match(/.{1,4}/g)!.join('-');
}

/** A message for the user when a new password is not acceptable, or null. */
export function checkNewPassword(password: string, email?: string): string | null {
	const minimum = minimumPasswordLength();
	if (password.length < minimum) return `Password must be ${minimum} characters or more`;
	if (password.length > 256) return 'Password must be 256 characters or fewer';
	if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0]) && email.split('@')[0].length > 3) {
		return 'Password must not contain your email address';
	}
	return null;
}
