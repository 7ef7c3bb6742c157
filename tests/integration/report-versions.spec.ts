import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitForSync } from '../helpers/collab-client';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let advocate: ApiClient;
let reviewId: string;

beforeAll(async () => {
	server = await startServer();
	chair = new ApiClient(server.origin);
	panel = new ApiClient(server.origin);
	advocate = new ApiClient(server.origin);
	await chair.signIn('chair@demo.test');
	await panel.signIn('panel@demo.test');
	await advocate.signIn('advocate@demo.test');
	reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
});
afterAll(async () => {
	await server.dispose();
});

describe('report versions', () => {
	it('the chair names the report as it stands; members list versions; others are refused', async () => {
		// A panel member writes in the report over the websocket.
		const writer = connectClient(server, `review/${reviewId}/report`, panel.cookieHeader());
		await waitForSync(writer);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('The GP asked about abuse.')]);
		writer.doc.getXmlFragment('section:analysis').insert(0, [paragraph]);
		await new Promise((r) => setTimeout(r, 300));
		writer.destroy();

		expect((await panel.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: 'Mine' })).status).toBe(403);
		const empty = await chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: '  ' });
		expect(empty.status).toBe(400);
		expect((await empty.json()).error).toMatch(/name/);

		const created = await chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: 'Draft for agencies' });
		expect(created.status).toBe(201);
		const { id } = await created.json();

		const listed = await (await panel.request('GET', `/api/reviews/${reviewId}/report/versions`)).json();
		expect(listed[0]).toMatchObject({ id, name: 'Draft for agencies' });
		expect(new Date(listed[0].createdAt).getTime()).toBeGreaterThan(0);
		expect((await advocate.request('GET', `/api/reviews/${reviewId}/report/versions`)).status).toBe(403);
		expect((await chair.request('GET', '/api/reviews/no-such-review/report/versions')).status).toBe(404);

		// The version holds the text as it was stored.
		const db = new Database(server.databasePath, { readonly: true });
		const row = db.prepare('select state from report_version where id = ?').get(id) as { state: Buffer };
		db.close();
		const doc = new Y.Doc();
		Y.applyUpdate(doc, new Uint8Array(row.state));
		expect(doc.getXmlFragment('section:analysis').toString()).toContain('The GP asked about abuse.');
	});
});
