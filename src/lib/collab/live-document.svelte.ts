/**
 * One live collaborative document in the browser: a Yjs doc synced with our
 * collaboration server by the standard y-websocket provider, with its connection
 * state and the people present, as runes for the UI.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import type { PresenceIdentity } from '../domain/presence';

export interface PresentPerson {
	clientId: number;
	name: string;
	color: string;
	role: string;
	/** The entry (or other item) this person is editing now, if any. */
	editing: string | null;
	/** When they raised their hand at a learning event (ISO), if it is up. */
	hand: string | null;
	isMe: boolean;
}

const closeMessages: Record<number, string> = {
	4401: 'Your session has ended. Sign in again to carry on.',
	4403: 'You can read this but not change it.',
	4404: 'You no longer have access to this review.',
	4429: 'The connection fell behind. Reconnecting…',
	4410: 'The working material of this review was deleted under its retention rule.',
	1009: 'A change was too large to send.',
	1011: 'A change could not be saved. Reconnecting…'
};

export class LiveDocument {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	status = $state<'connecting' | 'connected' | 'disconnected'>('connecting');
	synced = $state(false);
	problem = $state<string | null>(null);
	present = $state<PresentPerson[]>([]);
	/** Bumped on every change to the document, so derived views recompute. */
	version = $state(0);
	/** True from a local change until the server has confirmed storing it. */
	saving = $state(false);
	private localChanges = 0;
	private probedAt: number | null = null;
	private probeTimer: ReturnType<typeof setTimeout> | null = null;

	/** `self` is how the server presents this person to others; shown to them as "you". */
	constructor(
		readonly name: string,
		readonly self: PresenceIdentity
	) {
		const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
		this.provider = new WebsocketProvider(url, name, this.doc, { maxBackoffTime: 5_000 });
		this.provider.on('status', ({ status }) => (this.status = status));
		this.provider.on('sync', (synced: boolean) => {
			this.synced = synced;
			if (synced) this.problem = null;
			if (synced && this.saving) this.scheduleProbe();
		});
		this.provider.on('connection-close', (event) => {
			if (event && closeMessages[event.code]) this.problem = closeMessages[event.code];
		});
		this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
			this.version++;
			if (origin !== this.provider) {
				this.localChanges++;
				this.saving = true;
				this.scheduleProbe();
			}
		});
		this.provider.on('status', ({ status }) => {
			if (status !== 'connected') return;
			this.provider.ws?.addEventListener('message', (event) => this.onRawMessage(event));
			if (this.saving) this.scheduleProbe();
		});
		const awareness = this.provider.awareness;
		const refresh = () => {
			const people: PresentPerson[] = [];
			awareness.getStates().forEach((state, clientId) => {
				// The server never echoes our own identity back to us, so use what it will show others.
				const user = clientId === this.doc.clientID ? this.self : (state as { user?: Partial<PresenceIdentity> }).user;
				if (!user?.name) return;
				people.push({
					clientId,
					name: user.name,
					color: user.color ?? '#1d70b8',
					role: user.role ?? '',
					editing: typeof state.editing === 'string' ? state.editing : null,
					hand: typeof state.hand === 'string' ? state.hand : null,
					isMe: clientId === this.doc.clientID
				});
			});
			this.present = people;
		};
		awareness.on('change', refresh);
		// The server fills in who we are; we only say what we are doing.
		awareness.setLocalState({ editing: null });
	}

	/*
	 * Knowing that a change is saved: the server answers a sync step 1 only after storing
	 * everything received before it (collaboration-server.ts), and a connection delivers in
	 * order, so the answer to a step 1 sent after our changes means they are on disk.
	 */
	private scheduleProbe(): void {
		if (this.probeTimer) clearTimeout(this.probeTimer);
		this.probeTimer = setTimeout(() => this.probe(), 300);
	}

	private probe(): void {
		const ws = this.provider.ws;
		if (!ws || ws.readyState !== WebSocket.OPEN || !this.provider.synced) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, this.doc);
		this.probedAt = this.localChanges;
		ws.send(encoding.toUint8Array(encoder));
	}

	private onRawMessage(event: MessageEvent): void {
		if (this.probedAt === null || !(event.data instanceof ArrayBuffer)) return;
		const bytes = new Uint8Array(event.data);
		// messageSync (0), then messageYjsSyncStep2 (1)
		if (bytes[0] !== 0 || bytes[1] !== syncProtocol.messageYjsSyncStep2) return;
		if (this.probedAt === this.localChanges) this.saving = false;
		else this.scheduleProbe();
		this.probedAt = null;
	}

	setEditing(itemId: string | null): void {
		this.provider.awareness.setLocalStateField('editing', itemId);
	}

	/** Raises (with the time, for the moderator's queue) or lowers this person's hand. */
	setHand(raisedAt: string | null): void {
		this.provider.awareness.setLocalStateField('hand', raisedAt);
	}

	destroy(): void {
		if (this.probeTimer) clearTimeout(this.probeTimer);
		this.provider.destroy();
		this.doc.destroy();
	}
}
