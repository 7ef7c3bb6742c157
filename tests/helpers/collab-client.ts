/** Real y-websocket clients (and a raw socket) that carry a session cookie and an Origin. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { RunningServer } from './server';

export function authedWebSocket(cookie: string, origin: string): typeof WebSocket {
	const AuthedWebSocket = class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie, origin } });
		}
	};
	return AuthedWebSocket as unknown as typeof WebSocket;
}

export interface CollabClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: { code: number; reason: string }[];
	destroy(): void;
}

export function connectClient(server: RunningServer, docName: string, cookie: string, origin = server.origin): CollabClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, docName, doc, {
		WebSocketPolyfill: authedWebSocket(cookie, origin) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 500
	});
	const closes: { code: number; reason: string }[] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return {
		doc,
		provider,
		closes,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export async function waitForSync(client: CollabClient): Promise<void> {
	await waitFor(() => client.provider.synced, 5_000, 'sync');
}

/** A raw websocket for sending hand-made frames; resolves once open, or with the close. */
export function rawSocket(server: RunningServer, docName: string, cookie: string, origin = server.origin): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${docName}`, { headers: { cookie, origin } });
		const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
		ws.on('open', () => resolve({ ws, closed }));
		ws.on('error', reject);
	});
}
