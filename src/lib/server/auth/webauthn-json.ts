/**
 * The shapes of the browser's WebAuthn responses (as @simplewebauthn/browser sends them),
 * checked for form and size before @simplewebauthn/server checks their content.
 */
import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

const b64url = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

export const authenticationResponseSchema = z.object({
	id: b64url,
	rawId: b64url,
	type: z.literal('public-key'),
	response: z.object({
		clientDataJSON: b64url,
		authenticatorData: b64url,
		signature: b64url,
		userHandle: b64url.optional()
	}),
	clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
	authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional()
});

export const registrationResponseSchema = z.object({
	id: b64url,
	rawId: b64url,
	type: z.literal('public-key'),
	response: z.object({
		clientDataJSON: b64url,
		attestationObject: b64url,
		authenticatorData: b64url.optional(),
		transports: z.array(z.string().max(40)).max(10).optional(),
		publicKeyAlgorithm: z.number().optional(),
		publicKey: b64url.optional()
	}),
	clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
	authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional()
});

function parseField<T>(schema: z.ZodType, text: string): T | null {
	if (!text || text.length > 64_000) return null;
	try {
		const parsed = schema.safeParse(JSON.parse(text));
		return parsed.success ? (parsed.data as T) : null;
	} catch {
		return null;
	}
}

/** A response posted as a form field's JSON text, or null when it is not one. */
export const parseAuthenticationResponse = (text: string) => parseField<AuthenticationResponseJSON>(authenticationResponseSchema, text);
export const parseRegistrationResponse = (text: string) => parseField<RegistrationResponseJSON>(registrationResponseSchema, text);
