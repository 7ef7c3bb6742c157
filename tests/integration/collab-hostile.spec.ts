import Database from 'better-sqlite3';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitFor, waitForSync, type CollabClient } from '../helpers/collab-client';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let docName: string;
let bystander: CollabClient;

beforeAll(async () => {
	server = await startServer({
		env: { COLLAB_MAX_MESSAGE_BYTES: '65536', COLLAB_MAX_STRUCTS_PER_UPDATE: '1000', COLLAB_MESSAGES_PER_SECOND: '50' }
	});
	chair = new ApiClient(server.origin);
	panel = new ApiClient(server.origin);
	await chair.signIn('chair@demo.test');
	await panel.signIn('panel@demo.test');
	const reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
	docName = `review/${reviewId}/report`;
	// Someone working normally throughout: they must never notice the attacks.
	bystander = connectClient(server, docName, chair.sessionCookie);
	await waitForSync(bystander);
	bystander.doc.getText('section:introduction').insert(0, 'Written before the attacks. ');
	await new Promise((r) => setTimeout(r, 200));
});
afterAll(async () => {
	bystander.destroy();
	await server.dispose();
});

function storedUpdates(): number {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return (db.prepare('select count(*) as n from doc_update').get() as { n: number }).n;
	} finally {
		db.close();
	}
}

function frame(type: number, write: (e: encoding.Encoder) => void = () => {}): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

function updateFrame(update: Uint8Array): Uint8Array {
	return frame(0, (e) => {
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, update);
	});
}

async function sendAndClose(message: Uint8Array | string, cookie = panel.sessionCookie) {
	const { ws, closed } = await rawSocket(server, docName, cookie);
	ws.send(message);
	return closed;
}

async function bystanderStillWorks(): Promise<void> {
	const word = `still-here-${Math.random().toString(36).slice(2, 8)}`;
	const other = connectClient(server, docName, panel.sessionCookie);
	try {
		await waitForSync(other);
		bystander.doc.getText('section:introduction').insert(0, word);
		await waitFor(() => other.doc.getText('section:introduction').toString().includes(word), 5_000, 'relay after an attack');
		expect(other.doc.getText('section:introduction').toString()).toContain('Written before the attacks.');
	} finally {
		other.destroy();
	}
}

describe('hostile input closes only the offending connection', () => {
	it('garbage bytes: 1003', async () => {
		expect((await sendAndClose(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))).code).toBe(1003);
		await bystanderStillWorks();
	});

	it('a text frame: 1003', async () => {
		expect((await sendAndClose('hello')).code).toBe(1003);
	});

	it('an unknown message type: 1003', async () => {
		expect((await sendAndClose(frame(7))).code).toBe(1003);
	});

	it('a varint that never ends: 1003', async () => {
		expect((await sendAndClose(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]))).code).toBe(1003);
	});

	it('an update that does not decode: 1003, nothing stored', async () => {
		const before = storedUpdates();
		expect((await sendAndClose(updateFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7])))).code).toBe(1003);
		expect(storedUpdates()).toBe(before);
	});

	it('a message over the size limit: 1009', async () => {
		expect((await sendAndClose(updateFrame(new Uint8Array(100_000)))).code).toBe(1009);
		await bystanderStillWorks();
	});

	it('a tiny update declaring an enormous number of structs: refused at once', async () => {
		const bomb = encoding.createEncoder();
		encoding.writeVarUint(bomb, 1); // one client
		encoding.writeVarUint(bomb, 2 ** 31); // "structs"
		encoding.writeVarUint(bomb, 12345); // client id
		encoding.writeVarUint(bomb, 0); // clock
		encoding.writeUint8(bomb, 0); // a GC struct...
		encoding.writeVarUint(bomb, 1); // ...of length 1, then nothing
		const started = Date.now();
		expect((await sendAndClose(updateFrame(encoding.toUint8Array(bomb)))).code).toBe(1003);
		expect(Date.now() - started).toBeLessThan(2_000);
		await bystanderStillWorks();
	});

	it('an update with more structs than allowed: 1009, nothing stored', async () => {
		const doc = new Y.Doc();
		const text = doc.getText('section:analysis');
		// Inserting at the start each time makes one struct per insert.
		for (let i = 0; i < 1500; i++) text.insert(0, 'x', i % 2 ? { bold: true } : {});
		const before = storedUpdates();
		expect((await sendAndClose(updateFrame(Y.encodeStateAsUpdate(doc)))).code).toBe(1009);
		expect(storedUpdates()).toBe(before);
	});

	it('an update whose dependencies the server never saw: 1003, nothing stored, nothing pending', async () => {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.getText('section:analysis').insert(0, 'first');
		doc.getText('section:analysis').insert(5, ' second');
		const before = storedUpdates();
		expect((await sendAndClose(updateFrame(updates[1]))).code).toBe(1003);
		expect(storedUpdates()).toBe(before);
		await bystanderStillWorks();
	});

	it('a flood of messages: 1008', async () => {
		const { ws, closed } = await rawSocket(server, docName, panel.sessionCookie);
		const query = frame(3);
		for (let i = 0; i < 500 && ws.readyState === ws.OPEN; i++) ws.send(query);
		expect((await closed).code).toBe(1008);
		await bystanderStillWorks();
	});

	it('random and mutated protocol frames never crash the server or damage stored data', async () => {
		const valid: Uint8Array[] = [];
		const source = new Y.Doc();
		source.on('update', (u: Uint8Array) => valid.push(updateFrame(u)));
		source.getText('section:methodology').insert(0, 'Practitioner interviews');
		source.getMap('meta').set('k', 1);
		valid.push(frame(0, (e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(source)); }));
		valid.push(frame(1, (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 2, 123, 125]))));
		valid.push(frame(3));

		const mutated = fc
			.tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.option(fc.nat()))
			.map(([base, flips, cut]) => {
				const bytes = Uint8Array.from(base);
				for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
				return cut === null ? bytes : bytes.slice(0, cut % (bytes.length + 1));
			});
		const random = fc.uint8Array({ maxLength: 300 });

		await fc.assert(
			fc.asyncProperty(fc.oneof(mutated, random), async (message) => {
				const { ws, closed } = await rawSocket(server, docName, panel.sessionCookie);
				ws.send(message);
				await Promise.race([closed, new Promise((r) => setTimeout(r, 30))]);
				ws.close();
				const health = await fetch(`${server.origin}/healthz`);
				return health.ok;
			}),
			{ seed: 20251123, numRuns: 150 }
		);
		expect(server.process.exitCode).toBeNull();
		await bystanderStillWorks();
	});
});
