/**
 * Presence that cannot be spoofed: each awareness entry a connection sends is kept
 * only for client ids that connection owns (the first connection to use an id owns
 * it), and its `user` field is replaced with the identity from the session.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

import type { PresenceIdentity } from '../../src/lib/domain/presence';

export type { PresenceIdentity };

export interface AwarenessOwnership {
	/** Owner of each client id in the room, by connection. */
	owners: Map<number, object>;
	connection: object;
	/** Client ids this connection owns. */
	owned: Set<number>;
	maxOwned: number;
}

export type AwarenessRewrite =
	| { ok: true; update: Uint8Array | null }
	| { ok: false; reason: string };

export function rewriteAwarenessUpdate(
	update: Uint8Array,
	identity: PresenceIdentity,
	ownership: AwarenessOwnership
): AwarenessRewrite {
	const entries: { clientId: number; clock: number; state: string }[] = [];
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		if (count > 64) return { ok: false, reason: 'Too many presence entries in one message' };
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const raw = decoding.readVarString(decoder);
			const parsed: unknown = JSON.parse(raw);
			const owner = ownership.owners.get(clientId);
			// Someone else's presence: dropped, so nobody can change or remove it.
			if (owner !== undefined && owner !== ownership.connection) continue;
			if (owner === undefined) {
				if (parsed === null) continue;
				if (ownership.owned.size >= ownership.maxOwned) return { ok: false, reason: 'Too many presence ids on one connection' };
				ownership.owners.set(clientId, ownership.connection);
				ownership.owned.add(clientId);
			}
			const state = parsed === null ? null : { ...(typeof parsed === 'object' ? parsed : {}), user: identity };
			entries.push({ clientId, clock, state: JSON.stringify(state) });
		}
	} catch {
		return { ok: false, reason: 'The presence message could not be read' };
	}
	if (entries.length === 0) return { ok: true, update: null };
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.state);
	}
	return { ok: true, update: encoding.toUint8Array(encoder) };
}
