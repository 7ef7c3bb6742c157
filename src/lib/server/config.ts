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

/**
 * The protective marking (MARKING) on every page, print and export file name: one setting, so the
 * banner, a printed chronology and a downloaded spreadsheet never disagree. Letters, digits,
 * spaces and hyphens only, because it also goes into file names and headers.
 */
export function protectiveMarking(): string {
	const raw = process.env.MARKING?.trim();
	if (raw === undefined || raw === '') return 'OFFICIAL-SENSITIVE';
	if (!/^[A-Za-z0-9][A-Za-z0-9 -]{0,59}$/.test(raw)) {
		throw new Error('MARKING may hold only letters, digits, spaces and hyphens (at most 60)');
	}
	return raw;
}

/** The marking as it goes into a file name: "OFFICIAL SENSITIVE" → "OFFICIAL-SENSITIVE". */
export function markingForFileName(marking: string): string {
	return marking.replace(/\s+/g, '-');
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

/** How outgoing email is set up (SMTP_URL, MAIL_FROM). */
export type MailSettings =
	| { kind: 'smtp'; url: string; from: string }
	/** No SMTP_URL: the outbox is kept (and, in demo mode, written to files). */
	| { kind: 'none'; from: string }
	/** A malformed SMTP_URL: said once at start, without echoing it (it may hold a password). */
	| { kind: 'invalid'; from: string; message: string };

export function mailSettings(): MailSettings {
	const origin = publicOrigin();
	let host = 'localhost';
	try {
		host = new URL(origin).hostname;
	} catch {
		// ORIGIN is checked elsewhere; a plain default will do for the sender's address.
	}
	const from = process.env.MAIL_FROM || `DHR Panel Workspace <no-reply@${host}>`;
	const raw = process.env.SMTP_URL;
	if (raw === undefined || raw === '') return { kind: 'none', from };
	let url: URL | null = null;
	try {
		url = new URL(raw);
	} catch {
		url = null;
	}
	if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname || (url.port !== '' && !/^\d+$/.test(url.port))) {
		return { kind: 'invalid', from, message: 'SMTP_URL is not a valid address such as smtp://user:password@mail.example.org:587 (or smtps:// for port 465), so no email is sent: notifications wait in the outbox (shown on /admin/outbox) until it is corrected.' };
	}
	return { kind: 'smtp', url: raw, from };
}

function wholeNumberIn(name: string, fallback: number, min: number, max: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
	return value;
}

/** The hour (UK time, 0–23) at which daily summaries go: NOTIFY_DIGEST_HOUR, 8 by default. */
export function notifyDigestHour(): number {
	return wholeNumberIn('NOTIFY_DIGEST_HOUR', 8, 0, 23);
}

export interface NotifySettings {
	/** First retry after this long; each further one waits twice as long (capped at 6 hours). */
	retryBaseMs: number;
	/** After this many attempts a message is marked failed and shown so to the admin. */
	maxAttempts: number;
	/** A claimed message not marked sent or failed within this long (its sender died) is tried again. */
	leaseMs: number;
	/** How often the sender looks for due messages. */
	pollMs: number;
	/** The cron pattern (UK time) of the reminders job. */
	reminderSchedule: string;
	/** Test-only: shifts the sender's and the scheduler's clock by this many milliseconds. */
	nowOffsetMs: number;
}

export function notifySettings(): NotifySettings {
	const offset = process.env.NOTIFY_NOW_OFFSET_MS;
	const nowOffsetMs = offset ? Number(offset) : 0;
	if (!Number.isFinite(nowOffsetMs)) throw new Error(`NOTIFY_NOW_OFFSET_MS must be a number of milliseconds, not "${offset}"`);
	return {
		retryBaseMs: positiveNumber('NOTIFY_RETRY_BASE_MS', 60_000),
		maxAttempts: wholeNumberIn('NOTIFY_MAX_ATTEMPTS', 10, 1, 100),
		leaseMs: positiveNumber('NOTIFY_LEASE_MS', 5 * 60_000),
		pollMs: positiveNumber('NOTIFY_POLL_MS', 5_000),
		reminderSchedule: process.env.NOTIFY_REMINDER_CRON || '0 7 * * *',
		nowOffsetMs
	};
}
