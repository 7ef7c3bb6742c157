import { dirname, join } from 'node:path';

/**
 * Settings read from the environment (DESIGN.md, "Environment"). Plain process.env,
 * not $env, because the collaboration server and the CLI import this module too.
 */
function positiveNumber(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`${name} must be a positive number, not "${raw}"`);
	}
	return value;
}

export interface SessionPolicy {
	/** Signed out after this long without activity. */
	idleTimeoutMs: number;
	/** Signed out this long after signing in, whatever the activity. */
	absoluteTimeoutMs: number;
	/** Every account needs a second factor (MFA_REQUIRED); when omitted, read from the environment. */
	mfaRequired?: boolean;
}

export function sessionPolicy(): SessionPolicy {
	// NIST SP 800-63B AAL2 reauthentication: 30 minutes idle, 12 hours absolute.
	return {
		idleTimeoutMs: positiveNumber('SESSION_IDLE_MINUTES', 30) * 60_000,
		absoluteTimeoutMs: positiveNumber('SESSION_ABSOLUTE_HOURS', 12) * 3_600_000,
		mfaRequired: mfaRequired()
	};
}

export function databasePath(): string {
	return process.env.DATABASE_PATH || './data/dhr.sqlite';
}

export function isDemoMode(): boolean {
	return process.env.DEMO === '1';
}

/**
 * Whether every account must sign in with a second factor (NIST SP 800-63B AAL2).
 * On by default; off in demo mode so the demo stays one step, unless MFA_REQUIRED=1
 * is set explicitly. Whatever this says, a user who has enrolled a factor must use it.
 */
export function mfaRequired(): boolean {
	const raw = process.env.MFA_REQUIRED;
	if (raw === undefined || raw === '') return !isDemoMode();
	if (raw === '1' || raw === 'true') return true;
	if (raw === '0' || raw === 'false') return false;
	throw new Error(`MFA_REQUIRED must be 1 or 0, not "${raw}"`);
}

/** The key that encrypts authenticator-app secrets: a file beside the database, never inside it. */
export function secretKeyPath(): string {
	return process.env.SECRET_KEY_FILE || join(dirname(databasePath()), 'secret.key');
}

export function publicOrigin(): string {
	return process.env.ORIGIN || `http://localhost:${process.env.PORT || '3000'}`;
}

export function isSecureOrigin(): boolean {
	return publicOrigin().startsWith('https:');
}

/** Minimum password length: 12 characters in line with NCSC and NIST advice; demo accounts are exempt. */
export function minimumPasswordLength(): number {
	return isDemoMode() ? 8 : 12;
}

/** The timeouts in words, e.g. "30 minutes" and "12 hours". */
export function describeTimeouts(policy: SessionPolicy): { idle: string; absolute: string } {
	const words = (ms: number) => {
		const minutes = Math.round(ms / 60_000);
		if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
		return `${minutes} minute${minutes === 1 ? '' : 's'}`;
	};
	return { idle: words(policy.idleTimeoutMs), absolute: words(policy.absoluteTimeoutMs) };
}
