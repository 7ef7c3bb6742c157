/**
 * A connection that asks and does not read cannot make the server hold its answers
 * (issue 13: a read-only member flooding sync requests took the server from 230 MB to
 * over 1.1 GB): sync requests are rate-limited per connection, and what waits to be
 * sent to one connection is capped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { Socket } from 'node:net';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitFor, waitForSync } from '../helpers/collab-client';

/** A sync request (sync step 1) from a client that has nothing: the answer is the whole document. */
function syncRequest(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
	return encoding.toUint8Array(encoder);
}

async function signedIn(server: RunningServer, email: string): Promise<ApiClient> {
	const client = new ApiClient(server.origin);
	expect((await client.signIn(email)).status).toBe(200);
	return client;
}

async function firstReview(server: RunningServer, client: ApiClient): Promise<{ reviewId: string; policeAgency: string }> {
	const reviewId = (await (await client.request('GET', '/api/reviews')).json())[0].id;
	const review = await (await client.request('GET', `/api/reviews/${reviewId}`)).json();
	return { reviewId, policeAgency: review.agencies.find((a: { kind: string }) => a.kind === 'police').id };
}

describe('a connection that does not read what it asks for', () => {
	let server: RunningServer;

	beforeAll(async () => {
		// Only the send-queue cap in play here: sync requests are not limited, rooms unload quickly.
		server = await startServer({ env: { COLLAB_MAX_QUEUED_BYTES: String(1024 * 1024), COLLAB_SYNC_REQUESTS_PER_SECOND: '1000', COLLAB_UNLOAD_AFTER_MS: '300' } });
	});
	afterAll(async () => {
		await server.dispose();
	});

	it('is closed with 4429 once its send queue passes the cap; the server serves others and frees the room', async () => {
		const [police, health, chair] = await Promise.all(['police', 'health', 'chair'].map((who) => signedIn(server, `${who}@demo.test`)));
		const { reviewId, policeAgency } = await firstReview(server, police);
		const docName = `review/${reviewId}/chronology/${policeAgency}`;

		// A large document, so each answer is large.
		const writer = connectClient(server, docName, police.cookieHeader());
		await waitForSync(writer);
		writer.doc.getArray('entries').push(['x'.repeat(400_000)]);
		await new Promise((r) => setTimeout(r, 500));
		writer.destroy();

		// The health representative may read the police chronology; this client asks and never reads.
		const { ws, closed } = await rawSocket(server, docName, health.cookieHeader());
		const socket = (ws as unknown as { _socket: Socket })._socket;
		socket.pause();
		const request = syncRequest();
		for (let i = 0; i < 150 && ws.readyState === ws.OPEN; i++) ws.send(request);
		await waitFor(() => /closed review\/\S+ for user \S+: 4429 Too much is waiting to be sent/.test(server.output()), 10_000, 'the server to close the connection for falling behind');
		socket.resume();
		// Its close frame, if it reads that far before being cut off.
		expect([4429, 1006]).toContain((await closed).code);

		// Everyone else carries on.
		expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
		const reader = connectClient(server, docName, chair.cookieHeader());
		try {
			await waitForSync(reader);
			expect(String(reader.doc.getArray('entries').get(reader.doc.getArray('entries').length - 1)).length).toBe(400_000);
		} finally {
			reader.destroy();
		}

		// With every connection gone the document unloads (recording a history mark): the
		// closed connection no longer holds its room.
		const db = new Database(server.databasePath, { readonly: true });
		try {
			await waitFor(() => (db.prepare("select count(*) as n from doc_mark where doc_name = ? and reason = 'unload'").get(docName) as { n: number }).n > 0, 5_000, 'the document to unload');
		} finally {
			db.close();
		}
	});
});

describe('a flood of sync requests', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(async () => {
		await server.dispose();
	});

	it('is closed with 1008, while a page asking now and then is not', async () => {
		const [health, chair] = await Promise.all(['health', 'chair'].map((who) => signedIn(server, `${who}@demo.test`)));
		const { reviewId, policeAgency } = await firstReview(server, chair);
		const docName = `review/${reviewId}/chronology/${policeAgency}`;

		const calm = await rawSocket(server, docName, chair.cookieHeader());
		for (let i = 0; i < 6; i++) {
			calm.ws.send(syncRequest());
			await new Promise((r) => setTimeout(r, 300));
		}
		expect(calm.ws.readyState).toBe(calm.ws.OPEN);
		calm.ws.close();

		const { ws, closed } = await rawSocket(server, docName, health.cookieHeader());
		for (let i = 0; i < 40 && ws.readyState === ws.OPEN; i++) ws.send(syncRequest());
		expect(await closed).toEqual({ code: 1008, reason: 'Too many sync requests: slow down' });
		expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
	});
});
