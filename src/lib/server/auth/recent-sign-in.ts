/**
 * Changing how one signs in (adding or removing a factor, making new recovery codes) needs a
 * recent proof that it is really this person (OWASP ASVS: re-authenticate before changing
 * authentication factors), so a session left open or stolen cannot quietly add its own passkey or
 * read fresh recovery codes. The proof is the session's sign-in (its second factor, or its
 * password when it had none) within the last 15 minutes, or the password confirmed again since:
 * that is kept in a short-lived cookie, an HMAC under the secret key bound to the session id.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase64urlNoPadding, decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import type { Session } from '../db/schema';
import { secretKey } from './secret-key';

export const recentSignInWindowMs = 15 * 60_000;
export const confirmationCookieName = 'confirmed';

const encoder = new TextEncoder();

function mac(key: Uint8Array, sessionId: string, at: number): Uint8Array {
	// A key of its own, derived from the secret key, rather than the one that seals app secrets.
	const purposeKey = hmac(SHA256, key, encoder.encode('dhr-panel-workspace:password-confirmation'));
	return hmac(SHA256, purposeKey, encoder.encode(`${sessionId}:${at}`));
}

/** The cookie value saying this session's password was confirmed at `now`. */
export function confirmationProof(sessionId: string, now: Date, key: Uint8Array = secretKey()): string {
	const at = now.getTime();
	return `${at}.${encodeBase64urlNoPadding(mac(key, sessionId, at))}`;
}

function proofTime(proof: string | undefined, sessionId: string, key: Uint8Array): number | null {
	if (!proof || proof.length > 200) return null;
	const [atText, tag] = proof.split('.');
	const at = Number(atText);
	if (!Number.isSafeInteger(at) || !tag) return null;
	let given: Uint8Array;
	try {
		given = decodeBase64urlIgnorePadding(tag);
	} catch {
		return null;
	}
	return constantTimeEqual(given, mac(key, sessionId, at)) ? at : null;
}

/** Whether this session proved who it is recently enough to change its sign-in methods. */
export function signedInRecently(session: Pick<Session, 'id' | 'createdAt' | 'secondFactorAt'>, proof: string | undefined, now: Date, key: Uint8Array = secretKey()): boolean {
	const within = (at: number) => at <= now.getTime() && now.getTime() - at < recentSignInWindowMs;
	if (within((session.secondFactorAt ?? session.createdAt).getTime())) return true;
	const confirmed = proofTime(proof, session.id, key);
	return confirmed !== null && within(confirmed);
}
