import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitFor, waitForSync } from '../helpers/collab-client';

let server: RunningServer;
let chair: ApiClient;
let police: ApiClient;
let health: ApiClient;
let admin: ApiClient;
let reviewId: string;
let policeAgency: string;
let healthAgency: string;

beforeAll(async () => {
	server = await startServer();
	[chair, police, health, admin] = [0, 1, 2, 3].map(() => new ApiClient(server.origin));
	await chair.signIn('chair@demo.test');
	await police.signIn('police@demo.test');
	await health.signIn('health@demo.test');
	await admin.signIn('admin@demo.test');
	reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
	const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
	policeAgency = review.agencies.find((a: { kind: string }) => a.kind === 'police').id;
	healthAgency = review.agencies.find((a: { name: string }) => a.name === 'Riverside GP Practice').id;
});
afterAll(async () => {
	await server.dispose();
});

function closeOf(socket: Promise<{ closed: Promise<{ code: number }> }>) {
	return socket.then((s) => s.closed);
}

describe('collaboration server: who may connect', () => {
	it('without a session the connection is closed with 4401', async () => {
		expect((await closeOf(rawSocket(server, `review/${reviewId}/report`, ''))).code).toBe(4401);
	});

	it('a non-member, even the admin, is closed with 4404 as if the document did not exist', async () => {
		expect((await closeOf(rawSocket(server, `review/${reviewId}/report`, admin.sessionCookie))).code).toBe(4404);
		expect((await closeOf(rawSocket(server, 'review/no-such-review/report', chair.sessionCookie))).code).toBe(4404);
		expect((await closeOf(rawSocket(server, `review/${reviewId}/nonsense`, chair.sessionCookie))).code).toBe(4404);
		expect((await closeOf(rawSocket(server, `review/${reviewId}/chronology/unknown-agency`, chair.sessionCookie))).code).toBe(4404);
	});

	it('a connection from a foreign origin is refused before it opens', async () => {
		await expect(rawSocket(server, `review/${reviewId}/report`, chair.sessionCookie, 'https://evil.example')).rejects.toThrow(/403/);
	});

	it('a read-only member syncs but cannot change the document: 4403 and nothing applied', async () => {
		const writer = connectClient(server, `review/${reviewId}/chronology/${healthAgency}`, health.sessionCookie);
		const reader = connectClient(server, `review/${reviewId}/chronology/${healthAgency}`, police.sessionCookie);
		try {
			await Promise.all([waitForSync(writer), waitForSync(reader)]);
			// The demo chronology already holds entries.
			const before = writer.doc.getArray('entries').length;
			writer.doc.getArray('entries').push(['health entry']);
			await waitFor(() => reader.doc.getArray('entries').length === before + 1, 5_000, 'reader to see the entry');
			reader.doc.getArray('entries').push(['police tampering']);
			await waitFor(() => reader.closes.length > 0, 5_000, 'reader to be closed');
			expect(reader.closes[0].code).toBe(4403);
			await new Promise((r) => setTimeout(r, 300));
			expect(writer.doc.getArray('entries').length).toBe(before + 1);
			expect(writer.doc.getArray('entries').toArray().at(-1)).toBe('health entry');
		} finally {
			writer.destroy();
			reader.destroy();
		}
	});

	it('an agency representative writes their own agency’s chronology', async () => {
		const a = connectClient(server, `review/${reviewId}/chronology/${policeAgency}`, police.sessionCookie);
		const b = connectClient(server, `review/${reviewId}/chronology/${policeAgency}`, chair.sessionCookie);
		try {
			await Promise.all([waitForSync(a), waitForSync(b)]);
			const before = a.doc.getArray('entries').length;
			a.doc.getArray('entries').push(['police entry']);
			await waitFor(() => b.doc.getArray('entries').length === before + 1, 5_000, 'chair to see the police entry');
			expect(a.closes).toEqual([]);
		} finally {
			a.destroy();
			b.destroy();
		}
	});

	it('removing a member closes their open connection within a second', async () => {
		// The moderator is not needed by the other tests here.
		const moderator = new ApiClient(server.origin);
		await moderator.signIn('moderator@demo.test');
		const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
		const moderatorId = review.members.find((m: { role: string }) => m.role === 'moderator').userId;
		const client = connectClient(server, `review/${reviewId}/report`, moderator.sessionCookie);
		try {
			await waitForSync(client);
			const removedAt = Date.now();
			expect((await chair.request('DELETE', `/api/reviews/${reviewId}/members/${moderatorId}`)).status).toBe(204);
			await waitFor(() => client.closes.length > 0, 1_000, 'the connection to close');
			expect(client.closes[0].code).toBe(4404);
			expect(Date.now() - removedAt).toBeLessThan(1_000);
		} finally {
			client.destroy();
		}
	});

	it('signing out closes the session’s open connections within a second', async () => {
		const session = new ApiClient(server.origin);
		await session.signIn('panel@demo.test');
		const client = connectClient(server, `review/${reviewId}/analysis`, session.sessionCookie);
		try {
			await waitForSync(client);
			expect((await session.request('DELETE', '/api/session')).status).toBe(204);
			await waitFor(() => client.closes.length > 0, 1_000, 'the connection to close');
			expect(client.closes[0].code).toBe(4401);
		} finally {
			client.destroy();
		}
	});

	it('presence carries the identity from the session, whatever the client claims', async () => {
		const honest = connectClient(server, `review/${reviewId}/analysis`, chair.sessionCookie);
		const liar = connectClient(server, `review/${reviewId}/analysis`, police.sessionCookie);
		try {
			await Promise.all([waitForSync(honest), waitForSync(liar)]);
			liar.provider.awareness.setLocalStateField('user', { name: 'Helen Marsh', color: '#000000', role: 'Independent chair' });
			liar.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
			await waitFor(() => honest.provider.awareness.getStates().get(liar.doc.clientID)?.cursor !== undefined, 5_000, 'presence');
			const seen = honest.provider.awareness.getStates().get(liar.doc.clientID) as { user: { name: string; role: string } };
			expect(seen.user.name).toBe('DS Claire Holt');
			expect(seen.user.role).toBe('Agency representative');
		} finally {
			honest.destroy();
			liar.destroy();
		}
	});

	it('no connection can change or remove another’s presence', async () => {
		const victim = connectClient(server, `review/${reviewId}/analysis`, chair.sessionCookie);
		const observer = connectClient(server, `review/${reviewId}/analysis`, health.sessionCookie);
		try {
			await Promise.all([waitForSync(victim), waitForSync(observer)]);
			victim.provider.awareness.setLocalStateField('cursor', { anchor: 5 });
			await waitFor(() => observer.provider.awareness.getStates().has(victim.doc.clientID), 5_000, 'victim presence');
			// Forge an awareness update for the victim's client id, removing it (state null).
			const { ws } = await rawSocket(server, `review/${reviewId}/analysis`, police.sessionCookie);
			const encoding = await import('lib0/encoding');
			const inner = encoding.createEncoder();
			encoding.writeVarUint(inner, 1);
			encoding.writeVarUint(inner, victim.doc.clientID);
			encoding.writeVarUint(inner, 999);
			encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Forged' }, cursor: { anchor: 0 } }));
			const outer = encoding.createEncoder();
			encoding.writeVarUint(outer, 1);
			encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
			ws.send(encoding.toUint8Array(outer));
			await new Promise((r) => setTimeout(r, 300));
			const state = observer.provider.awareness.getStates().get(victim.doc.clientID) as { user: { name: string }; cursor: { anchor: number } };
			expect(state.user.name).toBe('Helen Marsh');
			expect(state.cursor.anchor).toBe(5);
			ws.close();
		} finally {
			victim.destroy();
			observer.destroy();
		}
	});
});

describe('collaboration server: upgrade paths', () => {
	it('answers 404 to websocket upgrades outside /collab', async () => {
		await expect(
			new Promise((resolve, reject) => {
				const ws = new WebSocket(`ws://127.0.0.1:${server.port}/elsewhere`, { headers: { origin: server.origin } });
				ws.on('open', resolve);
				ws.on('error', reject);
			})
		).rejects.toThrow(/404/);
	});
});
