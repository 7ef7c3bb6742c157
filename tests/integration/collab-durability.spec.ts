import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync, type CollabClient } from '../helpers/collab-client';

const running: RunningServer[] = [];
const clients: CollabClient[] = [];
afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	for (const server of running.splice(0)) await server.dispose();
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
	const server = await startServer(options);
	running.push(server);
	return server;
}

async function reviewOf(server: RunningServer) {
	const chair = new ApiClient(server.origin);
	await chair.signIn('chair@demo.test');
	const panel = new ApiClient(server.origin);
	await panel.signIn('panel@demo.test');
	const reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id as string;
	return { chair, panel, reviewId };
}

function client(server: RunningServer, docName: string, cookie: string) {
	const c = connectClient(server, docName, cookie);
	clients.push(c);
	return c;
}

describe('durability', () => {
	it('every edit another client has seen survives kill -9 of the server', async () => {
		const first = await start();
		const { chair, panel, reviewId } = await reviewOf(first);
		const docName = `review/${reviewId}/report`;
		const a = client(first, docName, chair.sessionCookie);
		const b = client(first, docName, panel.sessionCookie);
		await Promise.all([waitForSync(a), waitForSync(b)]);

		const seenByB: string[] = [];
		for (let i = 0; i < 40; i++) {
			const writer = i % 2 === 0 ? a : b;
			const reader = i % 2 === 0 ? b : a;
			const word = `edit-${i} `;
			writer.doc.getText('section:introduction').insert(writer.doc.getText('section:introduction').length, word);
			await waitFor(() => reader.doc.getText('section:introduction').toString().includes(word), 5_000, `relay of ${word}`);
			seenByB.push(word);
		}
		// Kill the moment the last edit has been seen by the other client.
		await first.stop('SIGKILL');
		a.destroy();
		b.destroy();

		const second = await start({ databasePath: first.databasePath });
		const chairAgain = new ApiClient(second.origin);
		await chairAgain.signIn('chair@demo.test');
		const c = client(second, docName, chairAgain.sessionCookie);
		await waitForSync(c);
		const text = c.doc.getText('section:introduction').toString();
		for (const word of seenByB) expect(text).toContain(word);
	});

	it('SIGTERM closes connections cleanly and keeps every edit', async () => {
		const server = await start();
		const { chair, reviewId } = await reviewOf(server);
		const docName = `review/${reviewId}/analysis`;
		const a = client(server, docName, chair.sessionCookie);
		await waitForSync(a);
		a.doc.getMap('annotations').set('entry-1', 'key episode');
		await new Promise((r) => setTimeout(r, 200));
		await server.stop('SIGTERM');
		expect(server.process.exitCode).toBe(0);
		await waitFor(() => a.closes.length > 0, 2_000, 'close');
		expect(a.closes[0].code).toBe(1001);
		expect(server.output()).toMatch(/SIGTERM received/);

		const db = new Database(server.databasePath, { readonly: true });
		const rows = db.prepare('select update_blob from (select "update" as update_blob from doc_update where doc_name = ?) union all select state from doc_snapshot where doc_name = ?').all(docName, docName) as { update_blob: Buffer }[];
		db.close();
		const doc = new Y.Doc();
		for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update_blob));
		expect(doc.getMap('annotations').get('entry-1')).toBe('key episode');
	});

	it('compaction merges the log into a snapshot without losing any edit, and marks history', async () => {
		const server = await start({ env: { COLLAB_COMPACT_AFTER_UPDATES: '20' } });
		const { chair, panel, reviewId } = await reviewOf(server);
		const docName = `review/${reviewId}/report`;
		const a = client(server, docName, chair.sessionCookie);
		const b = client(server, docName, panel.sessionCookie);
		await Promise.all([waitForSync(a), waitForSync(b)]);
		const text = a.doc.getText('section:analysis');
		for (let i = 0; i < 150; i++) {
			text.insert(text.length, `${i},`);
			// Let some edits race with compaction.
			if (i % 7 === 0) await new Promise((r) => setTimeout(r, 15));
		}
		await waitFor(() => b.doc.getText('section:analysis').toString() === text.toString(), 5_000, 'relay');
		await new Promise((r) => setTimeout(r, 300));

		const db = new Database(server.databasePath, { readonly: true });
		const logLength = (db.prepare('select count(*) as n from doc_update where doc_name = ?').get(docName) as { n: number }).n;
		const snapshots = (db.prepare('select count(*) as n from doc_snapshot where doc_name = ?').get(docName) as { n: number }).n;
		const marks = (db.prepare("select count(*) as n from doc_mark where doc_name = ? and reason = 'compaction'").get(docName) as { n: number }).n;
		db.close();
		expect(logLength).toBeLessThan(150);
		expect(snapshots).toBe(1);
		expect(marks).toBeGreaterThan(0);

		await server.stop('SIGKILL');
		const again = await start({ databasePath: server.databasePath });
		const reader = new ApiClient(again.origin);
		await reader.signIn('chair@demo.test');
		const c = client(again, docName, reader.sessionCookie);
		await waitForSync(c);
		const expected = Array.from({ length: 150 }, (_, i) => `${i},`).join('');
		expect(c.doc.getText('section:analysis').toString()).toBe(expected);
	});

	it('a past state can be rebuilt from a history mark', async () => {
		const server = await start({ env: { COLLAB_UNLOAD_AFTER_MS: '100' } });
		const { chair, reviewId } = await reviewOf(server);
		const docName = `review/${reviewId}/report`;
		const a = client(server, docName, chair.sessionCookie);
		await waitForSync(a);
		a.doc.getText('section:conclusions').insert(0, 'First draft.');
		await new Promise((r) => setTimeout(r, 100));
		a.destroy();
		// The document unloads after 100 ms without connections and records a mark.
		await new Promise((r) => setTimeout(r, 600));
		const b = client(server, docName, chair.sessionCookie);
		await waitForSync(b);
		const text = b.doc.getText('section:conclusions');
		text.delete(0, text.length);
		text.insert(0, 'Second draft.');
		await new Promise((r) => setTimeout(r, 200));
		await server.stop('SIGTERM');

		const db = new Database(server.databasePath, { readonly: true });
		const mark = db.prepare("select snapshot from doc_mark where doc_name = ? and reason = 'unload' order by id limit 1").get(docName) as { snapshot: Buffer };
		const rows = db.prepare('select "update" as u from doc_update where doc_name = ? order by id').all(docName) as { u: Buffer }[];
		const snapshot = db.prepare('select state from doc_snapshot where doc_name = ?').all(docName) as { state: Buffer }[];
		db.close();
		const current = new Y.Doc({ gc: false });
		for (const row of snapshot) Y.applyUpdate(current, new Uint8Array(row.state));
		for (const row of rows) Y.applyUpdate(current, new Uint8Array(row.u));
		expect(current.getText('section:conclusions').toString()).toBe('Second draft.');
		const past = Y.createDocFromSnapshot(current, Y.decodeSnapshot(new Uint8Array(mark.snapshot)));
		expect(past.getText('section:conclusions').toString()).toBe('First draft.');
	});
});
