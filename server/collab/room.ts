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
		const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
		// One merged apply is far quicker than applying a long log update by update.
		if (parts.length > 0) Y.applyUpdate(room.doc, parts.length === 1 ? parts[0] : Y.mergeUpdates(parts));
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
