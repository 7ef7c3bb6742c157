/**
 * Reading live content is audited (issue 13): one row per websocket connection to a
 * document, none per message; and a row for each chronology page loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitForSync } from '../helpers/collab-client';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let police: ApiClient;
let reviewId: string;
let policeAgency: string;
let panelId: string;

beforeAll(async () => {
	server = await startServer();
	[chair, panel, police] = [new ApiClient(server.origin), new ApiClient(server.origin), new ApiClient(server.origin)];
	await chair.signIn('chair@demo.test');
	panelId = (await (await panel.signIn('panel@demo.test')).json()).user.id;
	await police.signIn('police@demo.test');
	reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
	const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
	policeAgency = review.agencies.find((a: { kind: string }) => a.kind === 'police').id;
});
afterAll(async () => {
	await server.dispose();
});

interface AuditRow {
	action: string;
	actor_user_id: string;
	review_id: string;
	detail: string;
	at: number;
}

function auditRows(action: string, userId?: string): AuditRow[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		const rows = db.prepare('select action, actor_user_id, review_id, detail, at from audit_event where action = ? order by id').all(action) as AuditRow[];
		return userId ? rows.filter((row) => row.actor_user_id === userId) : rows;
	} finally {
		db.close();
	}
}

describe('reading live documents is audited', () => {
	it('opening a document over the websocket writes exactly one row, and its messages write none', async () => {
		const before = auditRows('document.opened', panelId).length;
		const startedAt = Date.now();
		const client = connectClient(server, `review/${reviewId}/analysis`, panel.cookieHeader());
		try {
			await waitForSync(client);
			const rows = auditRows('document.opened', panelId);
			expect(rows).toHaveLength(before + 1);
			const row = rows.at(-1)!;
			expect(row.review_id).toBe(reviewId);
			expect(row.at).toBeGreaterThanOrEqual(startedAt - 1_000);
			expect(JSON.parse(row.detail)).toMatchObject({ document: 'The panel’s analysis of the chronology', docName: `review/${reviewId}/analysis` });

			// Edits, presence and sync requests on the same connection add nothing.
			for (let i = 0; i < 5; i++) {
				client.doc.getMap('annotations').set(`note-${i}`, i);
				client.provider.awareness.setLocalStateField('editing', `entry-${i}`);
				await new Promise((r) => setTimeout(r, 50));
			}
			await new Promise((r) => setTimeout(r, 500));
			expect(auditRows('document.opened', panelId)).toHaveLength(before + 1);
		} finally {
			client.destroy();
		}
	});

	it('each connection is a row of its own, naming the document in the chair’s words', async () => {
		const before = auditRows('document.opened').length;
		const a = connectClient(server, `review/${reviewId}/chronology/${policeAgency}`, police.cookieHeader());
		const b = connectClient(server, `review/${reviewId}/report`, panel.cookieHeader());
		try {
			await Promise.all([waitForSync(a), waitForSync(b)]);
			const added = auditRows('document.opened').slice(before).map((row) => JSON.parse(row.detail).document);
			expect(added.sort()).toEqual(['Chronology: Northmoor Police', 'Overview report']);
		} finally {
			a.destroy();
			b.destroy();
		}
		const auditPage = await (await chair.request('GET', `/reviews/${reviewId}/audit`)).text();
		expect(auditPage).toContain('Live document opened');
		expect(auditPage).toContain('Chronology: Northmoor Police');
	});

	it('a refused connection writes no reading row', async () => {
		const outsider = new ApiClient(server.origin);
		await outsider.signIn('admin@demo.test');
		const before = auditRows('document.opened').length;
		const client = connectClient(server, `review/${reviewId}/report`, outsider.cookieHeader());
		try {
			await new Promise((r) => setTimeout(r, 500));
			expect(client.closes[0]?.code).toBe(4404);
			expect(auditRows('document.opened')).toHaveLength(before);
		} finally {
			client.destroy();
		}
	});
});

describe('loading the chronology pages is audited', () => {
	it('the list, the timeline and the import page each write a row naming the page', async () => {
		const policeId = (await (await police.request('GET', `/api/reviews/${reviewId}`)).json()).members.find((m: { name: string }) => m.name === 'DS Claire Holt').userId;
		const before = auditRows('chronology.read', policeId).length;
		for (const path of ['chronology', 'chronology/timeline', 'chronology/import']) {
			expect((await police.request('GET', `/reviews/${reviewId}/${path}`)).status, path).toBe(200);
		}
		const pages = auditRows('chronology.read', policeId)
			.slice(before)
			.map((row) => JSON.parse(row.detail).page);
		expect(pages).toEqual(['list', 'timeline', 'import']);
		expect(await (await chair.request('GET', `/reviews/${reviewId}/audit`)).text()).toContain('Chronology page opened');
	});
});
