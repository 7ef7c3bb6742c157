/**
 * Parts of a document only some of its writers may change. In a panel meeting's document
 * the members co-write the minutes, but only whoever presents moves the agenda and sets
 * the focus (the `live` map), and only the server touches `signals`. The y-websocket
 * protocol carries whole-document updates, so the server works out which top-level parts
 * (root types) an update changes, from its structs and the document it applies to.
 */
import * as Y from 'yjs';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** The root type a shared type belongs to: up through its parents to the document's top. */
function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown> | null): string | null {
	let current = type;
	for (let depth = 0; current && current._item && depth < 1_000; depth++) current = current._item.parent as Y.AbstractType<unknown> | null;
	if (!current) return null;
	for (const [name, root] of doc.share) if (root === current) return name;
	return null;
}

/**
 * The names of the root types an update inserts into or deletes from; `null` among them
 * when a part cannot be placed (it is then treated as reserved by the caller).
 */
export function rootsChanged(doc: Y.Doc, update: Uint8Array): Set<string | null> {
	const { structs, ds } = Y.decodeUpdate(update);
	const state = Y.decodeStateVector(Y.encodeStateVector(doc));
	const byClient = new Map<number, Struct[]>();
	for (const struct of structs) byClient.set(struct.id.client, [...(byClient.get(struct.id.client) ?? []), struct]);
	const inUpdate = (id: Y.ID) => byClient.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length) ?? null;
	const inDoc = (id: Y.ID) => (id.clock < (state.get(id.client) ?? 0) ? Y.getItem(doc.store, id) : null);

	const rootOfStruct = (struct: Struct, depth: number): string | null => {
		if (!(struct instanceof Y.Item) || depth > 200) return null;
		const parent = struct.parent as unknown;
		if (typeof parent === 'string') return parent;
		if (parent instanceof Y.ID) return rootOfTypeItem(parent, depth + 1);
		if (parent instanceof Y.AbstractType) return rootNameOf(doc, parent as Y.AbstractType<unknown>);
		const sibling = struct.origin ?? struct.rightOrigin;
		return sibling ? rootOfSibling(sibling, depth + 1) : null;
	};
	// An id naming the item whose content is the parent type.
	const rootOfTypeItem = (id: Y.ID, depth: number): string | null => {
		const known = inDoc(id);
		if (known instanceof Y.Item) return known.content instanceof Y.ContentType ? rootNameOf(doc, known.content.type as Y.AbstractType<unknown>) : null;
		const pending = inUpdate(id);
		return pending ? rootOfStruct(pending, depth) : null;
	};
	// An id naming a neighbour in the same parent.
	const rootOfSibling = (id: Y.ID, depth: number): string | null => {
		const known = inDoc(id);
		if (known instanceof Y.Item) return rootNameOf(doc, known.parent as Y.AbstractType<unknown>);
		const pending = inUpdate(id);
		return pending ? rootOfStruct(pending, depth) : null;
	};

	const roots = new Set<string | null>();
	for (const struct of structs) if (struct instanceof Y.Item) roots.add(rootOfStruct(struct, 0));
	for (const [client, deletions] of ds.clients) {
		const stored = doc.store.clients.get(client) ?? [];
		for (const deletion of deletions) {
			const end = deletion.clock + deletion.len;
			const known = state.get(client) ?? 0;
			if (deletion.clock < known && stored.length > 0) {
				for (let index = Y.findIndexSS(stored, deletion.clock); index < stored.length && stored[index].id.clock < end; index++) {
					const item = stored[index];
					roots.add(item instanceof Y.Item ? rootNameOf(doc, item.parent as Y.AbstractType<unknown>) : null);
				}
			}
			// Deleting what this same update inserts.
			if (end > known) for (const struct of byClient.get(client) ?? []) if (struct.id.clock < end && struct.id.clock + struct.length > deletion.clock) roots.add(rootOfStruct(struct, 0));
		}
	}
	return roots;
}

/** Whether an update changes any of `reserved` (or something that cannot be placed). */
export function touchesReserved(doc: Y.Doc, update: Uint8Array, reserved: readonly string[]): boolean {
	if (reserved.length === 0) return false;
	for (const root of rootsChanged(doc, update)) if (root === null || reserved.includes(root)) return true;
	return false;
}
