/**
 * The key that encrypts second-factor secrets at rest (AES-256-GCM). It lives in a
 * file beside the database (or SECRET_KEY_FILE), never in the database, so a copy of
 * the database alone (a backup, a stolen file) does not reveal authenticator secrets.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { secretKeyPath } from '../config';

const keyLength = 32;
const nonceLength = 12;
const tagLength = 16;

/** Reads the key file, creating it (0600, 32 random bytes) when it does not exist yet. */
export function loadOrCreateSecretKey(path: string): Buffer {
	if (!existsSync(path)) {
		mkdirSync(dirname(resolve(path)), { recursive: true });
		try {
			// 'wx': if another process created it in between, read theirs instead of replacing it.
			writeFileSync(path, randomBytes(keyLength), { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	const key = readFileSync(path);
	if (key.length !== keyLength) {
		throw new Error(`The secret key file ${path} must hold exactly ${keyLength} bytes (it holds ${key.length})`);
	}
	// Tighten a key file someone copied in with loose permissions.
	if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
	return key;
}

const keys = new Map<string, Buffer>();

/** The process's key, from SECRET_KEY_FILE or `secret.key` beside the database. */
export function secretKey(): Buffer {
	const path = resolve(secretKeyPath());
	let key = keys.get(path);
	if (!key) {
		key = loadOrCreateSecretKey(path);
		keys.set(path, key);
	}
	return key;
}

/**
 * Encrypts with AES-256-GCM: nonce ‖ tag ‖ ciphertext. `context` (e.g. the owner's user
 * id) is bound as additional data, so a secret copied onto another row does not decrypt.
 */
export function encryptSecret(key: Buffer, plaintext: Uint8Array, context: string): Buffer {
	const nonce = randomBytes(nonceLength);
	const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength });
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
	return Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]);
}

/** Decrypts what encryptSecret made; throws when the data, the context or the key is not the one it was made with. */
export function decryptSecret(key: Buffer, sealed: Uint8Array, context: string): Uint8Array {
	const bytes = Buffer.from(sealed);
	if (bytes.length < nonceLength + tagLength) throw new Error('The encrypted secret is too short');
	const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, nonceLength), { authTagLength: tagLength });
	decipher.setAAD(Buffer.from(context, 'utf8'));
	decipher.setAuthTag(bytes.subarray(nonceLength, nonceLength + tagLength));
	return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(nonceLength + tagLength)), decipher.final()]));
}
