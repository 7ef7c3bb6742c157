/**
 * Passkeys and security keys (WebAuthn), through @simplewebauthn/server. The relying
 * party's id and the expected origin come from ORIGIN (publicOrigin()), never from the
 * request's headers, so a proxy or a forged Host header cannot change what is accepted.
 * Challenges are made and kept on the server (webauthn_challenge), bound to the session
 * that asked for them, short-lived, and deleted when used: a response is accepted once.
 */
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
	type AuthenticationResponseJSON,
	type PublicKeyCredentialCreationOptionsJSON,
	type PublicKeyCredentialRequestOptionsJSON,
	type RegistrationResponseJSON
} from '@simplewebauthn/server';
import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import { and, eq, lt } from 'drizzle-orm';
import type { AppDatabase } from '../db/client';
import { webauthnChallenge, webauthnCredential, type WebauthnCredential } from '../db/schema';
import { publicOrigin } from '../config';

export const challengeLifetimeMs = 5 * 60_000;
const relyingPartyName = 'DHR Panel Workspace';

export function relyingParty(origin = publicOrigin()): { id: string; name: string; origin: string } {
	const url = new URL(origin);
	return { id: url.hostname, name: relyingPartyName, origin: url.origin };
}

function storeChallenge(db: AppDatabase, sessionId: string, purpose: 'register' | 'authenticate', challenge: string, now: Date): void {
	db.transaction((tx) => {
		tx.delete(webauthnChallenge).where(lt(webauthnChallenge.expiresAt, now)).run();
		tx.insert(webauthnChallenge).values({ challenge, sessionId, purpose, expiresAt: new Date(now.getTime() + challengeLifetimeMs) }).run();
	});
}

export type ChallengeProblem = 'challenge_unknown' | 'challenge_other_session' | 'challenge_expired';

/**
 * Takes the challenge a response answers, once: it must have been issued to this
 * session for this purpose and not have expired. A single DELETE … RETURNING, so two
 * copies of one response racing each other cannot both find it.
 */
function takeChallenge(db: AppDatabase, clientDataJSON: string, sessionId: string, purpose: 'register' | 'authenticate', now: Date): { ok: true; challenge: string } | { ok: false; reason: ChallengeProblem } {
	let challenge: string;
	try {
		challenge = decodeClientDataJSON(clientDataJSON).challenge;
	} catch {
		return { ok: false, reason: 'challenge_unknown' };
	}
	if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 200) return { ok: false, reason: 'challenge_unknown' };
	const taken = db
		.delete(webauthnChallenge)
		.where(and(eq(webauthnChallenge.challenge, challenge), eq(webauthnChallenge.sessionId, sessionId), eq(webauthnChallenge.purpose, purpose)))
		.returning()
		.get();
	if (!taken) {
		const elsewhere = db.select({ sessionId: webauthnChallenge.sessionId }).from(webauthnChallenge).where(eq(webauthnChallenge.challenge, challenge)).get();
		return { ok: false, reason: elsewhere ? 'challenge_other_session' : 'challenge_unknown' };
	}
	if (taken.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'challenge_expired' };
	return { ok: true, challenge };
}

/** What a registration or a sign-in checks a response against: our challenge, and our origin from ORIGIN. */
function expectations(challenge: string) {
	const rp = relyingParty();
	// User verification (a PIN or fingerprint) is preferred, not required: a plain security key
	// is still a second factor, as the password is the first (NIST SP 800-63B, AAL2).
	return { expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: false };
}

// The registration answer narrows on `verified`; the sign-in answer does not: either way, what passed.
type Verified<T> = [Extract<T, { verified: true }>] extends [never] ? T : Extract<T, { verified: true }>;

/** A response that fails to parse counts as one that fails to verify: both are simply not accepted. */
async function verifiedOrNull<T extends { verified: boolean }>(verification: Promise<T>): Promise<Verified<T> | null> {
	try {
		const result = await verification;
		return result.verified ? (result as Verified<T>) : null;
	} catch {
		return null;
	}
}

/** How a stored passkey is named to the browser, so it offers (or, when adding, refuses) that one. */
function descriptorOf(credential: Pick<WebauthnCredential, 'id' | 'transports'>) {
	return { id: credential.id, transports: credential.transports ?? undefined };
}

export function listPasskeys(db: AppDatabase, userId: string): WebauthnCredential[] {
	return db.select().from(webauthnCredential).where(eq(webauthnCredential.userId, userId)).all();
}

export async function passkeyRegistrationOptions(
	db: AppDatabase,
	input: { sessionId: string; user: { id: string; email: string; name: string } },
	now: Date
): Promise<PublicKeyCredentialCreationOptionsJSON> {
	const rp = relyingParty();
	const options = await generateRegistrationOptions({
		rpName: rp.name,
		rpID: rp.id,
		userName: input.user.email,
		userDisplayName: input.user.name,
		userID: new TextEncoder().encode(input.user.id),
		attestationType: 'none',
		timeout: challengeLifetimeMs,
		excludeCredentials: listPasskeys(db, input.user.id).map(descriptorOf),
		authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' }
	});
	storeChallenge(db, input.sessionId, 'register', options.challenge, now);
	return options;
}

export type PasskeyRegistration =
	| { ok: true; credential: WebauthnCredential }
	| { ok: false; reason: ChallengeProblem | 'invalid' | 'already_registered' };

export async function registerPasskey(
	db: AppDatabase,
	input: { sessionId: string; userId: string; name: string; response: RegistrationResponseJSON },
	now: Date
): Promise<PasskeyRegistration> {
	const taken = takeChallenge(db, input.response.response?.clientDataJSON, input.sessionId, 'register', now);
	if (!taken.ok) return taken;
	const verified = await verifiedOrNull(verifyRegistrationResponse({ response: input.response, ...expectations(taken.challenge) }));
	if (!verified) return { ok: false, reason: 'invalid' };
	const { credential, credentialBackedUp } = verified.registrationInfo;
	if (db.select({ id: webauthnCredential.id }).from(webauthnCredential).where(eq(webauthnCredential.id, credential.id)).get()) {
		return { ok: false, reason: 'already_registered' };
	}
	const row: WebauthnCredential = {
		id: credential.id,
		userId: input.userId,
		name: input.name,
		publicKey: Buffer.from(credential.publicKey),
		counter: credential.counter,
		transports: credential.transports ?? null,
		backedUp: credentialBackedUp,
		lastUsedAt: null,
		createdAt: now
	};
	db.insert(webauthnCredential).values(row).run();
	return { ok: true, credential: row };
}

export async function passkeySignInOptions(db: AppDatabase, input: { sessionId: string; userId: string }, now: Date): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
	const passkeys = listPasskeys(db, input.userId);
	if (passkeys.length === 0) return null;
	const options = await generateAuthenticationOptions({
		rpID: relyingParty().id,
		timeout: challengeLifetimeMs,
		allowCredentials: passkeys.map(descriptorOf),
		userVerification: 'preferred'
	});
	storeChallenge(db, input.sessionId, 'authenticate', options.challenge, now);
	return options;
}

export type PasskeyCheck = { ok: true; credential: WebauthnCredential } | { ok: false; reason: ChallengeProblem | 'unknown_credential' | 'invalid' };

export async function checkPasskey(
	db: AppDatabase,
	input: { sessionId: string; userId: string; response: AuthenticationResponseJSON },
	now: Date
): Promise<PasskeyCheck> {
	const taken = takeChallenge(db, input.response.response?.clientDataJSON, input.sessionId, 'authenticate', now);
	if (!taken.ok) return taken;
	const credential = db
		.select()
		.from(webauthnCredential)
		.where(and(eq(webauthnCredential.id, String(input.response.id)), eq(webauthnCredential.userId, input.userId)))
		.get();
	if (!credential) return { ok: false, reason: 'unknown_credential' };
	const verified = await verifiedOrNull(
		verifyAuthenticationResponse({
			response: input.response,
			...expectations(taken.challenge),
			credential: { ...descriptorOf(credential), publicKey: new Uint8Array(credential.publicKey), counter: credential.counter }
		})
	);
	if (!verified) return { ok: false, reason: 'invalid' };
	db.update(webauthnCredential)
		.set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: now, backedUp: verified.authenticationInfo.credentialBackedUp })
		.where(eq(webauthnCredential.id, credential.id))
		.run();
	return { ok: true, credential };
}
