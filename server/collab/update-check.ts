/**
 * Checks an untrusted Yjs update before it is stored or applied. The y-websocket
 * protocol carries v1 updates, whose decoder consumes at least one byte per struct,
 * so decoding is bounded by the message size limit (the run-length bombs of yjs
 * issue 687 live in the v2 format). What v1 still allows — an enormous number of
 * structs, or structs that depend on content the server has never seen and would
 * sit pending forever — is refused here.
 */
import * as Y from 'yjs';

export type UpdateCheck =
	| { ok: true; changes: boolean; clientIds: number[] }
	| { ok: false; code: 1003 | 1009; reason: string };

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

function isItem(struct: Struct): struct is Y.Item {
	return struct instanceof Y.Item;
}

export function checkUpdate(doc: Y.Doc, update: Uint8Array, maxStructs: number): UpdateCheck {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		return { ok: false, code: 1003, reason: 'The update could not be decoded' };
	}
	const { structs, ds } = decoded;
	if (structs.length > maxStructs) return { ok: false, code: 1009, reason: 'The update holds too many changes at once' };

	const state = Y.decodeStateVector(Y.encodeStateVector(doc));
	// What the document will know of each client once this update is in: its current
	// state, extended by this update's contiguous runs.
	const known = new Map<number, number>(state);
	const sorted = [...structs].sort((a, b) => a.id.client - b.id.client || a.id.clock - b.id.clock);
	let changes = false;
	for (const struct of sorted) {
		if (struct instanceof Y.Skip) return { ok: false, code: 1003, reason: 'The update has gaps' };
		const { client, clock } = struct.id;
		const have = known.get(client) ?? 0;
		if (clock > have) return { ok: false, code: 1003, reason: 'The update depends on changes the server does not have' };
		const end = clock + struct.length;
		if (end > have) {
			known.set(client, end);
			changes = true;
		}
	}
	const knows = (id: Y.ID | null | undefined) => !id || id.clock < (known.get(id.client) ?? 0);
	for (const struct of structs) {
		if (!isItem(struct)) continue;
		const parent = struct.parent as unknown;
		if (!knows(struct.origin) || !knows(struct.rightOrigin) || (parent instanceof Y.ID && !knows(parent))) {
			return { ok: false, code: 1003, reason: 'The update depends on changes the server does not have' };
		}
	}
	for (const [client, deletions] of ds.clients) {
		for (const deletion of deletions) {
			if (deletion.clock + deletion.len > (known.get(client) ?? 0)) {
				return { ok: false, code: 1003, reason: 'The update deletes content the server does not have' };
			}
			changes = true;
		}
	}
	return { ok: true, changes, clientIds: [...new Set(structs.map((s) => s.id.client))] };
}
