/**
 * One loaded document and the connections editing it. The document keeps deleted
 * content (gc off) so that any recorded mark can reconstruct a past state.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocumentStore } from '../../src/lib/server/document-store';

export class Room<Connection extends object> {
	readonly doc = new Y.Doc({ gc: false });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Set<Connection>();
	/** Which connection owns each awareness client id. */
	readonly awarenessOwners = new Map<number, object>();
	/** Which user writes with each Yjs client id (cache of the store's bindings). */
	readonly clientUsers = new Map<number, string>();
	/** Id of the newest stored update reflected in `doc`. */
	lastUpdateId = 0;
	/** Updates applied to `doc` but not yet reported stored by the writer. */
	unstored = 0;
	/** Updates in the log since the last compaction. */
	logLength = 0;
	changedSinceMark = false;
	unloadTimer: NodeJS.Timeout | null = null;
	compactionScheduled = false;

	constructor(readonly name: string) {
		// The server has no presence of its own.
		this.awareness.setLocalState(null);
	}

	static load<C extends object>(name: string, store: DocumentStore): Room<C> {
		const room = new Room<C>(name);
		const stored = store.load(name);
		// One transaction for the whole log: 100,000 small updates load in about 0.3 s this
		// way, where Y.mergeUpdates takes minutes.
		room.doc.transact(() => {
			if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(room.doc, update);
		});
		room.lastUpdateId = stored.lastUpdateId;
		room.logLength = stored.updates.length;
		return room;
	}

	destroy(): void {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
