/**
 * A software passkey (ES256, "none" attestation) that answers the server's real WebAuthn
 * options as a browser and authenticator would, so the integration tests drive the real
 * verification path. The browser test uses Chromium's virtual authenticator instead.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

export interface CreationOptions {
	challenge: string;
	rp: { id?: string };
}
export interface RequestOptions {
	challenge: string;
	rpId?: string;
}

export class SoftAuthenticator {
	readonly credentialId = randomBytes(16);
	private readonly privateKey: KeyObject;
	private readonly publicKey: KeyObject;
	private signCount = 0;

	constructor(private readonly origin: string) {
		const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		this.privateKey = pair.privateKey;
		this.publicKey = pair.publicKey;
	}

	private rpIdHash(rpId: string | undefined): Buffer {
		return sha256(rpId ?? new URL(this.origin).hostname);
	}

	private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string): Buffer {
		return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
	}

	/** The browser's RegistrationResponseJSON for these creation options. */
	register(options: CreationOptions) {
		const jwk = this.publicKey.export({ format: 'jwk' });
		const cose = isoCBOR.encode(
			new Map<number, number | Uint8Array>([
				[1, 2],
				[3, -7],
				[-1, 1],
				[-2, Buffer.from(jwk.x!, 'base64url')],
				[-3, Buffer.from(jwk.y!, 'base64url')]
			])
		);
		const idLength = Buffer.alloc(2);
		idLength.writeUInt16BE(this.credentialId.length);
		const authData = Buffer.concat([this.rpIdHash(options.rp.id), Buffer.from([0x45]), Buffer.alloc(4), Buffer.alloc(16), idLength, this.credentialId, Buffer.from(cose)]);
		const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
		return {
			id: b64url(this.credentialId),
			rawId: b64url(this.credentialId),
			type: 'public-key',
			response: { clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge)), attestationObject: b64url(attestationObject), transports: ['internal'] },
			clientExtensionResults: {}
		};
	}

	/** The browser's AuthenticationResponseJSON for these request options. */
	authenticate(options: RequestOptions) {
		this.signCount += 1;
		const counter = Buffer.alloc(4);
		counter.writeUInt32BE(this.signCount);
		const authenticatorData = Buffer.concat([this.rpIdHash(options.rpId), Buffer.from([0x05]), counter]);
		const clientDataJSON = this.clientData('webauthn.get', options.challenge);
		const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), this.privateKey);
		return {
			id: b64url(this.credentialId),
			rawId: b64url(this.credentialId),
			type: 'public-key',
			response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
			clientExtensionResults: {}
		};
	}
}
