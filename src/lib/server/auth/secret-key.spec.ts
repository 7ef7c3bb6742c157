import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, loadOrCreateSecretKey } from './secret-key';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'dhr-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the secret key file', () => {
	it('is made on first use: 32 random bytes, readable by the owner only, and kept after', () => {
		const path = join(dir, 'nested', 'secret.key');
		const key = loadOrCreateSecretKey(path);
		expect(key).toHaveLength(32);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(loadOrCreateSecretKey(path).equals(key)).toBe(true);
		expect(readFileSync(path).equals(key)).toBe(true);
	});

	it('refuses a key file of the wrong length rather than use a weak key', () => {
		const path = join(dir, 'short.key');
		writeFileSync(path, randomBytes(16));
		expect(() => loadOrCreateSecretKey(path)).toThrow(/exactly 32 bytes/);
	});
});

describe('encrypting a secret (AES-256-GCM)', () => {
	const key = randomBytes(32);
	const secret = new Uint8Array(randomBytes(20));

	it('round-trips, and never stores the secret in the clear', () => {
		const sealed = encryptSecret(key, secret, 'totp:user-1');
		expect(Buffer.from(decryptSecret(key, sealed, 'totp:user-1')).equals(Buffer.from(secret))).toBe(true);
		expect(sealed.includes(Buffer.from(secret))).toBe(false);
		// A fresh nonce each time.
		expect(encryptSecret(key, secret, 'totp:user-1').equals(sealed)).toBe(false);
	});

	it('refuses a tampered ciphertext, tag or nonce', () => {
		const sealed = encryptSecret(key, secret, 'totp:user-1');
		for (const index of [0, 12, sealed.length - 1]) {
			const tampered = Buffer.from(sealed);
			tampered[index] ^= 0x01;
			expect(() => decryptSecret(key, tampered, 'totp:user-1')).toThrow();
		}
		expect(() => decryptSecret(key, sealed.subarray(0, 20), 'totp:user-1')).toThrow();
	});

	it('refuses another user’s row and another key', () => {
		const sealed = encryptSecret(key, secret, 'totp:user-1');
		expect(() => decryptSecret(key, sealed, 'totp:user-2')).toThrow();
		expect(() => decryptSecret(randomBytes(32), sealed, 'totp:user-1')).toThrow();
	});
});
