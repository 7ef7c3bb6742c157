/**
 * One live collaborative document in the browser: a Yjs doc synced with our
 * collaboration server by the standard y-websocket provider, with its connection
 * state and the people present, as runes for the UI.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { PresenceIdentity } from '../domain/presence';

export interface PresentPerson {
	clientId: number;
	name: string;
	color: string;
	role: string;
	/** The entry (or other item) this person is editing now, if any. */
	editing: string | null;
	isMe: boolean;
}

const closeMessages: Record<number, string> = {
	4401: 'Your session has ended. Sign in again to carry on.',
	4403: 'You can read this but not change it.',
	4404: 'You no longer have access to this review.',
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
		});
		this.provider.on('connection-close', (event) => {
			if (event && closeMessages[event.code]) this.problem = closeMessages[event.code];
		});
		this.doc.on('update', () => this.version++);
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
					isMe: clientId === this.doc.clientID
				});
			});
			this.present = people;
		};
		awareness.on('change', refresh);
		// The server fills in who we are; we only say what we are doing.
		awareness.setLocalState({ editing: null });
	}

	setEditing(itemId: string | null): void {
		this.provider.awareness.setLocalStateField('editing', itemId);
	}

	destroy(): void {
		this.provider.destroy();
		this.doc.destroy();
	}
}
