/**
 * Recovery codes: ten per user, shown once, kept only as SHA-256 hashes, each used once.
 * A code is 80 random bits (16 base32 characters), so a plain hash cannot be reversed
 * by trying every code, as a short PIN could be.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, count, eq, isNull } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DbExecutor } from '../db/client';
import { recoveryCode } from '../db/schema';

export const recoveryCodeCount = 10;

/** A new code, e.g. `k3vq-9xza-m2lp-7hte`. */
export function generateRecoveryCode(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10)).match(/.{4}/g)!.join('-');
}

/** Case, spaces and hyphens do not matter when typing a code back. */
export function normaliseRecoveryCode(code: string): string {
	return code.toLowerCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseRecoveryCode(code))));
}

/** Replaces all of a user's codes with ten new ones; returns them to show once. */
export function replaceRecoveryCodes(db: DbExecutor, userId: string, now: Date): string[] {
	const codes = Array.from({ length: recoveryCodeCount }, generateRecoveryCode);
	db.delete(recoveryCode).where(eq(recoveryCode.userId, userId)).run();
	db.insert(recoveryCode)
		.values(codes.map((code) => ({ id: randomUUID(), userId, codeHash: hashRecoveryCode(code), createdAt: now })))
		.run();
	return codes;
}

export function deleteRecoveryCodes(db: DbExecutor, userId: string): void {
	db.delete(recoveryCode).where(eq(recoveryCode.userId, userId)).run();
}

export function countUnusedRecoveryCodes(db: DbExecutor, userId: string): number {
	return db.select({ n: count() }).from(recoveryCode).where(and(eq(recoveryCode.userId, userId), isNull(recoveryCode.usedAt))).get()?.n ?? 0;
}

export type RecoveryCodeUse = { ok: true; remaining: number } | { ok: false; reason: 'malformed' | 'wrong' | 'used' };

/**
 * Uses one code. Marking it used is a single conditional UPDATE, so two requests
 * racing with the same code cannot both succeed.
 */
export function useRecoveryCode(db: DbExecutor, userId: string, code: string, now: Date): RecoveryCodeUse {
	const normalised = normaliseRecoveryCode(code);
	if (!/^[a-z2-7]{16}$/.test(normalised)) return { ok: false, reason: 'malformed' };
	const codeHash = hashRecoveryCode(normalised);
	const marked = db
		.update(recoveryCode)
		.set({ usedAt: now })
		.where(and(eq(recoveryCode.userId, userId), eq(recoveryCode.codeHash, codeHash), isNull(recoveryCode.usedAt)))
		.run();
	if (marked.changes === 1) return { ok: true, remaining: countUnusedRecoveryCodes(db, userId) };
	const known = db.select({ id: recoveryCode.id }).from(recoveryCode).where(and(eq(recoveryCode.userId, userId), eq(recoveryCode.codeHash, codeHash))).get();
	return { ok: false, reason: known ? 'used' : 'wrong' };
}
