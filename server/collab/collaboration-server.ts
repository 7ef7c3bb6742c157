/**
 * Our y-websocket-protocol server (issue 3): authenticated and permission-checked on
 * upgrade and per message, durable (every accepted update is committed to SQLite
 * before anyone else sees it), with presence set from the session.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { AppDatabase } from '../../src/lib/server/db/client';
import type { DocumentStore } from '../../src/lib/server/document-store';
import { liveSessions, touchSession } from '../../src/lib/server/auth/session';
import { accessEvents } from '../../src/lib/server/access-events';
import type { SessionPolicy } from '../../src/lib/server/config';
import type { DocumentAccess, DocumentRef, Membership } from '../../src/lib/domain/permissions';
import { roleLabels } from '../../src/lib/domain/permissions';
import { authenticateUpgrade, isAllowedOrigin, materialDeletedReason, resolveAccess, type ConnectionIdentity, type UpgradeDecision } from './connection-auth';
import { guestDescriptionFor } from '../../src/lib/server/events';
import { closeCodes } from './close-codes';
import { TokenBucket, type CollabLimits } from './limits';
import { checkUpdate } from './update-check';
import { touchesReserved } from './reserved-roots';
import { rewriteAwarenessUpdate, type PresenceIdentity } from './awareness-guard';
import { colourFor } from '../../src/lib/domain/presence';
import { Room } from './room';
import { cutOffIfStillOpen, wouldOverflow } from './send-queue';
import { SyncRequestLimit } from './sync-requests';
import { clientAddressOf, recordDocumentOpened } from './read-audit';
import { guestsPastTheirWindow } from './guest-window';
import { createInThreadWriter, type UpdateWriter, type WriteResult } from './update-writer';
import { changeStoredDocument, composeChange, registerDocumentWriter, storeChange, type ServerChange } from '../../src/lib/server/live-documents';

const messageSync = 0;
const messageAwareness = 1;
const messageQueryAwareness = 3;

// Writing last-active on every edit would make every keystroke a disk write.
const sessionTouchIntervalMs = 60_000;
const sessionSweepIntervalMs = 5_000;

interface Connection {
	ws: WebSocket;
	room: Room<Connection>;
	identity: ConnectionIdentity;
	presence: PresenceIdentity;
	ref: DocumentRef;
	membership: Membership;
	access: Exclude<DocumentAccess, 'none'>;
	/** Parts of the document this writer may not change (a meeting's live state, for all but its presenter). */
	reservedRoots: string[];
	ownedAwarenessIds: Set<number>;
	messages: TokenBucket;
	bytes: TokenBucket;
	syncRequests: SyncRequestLimit;
	lastTouch: number;
	closed: boolean;
}

interface PendingUpdate {
	connection: Connection;
	update: Uint8Array;
	newClientIds: number[];
}

export interface CollaborationOptions {
	db: AppDatabase;
	store: DocumentStore;
	/** The page origin a browser must send; development accepts both names of the loopback address. */
	allowedOrigin: string | readonly string[];
	sessionPolicy: SessionPolicy;
	limits: CollabLimits;
	/** Commits accepted updates; in this thread, on `db`, unless another is given. */
	writer?: UpdateWriter;
	log?: (message: string) => void;
}

export interface CollaborationServer {
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, docName: string): void;
	/** Commits pending updates, closes every connection and unloads every document. */
	close(): Promise<void>;
	stats(): { rooms: number; connections: number };
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageAwareness);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function createCollaborationServer(options: CollaborationOptions): CollaborationServer {
	const { db, store, limits } = options;
	const writer = options.writer ?? createInThreadWriter(store);
	const log = options.log ?? ((message: string) => console.warn(`[collab] ${message}`));
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
	const rooms = new Map<string, Room<Connection>>();
	const connections = new Set<Connection>();
	let pending: PendingUpdate[] = [];
	let writing = false;
	let closing = false;
	// Often enough that a short idle timeout (as tests use) still sees the activity.
	const touchIntervalMs = Math.min(sessionTouchIntervalMs, options.sessionPolicy.idleTimeoutMs / 4);

	function send(connection: Connection, message: Uint8Array): void {
		if (connection.closed || connection.ws.readyState !== connection.ws.OPEN) return;
		if (wouldOverflow(connection.ws, message.byteLength, limits.maxQueuedBytes)) {
			return closeConnection(connection, closeCodes.tooFarBehind, 'Too much is waiting to be sent: reconnect to catch up');
		}
		connection.ws.send(message, (error) => {
			if (error) closeConnection(connection, closeCodes.serverError, 'Could not send');
		});
	}

	function closeConnection(connection: Connection, code: number, reason: string): void {
		if (connection.closed) return;
		connection.closed = true;
		if (code !== closeCodes.goingAway && code !== 1000) {
			log(`closed ${connection.room.name} for user ${connection.identity.userId}: ${code} ${reason}`);
		}
		connection.ws.close(code, reason.slice(0, 120));
		// Its close frame waits behind everything it has not read.
		if (code === closeCodes.tooFarBehind) cutOffIfStillOpen(connection.ws);
		leaveRoom(connection);
	}

	function leaveRoom(connection: Connection): void {
		const { room } = connection;
		if (!connections.delete(connection)) return;
		room.connections.delete(connection);
		if (connection.ownedAwarenessIds.size > 0) {
			const ids = [...connection.ownedAwarenessIds];
			for (const id of ids) room.awarenessOwners.delete(id);
			awarenessProtocol.removeAwarenessStates(room.awareness, ids, connection);
		}
		if (room.connections.size === 0) scheduleUnload(room);
	}

	function getRoom(name: string): Room<Connection> {
		let room = rooms.get(name);
		if (!room) {
			room = Room.load<Connection>(name, store);
			const loaded = room;
			loaded.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
				const changed = [...added, ...updated, ...removed];
				const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(loaded.awareness, changed));
				for (const other of loaded.connections) send(other, message);
			});
			rooms.set(name, room);
			if (room.logLength > limits.compactAfterUpdates) scheduleCompaction(room);
		}
		if (room.unloadTimer) {
			clearTimeout(room.unloadTimer);
			room.unloadTimer = null;
		}
		return room;
	}

	/** A history mark of the room as it is, or null when nothing changed since the last one. */
	function takeMark(room: Room<Connection>): Uint8Array | null {
		if (!room.changedSinceMark) return null;
		room.changedSinceMark = false;
		return Y.encodeSnapshot(Y.snapshot(room.doc));
	}

	function unloadRoom(room: Room<Connection>): void {
		flushNow();
		if (rooms.get(room.name) !== room) return;
		try {
			const mark = takeMark(room);
			if (mark) store.addMark(room.name, mark, 'unload', new Date());
		} catch (error) {
			log(`could not record history of ${room.name} on unload: ${String(error)}`);
		}
		rooms.delete(room.name);
		room.destroy();
	}

	function scheduleUnload(room: Room<Connection>): void {
		if (room.unloadTimer) clearTimeout(room.unloadTimer);
		room.unloadTimer = setTimeout(() => {
			room.unloadTimer = null;
			if (room.connections.size === 0) unloadRoom(room);
		}, limits.unloadAfterMs);
		room.unloadTimer.unref();
	}

	function scheduleCompaction(room: Room<Connection>): void {
		if (room.compactionScheduled) return;
		room.compactionScheduled = true;
		// After the current burst of messages, so compaction does not sit between an edit and its relay.
		setTimeout(() => compact(room), 50).unref();
	}

	/** Merges a room's log into one snapshot on the writer, off the main thread. */
	function compact(room: Room<Connection>): void {
		if (rooms.get(room.name) !== room) return;
		if (room.unstored > 0) {
			// Wait until the document holds exactly what is stored.
			setTimeout(() => compact(room), 20).unref();
			return;
		}
		// Everything up to lastUpdateId is in the document and nothing later is, so this
		// state replaces exactly those updates; later ones stay in the log.
		const compacted = room.logLength;
		const mark = takeMark(room);
		const job = { docName: room.name, upToUpdateId: room.lastUpdateId, state: Y.encodeStateAsUpdate(room.doc), mark };
		writer.write({ kind: 'compact', ...job }, new Date(), (result) => {
			room.compactionScheduled = false;
			if (result.ok) {
				room.logLength -= compacted;
				schedulePrune(room.name);
			} else {
				if (mark) room.changedSinceMark = true;
				log(`compaction of ${room.name} failed, the log is kept: ${result.error}`);
			}
		});
	}

	const pruning = new Set<string>();
	// Small enough that an edit arriving meanwhile waits a millisecond or two at most.
	const pruneBatchRows = 25;

	function schedulePrune(docName: string): void {
		if (pruning.has(docName)) return;
		pruning.add(docName);
		setTimeout(() => pruneStep(docName), 200).unref();
	}

	/** Deletes what a snapshot replaced, a little at a time and only while the writer is idle. */
	function pruneStep(docName: string): void {
		if (closing) return;
		if (writing || pending.length > 0) return void setTimeout(() => pruneStep(docName), 50).unref();
		writer.write({ kind: 'prune', docName, limit: pruneBatchRows }, new Date(), (result) => {
			if (result.ok && result.removed > 0) setTimeout(() => pruneStep(docName), 10).unref();
			else {
				pruning.delete(docName);
				if (!result.ok) log(`could not delete the compacted log of ${docName}; the next compaction tries again: ${result.error}`);
			}
		});
	}

	/** On shutdown: what is left to delete goes now, so the file is left tidy. */
	function finishPruning(): void {
		for (const docName of pruning) {
			let removed = 1;
			while (removed > 0) {
				removed = 0;
				writer.write({ kind: 'prune', docName, limit: 1_000 }, new Date(), (result) => (removed = result.ok ? result.removed : 0));
				writer.drain();
			}
		}
		pruning.clear();
	}

	/**
	 * Hands every pending update to the writer as one transaction (a group commit);
	 * they are relayed when it reports them stored. One batch at a time, so updates
	 * arriving meanwhile make up the next.
	 */
	function flush(): void {
		if (writing || pending.length === 0) return;
		const batch = pending;
		pending = [];
		writing = true;
		writer.write(
			{
				kind: 'append',
				batch: batch.map(({ connection, update, newClientIds }) => ({ docName: connection.room.name, update, userId: connection.identity.userId, newClientIds }))
			},
			new Date(),
			(result) => {
				writing = false;
				stored(batch, result);
				flush();
			}
		);
	}

	/** Returns once every accepted update is stored (and relayed). */
	function flushNow(): void {
		flush();
		writer.drain();
	}

	function stored(batch: PendingUpdate[], result: WriteResult): void {
		if (!result.ok) {
			// The in-memory documents now hold edits that are not stored. Drop those rooms so
			// they reload from disk; clients resend their unsaved edits when they reconnect.
			log(`could not store ${batch.length} update(s): ${result.error}`);
			const failedRooms = new Set(batch.map(({ connection }) => connection.room));
			// Later edits to those rooms build on the lost ones; their clients resend them too.
			pending = pending.filter(({ connection }) => !failedRooms.has(connection.room));
			for (const room of failedRooms) {
				for (const connection of [...room.connections]) {
					closeConnection(connection, closeCodes.serverError, 'Your change could not be saved. Reconnecting.');
				}
				if (rooms.get(room.name) === room) {
					rooms.delete(room.name);
					room.destroy();
				}
			}
			return;
		}
		const byRoom = new Map<Room<Connection>, PendingUpdate[]>();
		batch.forEach((entry, index) => {
			const { room } = entry.connection;
			room.lastUpdateId = Math.max(room.lastUpdateId, result.ids[index]);
			room.unstored -= 1;
			room.logLength += 1;
			room.changedSinceMark = true;
			const entries = byRoom.get(room);
			if (entries) entries.push(entry);
			else byRoom.set(room, [entry]);
		});
		for (const [room, entries] of byRoom) {
			relay(room, entries);
			if (room.logLength > limits.compactAfterUpdates) scheduleCompaction(room);
		}
	}

	/**
	 * Sends a room's newly stored updates to its connections. Several are merged into one
	 * message for everyone (an update a client already has is a no-op for it, and the
	 * stock server echoes too), so a group commit does not arrive as a burst of frames.
	 */
	function relay(room: Room<Connection>, entries: PendingUpdate[]): void {
		if (entries.length === 1) {
			const [{ connection, update }] = entries;
			const message = syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update));
			for (const other of room.connections) if (other !== connection) send(other, message);
			return;
		}
		const merged = Y.mergeUpdates(entries.map((entry) => entry.update));
		const message = syncMessage((encoder) => syncProtocol.writeUpdate(encoder, merged));
		for (const connection of room.connections) send(connection, message);
	}

	function acceptUpdate(connection: Connection, update: Uint8Array): void {
		const { room } = connection;
		const check = checkUpdate(room.doc, update, limits.maxStructsPerUpdate);
		if (!check.ok) return closeConnection(connection, check.code, check.reason);
		if (!check.changes) return;
		if (connection.access !== 'write') {
			return closeConnection(connection, closeCodes.forbidden, 'You can read this document but not change it');
		}
		if (touchesReserved(room.doc, update, connection.reservedRoots)) {
			return closeConnection(connection, closeCodes.forbidden, 'Only whoever presents can move the meeting on');
		}
		// A Yjs client id belongs to the first user who writes with it (cached per room).
		let unbound = check.clientIds.filter((id) => room.clientUsers.get(id) !== connection.identity.userId);
		if (unbound.some((id) => room.clientUsers.has(id))) {
			return closeConnection(connection, closeCodes.forbidden, 'The update claims another person’s edits');
		}
		if (unbound.length > 0) {
			const owners = store.clientOwners(room.name, unbound);
			for (const [id, owner] of owners) {
				if (owner !== connection.identity.userId) return closeConnection(connection, closeCodes.forbidden, 'The update claims another person’s edits');
				room.clientUsers.set(id, owner);
			}
			unbound = unbound.filter((id) => !owners.has(id));
			// Bound here at once, so no other connection can claim them while this is stored.
			for (const id of unbound) room.clientUsers.set(id, connection.identity.userId);
		}
		// Applied now so later messages are checked against it, but relayed (and served to
		// anyone syncing) only once the writer has stored it.
		Y.applyUpdate(room.doc, update, connection);
		noteActivity(connection);
		room.unstored += 1;
		pending.push({ connection, update, newClientIds: unbound });
		// Straight to the writer when it is free; otherwise this joins the next group commit.
		flush();
	}

	/**
	 * Only real use keeps a session alive (issue 13): an accepted edit counts, while
	 * presence, sync requests and awareness queries, which an open page sends by itself,
	 * do not. Otherwise a page left open would stay signed in until the absolute timeout.
	 */
	function noteActivity(connection: Connection): void {
		const now = Date.now();
		if (now - connection.lastTouch < touchIntervalMs) return;
		connection.lastTouch = now;
		touchSession(db, connection.identity.sessionId, new Date(now));
	}

	function handleSync(connection: Connection, decoder: decoding.Decoder): void {
		const type = decoding.readVarUint(decoder);
		if (type === syncProtocol.messageYjsSyncStep1) {
			if (!connection.syncRequests.allow()) return closeConnection(connection, closeCodes.policy, 'Too many sync requests: slow down');
			const stateVector = decoding.readVarUint8Array(decoder);
			// Never serve content that is not yet on disk.
			flushNow();
			let reply: Uint8Array;
			try {
				reply = syncMessage((encoder) => {
					encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
					encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(connection.room.doc, stateVector));
				});
			} catch {
				return closeConnection(connection, closeCodes.malformed, 'The state vector could not be read');
			}
			send(connection, reply);
			return;
		}
		if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
			acceptUpdate(connection, decoding.readVarUint8Array(decoder));
			return;
		}
		closeConnection(connection, closeCodes.malformed, 'Unknown sync message');
	}

	/**
	 * A change from the app itself (an import): stored first, then applied to the loaded
	 * document and relayed to everyone in it, exactly like an accepted edit.
	 */
	function applyServerChange({ docName, userId, change }: ServerChange): void {
		flushNow();
		const room = rooms.get(docName);
		if (!room) return changeStoredDocument(store, { docName, userId, change });
		const composed = composeChange(room.doc, change);
		if (!composed.update) return;
		const id = storeChange(store, docName, userId, { update: composed.update, clientId: composed.clientId }, new Date());
		room.clientUsers.set(composed.clientId, userId);
		Y.applyUpdate(room.doc, composed.update, 'server');
		room.lastUpdateId = Math.max(room.lastUpdateId, id);
		room.logLength += 1;
		room.changedSinceMark = true;
		const message = syncMessage((encoder) => syncProtocol.writeUpdate(encoder, composed.update!));
		for (const connection of room.connections) send(connection, message);
	}
	registerDocumentWriter({ apply: applyServerChange });

	function handleAwareness(connection: Connection, decoder: decoding.Decoder): void {
		const update = decoding.readVarUint8Array(decoder);
		const { room } = connection;
		const rewritten = rewriteAwarenessUpdate(update, connection.presence, {
			owners: room.awarenessOwners,
			connection,
			owned: connection.ownedAwarenessIds,
			maxOwned: limits.maxAwarenessClientsPerConnection
		});
		if (!rewritten.ok) return closeConnection(connection, closeCodes.malformed, rewritten.reason);
		if (rewritten.update) awarenessProtocol.applyAwarenessUpdate(room.awareness, rewritten.update, connection);
	}

	function handleMessage(connection: Connection, data: RawData, isBinary: boolean): void {
		if (connection.closed) return;
		if (!isBinary) return closeConnection(connection, closeCodes.malformed, 'Only binary messages are accepted');
		const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
		const now = Date.now();
		if (!connection.messages.take(1, now) || !connection.bytes.take(bytes.byteLength, now)) {
			return closeConnection(connection, closeCodes.policy, 'Too many messages: slow down');
		}
		try {
			const decoder = decoding.createDecoder(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
			const type = decoding.readVarUint(decoder);
			switch (type) {
				case messageSync:
					return handleSync(connection, decoder);
				case messageAwareness:
					return handleAwareness(connection, decoder);
				case messageQueryAwareness:
					return send(connection, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(connection.room.awareness, [...connection.room.awareness.getStates().keys()])));
				default:
					return closeConnection(connection, closeCodes.malformed, `Unknown message type ${type}`);
			}
		} catch (error) {
			log(`message from user ${connection.identity.userId} on ${connection.room.name} failed: ${String(error)}`);
			closeConnection(connection, closeCodes.malformed, 'The message could not be read');
		}
	}

	/** How this person appears to the others in the document, from the session, never the client. */
	function presenceOf({ identity, membership, ref }: Extract<UpgradeDecision, { ok: true }>): PresenceIdentity {
		// A guest appears by role and agency: only the moderator and the chair know their name.
		const name = membership.role === 'guest' && ref.kind === 'event' ? guestDescriptionFor(db, ref.eventId, identity.userId) : identity.name;
		return { name, color: colourFor(identity.userId), role: roleLabels[membership.role] };
	}

	function open(ws: WebSocket, decision: Extract<ReturnType<typeof authenticateUpgrade>, { ok: true }>, docName: string, ipAddress: string | null): void {
		try {
			// Admitted: the reading is audited before anything of the document is sent.
			recordDocumentOpened(db, { userId: decision.identity.userId, ref: decision.ref, ipAddress });
		} catch (error) {
			log(`could not audit the opening of ${docName}: ${String(error)}`);
			ws.close(closeCodes.serverError, 'Something went wrong');
			return;
		}
		let room: Room<Connection>;
		try {
			room = getRoom(docName);
		} catch (error) {
			log(`could not load ${docName}: ${String(error)}`);
			ws.close(closeCodes.serverError, 'The document could not be loaded');
			return;
		}
		const connection: Connection = {
			ws,
			room,
			identity: decision.identity,
			presence: presenceOf(decision),
			ref: decision.ref,
			membership: decision.membership,
			access: decision.access,
			reservedRoots: decision.reservedRoots,
			ownedAwarenessIds: new Set(),
			messages: new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2),
			bytes: new TokenBucket(limits.bytesPerSecond, limits.bytesPerSecond * 2),
			syncRequests: new SyncRequestLimit(limits.syncRequestsPerSecond),
			lastTouch: Date.now(),
			closed: false
		};
		connections.add(connection);
		room.connections.add(connection);
		ws.on('message', (data, isBinary) => handleMessage(connection, data, isBinary));
		ws.on('close', () => {
			connection.closed = true;
			leaveRoom(connection);
		});
		ws.on('error', (error) => {
			// ws reports oversized frames (1009) and protocol errors here and closes the socket itself.
			log(`socket error for user ${connection.identity.userId} on ${room.name}: ${error.message}`);
			connection.closed = true;
			leaveRoom(connection);
		});
		// A state vector holds no content, so it may count updates still being stored.
		send(connection, syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, room.doc)));
		const states = room.awareness.getStates();
		if (states.size > 0) send(connection, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])));
	}

	function refuse(ws: WebSocket, code: number, reason: string): void {
		ws.close(code, reason);
	}

	const onAccessChanged = ({ reviewId, userId }: { reviewId: string; userId?: string }) => {
		for (const connection of [...connections]) {
			if ((userId !== undefined && connection.identity.userId !== userId) || connection.ref.reviewId !== reviewId) continue;
			const resolved = resolveAccess(db, connection.ref, connection.identity.userId);
			if (!resolved || resolved.access === 'none') closeConnection(connection, closeCodes.notFound, 'You are no longer a member of this review');
			else if (resolved.access !== connection.access || resolved.reservedRoots.join() !== connection.reservedRoots.join()) closeConnection(connection, closeCodes.accessChanged, 'Your access has changed');
		}
	};
	const onSessionsEnded = ({ sessionIds }: { sessionIds: string[] }) => {
		const ended = new Set(sessionIds);
		for (const connection of [...connections]) {
			if (ended.has(connection.identity.sessionId)) closeConnection(connection, closeCodes.unauthenticated, 'Your session has ended');
		}
	};
	const closeGuestsPastTheirWindow = (candidates: Iterable<Connection>) => {
		for (const connection of guestsPastTheirWindow(db, candidates, new Date())) {
			closeConnection(connection, closeCodes.notFound, 'The learning event’s window has closed');
		}
	};
	const onEventChanged = ({ eventId }: { reviewId: string; eventId: string }) => {
		closeGuestsPastTheirWindow([...connections].filter((connection) => connection.ref.kind === 'event' && connection.ref.eventId === eventId));
	};
	/**
	 * Retention (issue 13): the review's working material is about to be deleted. Store what
	 * was received (it is deleted with the rest), close every connection to the review's
	 * documents and drop their rooms with no history mark, so nothing is written back after
	 * the deletion. Runs synchronously inside the emit, before the deletion's transaction.
	 */
	const onMaterialDeleting = ({ reviewId }: { reviewId: string }) => {
		const prefix = `review/${reviewId}/`;
		flushNow();
		for (const connection of [...connections]) {
			if (connection.room.name.startsWith(prefix)) closeConnection(connection, closeCodes.materialDeleted, materialDeletedReason);
		}
		for (const room of [...rooms.values()]) {
			if (!room.name.startsWith(prefix)) continue;
			rooms.delete(room.name);
			room.destroy();
		}
		for (const docName of [...pruning]) if (docName.startsWith(prefix)) pruning.delete(docName);
	};
	accessEvents.on('membership-changed', onAccessChanged);
	accessEvents.on('review-changed', onAccessChanged);
	accessEvents.on('sessions-ended', onSessionsEnded);
	accessEvents.on('event-changed', onEventChanged);
	accessEvents.on('review-material-deleting', onMaterialDeleting);

	// Sessions also end by timing out; nothing announces that, so look regularly.
	const sweep = setInterval(() => {
		// One query for every open session, however many connections share them.
		const live = liveSessions(db, [...new Set([...connections].map((c) => c.identity.sessionId))], new Date(), options.sessionPolicy);
		for (const connection of [...connections]) {
			if (!live.has(connection.identity.sessionId)) closeConnection(connection, closeCodes.unauthenticated, 'Your session has ended');
		}
		// A guest's window also ends with time, sooner than their session if the plan changed.
		closeGuestsPastTheirWindow([...connections]);
	}, sessionSweepIntervalMs);
	sweep.unref();

	return {
		handleUpgrade(req, socket, head, docName) {
			if (closing) {
				socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
				return;
			}
			// Cross-site websocket hijacking: a page elsewhere cannot borrow the session cookie.
			if (!isAllowedOrigin(req, options.allowedOrigin)) {
				socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
				return;
			}
			wss.handleUpgrade(req, socket, head, (ws) => {
				let decision: ReturnType<typeof authenticateUpgrade>;
				try {
					decision = authenticateUpgrade(db, req, docName, new Date(), options.sessionPolicy);
				} catch (error) {
					log(`upgrade for ${docName} failed: ${String(error)}`);
					return refuse(ws, closeCodes.serverError, 'Something went wrong');
				}
				if (!decision.ok) return refuse(ws, decision.code, decision.reason);
				open(ws, decision, docName, clientAddressOf(req));
			});
		},

		async close() {
			closing = true;
			registerDocumentWriter(null);
			clearInterval(sweep);
			accessEvents.off('membership-changed', onAccessChanged);
			accessEvents.off('review-changed', onAccessChanged);
			accessEvents.off('sessions-ended', onSessionsEnded);
			accessEvents.off('event-changed', onEventChanged);
			accessEvents.off('review-material-deleting', onMaterialDeleting);
			flushNow();
			for (const connection of [...connections]) closeConnection(connection, closeCodes.goingAway, 'The server is restarting');
			for (const room of [...rooms.values()]) unloadRoom(room);
			finishPruning();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			await writer.close();
		},

		stats() {
			return { rooms: rooms.size, connections: connections.size };
		}
	};
}
