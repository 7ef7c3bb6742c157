/**
 * Reading and changing collaborative documents from the app's own code (exports,
 * imports, the demo seed). A change made while people have the document open must
 * reach them live and pass through the same store-before-relay path as their own
 * edits, so when the collaboration server runs in this process it registers itself
 * here and takes the change; otherwise the change goes straight to the store.
 */
import * as Y from 'yjs';
import type { DocumentStore } from './document-store';

export interface ServerChange {
	docName: string;
	/** Recorded against the update in the log, like an edit from that person. */
	userId: string;
	change: (doc: Y.Doc) => void;
}

export interface DocumentWriter {
	apply(change: ServerChange): void;
}

const key = Symbol.for('dhr-panel-workspace.document-writer');
const registry = globalThis as Record<symbol, DocumentWriter | undefined>;

export function registerDocumentWriter(writer: DocumentWriter | null): void {
	registry[key] = writer ?? undefined;
}

/** The stored state of a document (every accepted update is stored before it is relayed). */
export function readDocument(store: DocumentStore, docName: string): Y.Doc {
	const doc = new Y.Doc({ gc: false });
	const stored = store.load(docName);
	doc.transact(() => {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const update of stored.updates) Y.applyUpdate(doc, update);
	});
	return doc;
}

/**
 * Runs `change` against a copy of `base` under a fresh Yjs client id and returns the
 * update it made (empty when it changed nothing), and that client id.
 */
export function composeChange(base: Y.Doc, change: (doc: Y.Doc) => void): { update: Uint8Array | null; clientId: number } {
	const scratch = new Y.Doc({ gc: false });
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(base));
		// Collected from the document's own update events, not by comparing state vectors: a
		// change that only deletes text leaves the state vector as it was, and would be lost.
		const updates: Uint8Array[] = [];
		scratch.on('update', (update: Uint8Array) => updates.push(update));
		change(scratch);
		return { update: updates.length > 0 ? Y.mergeUpdates(updates) : null, clientId: scratch.clientID };
	} finally {
		scratch.destroy();
	}
}

/** Stores a composed change, binding its fresh client id to the user in the same transaction. */
export function storeChange(store: DocumentStore, docName: string, userId: string, composed: { update: Uint8Array; clientId: number }, now: Date): number {
	if (store.clientOwners(docName, [composed.clientId]).size > 0) throw new Error('A fresh client id was already bound; try again');
	return store.append([{ docName, update: composed.update, userId, newClientIds: [composed.clientId] }], now)[0];
}

/**
 * Applies a change as one update: stored in one SQLite transaction (all of it or
 * none of it) and relayed to anyone who has the document open.
 */
export function changeDocument(store: DocumentStore, change: ServerChange): void {
	const writer = registry[key];
	if (writer) return writer.apply(change);
	changeStoredDocument(store, change);
}

/** A change to a document nobody has open: the store is the document. */
export function changeStoredDocument(store: DocumentStore, change: ServerChange): void {
	const doc = readDocument(store, change.docName);
	try {
		const composed = composeChange(doc, change.change);
		if (composed.update) storeChange(store, change.docName, change.userId, { update: composed.update, clientId: composed.clientId }, new Date());
	} finally {
		doc.destroy();
	}
}
