/**
 * The start of a review (issue 20, items 1, 2 and 5): the notification and decision, the
 * terms of reference's document and who reaches it, and the review's documents with their
 * limits, restrictions and audited downloads. Against the real built server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitFor, waitForSync } from '../helpers/collab-client';

let server: RunningServer;
const clients: Record<'admin' | 'chair' | 'moderator' | 'panel' | 'police' | 'advocate', ApiClient> = {} as never;
let reviewId: string;
let policeAgency: string;

beforeAll(async () => {
	server = await startServer();
	for (const who of ['admin', 'chair', 'moderator', 'panel', 'police', 'advocate'] as const) {
		clients[who] = new ApiClient(server.origin);
		expect((await clients[who].signIn(`${who}@demo.test`)).status).toBe(200);
	}
	reviewId = (await (await clients.chair.request('GET', '/api/reviews')).json())[0].id;
	const review = await (await clients.chair.request('GET', `/api/reviews/${reviewId}`)).json();
	policeAgency = review.agencies.find((a: { kind: string }) => a.kind === 'police').id;
});
afterAll(async () => {
	await server.dispose();
});

function readDatabase<T>(query: (db: Database.Database) => T): T {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return query(db);
	} finally {
		db.close();
	}
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const dateFields = (id: string, iso: string) => {
	const [year, month, day] = iso.split('-');
	return { [`${id}-day`]: String(Number(day)), [`${id}-month`]: String(Number(month)), [`${id}-year`]: year };
};

describe('notification and decision', () => {
	let closedReviewId: string;

	beforeAll(async () => {
		const created = await clients.admin.request('POST', '/api/reviews', { title: 'Adult Q', partnership: 'Northmoor CSP', dateOfDeath: isoDaysAgo(40), notifiedOn: isoDaysAgo(30), chairEmail: 'chair@demo.test' });
		expect(created.status).toBe(201);
		closedReviewId = (await created.json()).id;
	});

	it('a decision dated before the notification is refused with a clear message, and nothing is recorded', async () => {
		const result = await clients.chair.submit(`/reviews/${closedReviewId}/start`, 'decision', {
			outcome: 'no_review',
			reasons: 'Not a domestic death',
			decidedBy: 'CSP chair',
			...dateFields('decidedOn', isoDaysAgo(31))
		});
		expect(result.status).toBe(400);
		expect(JSON.stringify(result.data)).toContain('The date of the decision must be on or after the date the partnership was notified');
		expect(readDatabase((db) => db.prepare('select count(*) as n from review_decision where review_id = ?').get(closedReviewId))).toEqual({ n: 0 });
		expect(readDatabase((db) => db.prepare('select decision_on from review where id = ?').get(closedReviewId))).toEqual({ decision_on: null });
	});

	it('only the chair records the decision', async () => {
		const result = await clients.panel.submit(`/reviews/${reviewId}/start`, 'decision', { outcome: 'review', reasons: 'x', decidedBy: 'y', ...dateFields('decidedOn', isoDaysAgo(1)) });
		expect(result.status).toBe(403);
	});

	it('a decision not to review closes the record and produces the letter for the Home Office', async () => {
		expect((await clients.chair.request('GET', `/reviews/${closedReviewId}/start/letter`)).status).toBe(404);
		const notification = await clients.chair.submit(`/reviews/${closedReviewId}/start`, 'notification', {
			notifiedBy: 'Northmoor Police',
			summary: 'A man aged 50 was found dead at home.',
			reviewType: 'domestic_abuse_related_death',
			...dateFields('notifiedOn', isoDaysAgo(30))
		});
		expect(notification.type).toBe('redirect');
		const decision = await clients.chair.submit(`/reviews/${closedReviewId}/start`, 'decision', {
			outcome: 'no_review',
			reasons: 'The coroner found no indication of domestic abuse.',
			decidedBy: 'Chair of Northmoor CSP',
			...dateFields('decidedOn', isoDaysAgo(10))
		});
		expect(decision.type).toBe('redirect');
		const letter = await clients.chair.request('GET', `/reviews/${closedReviewId}/start/letter`);
		expect(letter.status).toBe(200);
		const html = await letter.text();
		expect(html).toContain('Decision not to hold a domestic abuse related death review: Adult Q');
		expect(html).toContain('The coroner found no indication of domestic abuse.');
		const review = await (await clients.chair.request('GET', `/api/reviews/${closedReviewId}`)).json();
		expect(review).toMatchObject({ decisionOn: isoDaysAgo(10), closedOn: isoDaysAgo(10), reviewType: 'domestic_abuse_related_death' });
		// No report falls due on a closed record.
		expect(review.timescales.find((m: { key: string }) => m.key === 'report')).toMatchObject({ dueOn: null, status: 'waiting' });
	});
});

describe('the terms of reference document', () => {
	it('the chair and panel members write it; other members read it; the family advocate and a non-member are told it does not exist', async () => {
		const name = `review/${reviewId}/terms`;
		const writer = connectClient(server, name, clients.panel.sessionCookie);
		const reader = connectClient(server, name, clients.police.sessionCookie);
		try {
			await Promise.all([waitForSync(writer), waitForSync(reader)]);
			const line = new (await import('yjs')).Map<string>();
			writer.doc.transact(() => {
				line.set('id', 'line-1');
				line.set('text', 'What did each agency know about the abuse?');
				writer.doc.getArray('keyLinesOfEnquiry').push([line]);
			});
			await waitFor(() => reader.doc.getArray('keyLinesOfEnquiry').length === 1, 5_000, 'the reader to see the line');
			reader.doc.getArray('keyLinesOfEnquiry').push(['tampering']);
			await waitFor(() => reader.closes.length > 0, 5_000, 'the reader to be closed');
			expect(reader.closes[0].code).toBe(4403);
		} finally {
			writer.destroy();
			reader.destroy();
		}
		expect((await rawSocket(server, name, clients.advocate.sessionCookie).then((s) => s.closed)).code).toBe(4404);
		expect((await rawSocket(server, name, clients.admin.sessionCookie).then((s) => s.closed)).code).toBe(4404);
	});

	it('the terms page is refused to the family advocate and hidden from a non-member', async () => {
		expect((await clients.moderator.request('GET', `/reviews/${reviewId}/terms`)).status).toBe(200);
		expect((await clients.advocate.request('GET', `/reviews/${reviewId}/terms`)).status).toBe(403);
		expect((await clients.admin.request('GET', `/reviews/${reviewId}/terms`)).status).toBe(404);
	});

	it('the report lists the key lines of enquiry not yet answered', async () => {
		const report = await (await clients.panel.request('GET', `/reviews/${reviewId}/report/__data.json`)).text();
		expect(report).toContain('What did each agency know about the abuse?');
	});
});

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const pngBytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);

async function upload(client: ApiClient, fileName: string, bytes: Uint8Array): Promise<Response> {
	const body = new FormData();
	body.append('file', new Blob([new Uint8Array(bytes)]), fileName);
	return fetch(`${server.origin}/api/reviews/${reviewId}/documents`, { method: 'POST', body, headers: { cookie: client.cookieHeader(), origin: server.origin } });
}

const documentCount = () => readDatabase((db) => (db.prepare("select count(*) as n from review_file where review_id = ? and purpose = 'document'").get(reviewId) as { n: number }).n);

describe('documents', () => {
	let documentId: string;

	it('an agency representative uploads a PDF; members read the list', async () => {
		const response = await upload(clients.police, 'Letter from the housing provider.pdf', pdfBytes);
		expect(response.status).toBe(201);
		documentId = (await response.json()).id;
		const list = await (await clients.moderator.request('GET', `/api/reviews/${reviewId}/documents`)).json();
		expect(list.map((d: { fileName: string }) => d.fileName)).toContain('Letter from the housing provider.pdf');
	});

	it('refuses a forbidden type, content that does not match its name, and a file too large, storing nothing', async () => {
		const before = documentCount();
		const forbidden = await upload(clients.police, 'tool.exe', pdfBytes);
		expect(forbidden.status).toBe(400);
		expect((await forbidden.json()).error).toMatch(/^The file must be one of: PDF/);
		const mismatch = await upload(clients.police, 'photo.pdf', pngBytes);
		expect(mismatch.status).toBe(400);
		expect((await mismatch.json()).error).toBe("The file's content is not a PDF, although its name says it is.");
		const big = new Uint8Array(5 * 1024 * 1024 + 1);
		big.set(pdfBytes);
		const tooLarge = await upload(clients.police, 'scan.pdf', big);
		expect(tooLarge.status).toBe(400);
		expect((await tooLarge.json()).error).toBe('The file is larger than 5 MB.');
		const overTheLimit = await upload(clients.police, 'huge.pdf', new Uint8Array(7 * 1024 * 1024));
		expect(overTheLimit.status).toBe(413);
		expect((await overTheLimit.json()).error).toBe('The file is larger than 5 MB.');
		expect(documentCount()).toBe(before);
	});

	it('the family advocate and the moderator cannot upload; the family advocate cannot list or download; a non-member gets 404', async () => {
		expect((await upload(clients.advocate, 'a.pdf', pdfBytes)).status).toBe(403);
		expect((await upload(clients.moderator, 'a.pdf', pdfBytes)).status).toBe(403);
		expect((await clients.advocate.request('GET', `/api/reviews/${reviewId}/documents`)).status).toBe(403);
		expect((await clients.advocate.request('GET', `/api/reviews/${reviewId}/documents/${documentId}`)).status).toBe(403);
		expect((await clients.advocate.request('GET', `/reviews/${reviewId}/documents`)).status).toBe(403);
		expect((await clients.admin.request('GET', `/api/reviews/${reviewId}/documents/${documentId}`)).status).toBe(404);
	});

	it('every download is recorded in the audit log, and is sent as an attachment', async () => {
		const countDownloads = () => readDatabase((db) => (db.prepare("select count(*) as n from audit_event where review_id = ? and action = 'document.downloaded'").get(reviewId) as { n: number }).n);
		const before = countDownloads();
		const response = await clients.moderator.request('GET', `/api/reviews/${reviewId}/documents/${documentId}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdfBytes);
		expect(countDownloads()).toBe(before + 1);
	});

	it('links from the agency’s own chronology entry, not another agency’s', async () => {
		const chronology = await (await clients.police.request('GET', `/api/reviews/${reviewId}/chronology`)).json();
		const entries = chronology.entries as { id: string; agencyId: string }[];
		const own = entries.find((entry) => entry.agencyId === policeAgency)!;
		const other = entries.find((entry) => entry.agencyId !== policeAgency)!;
		const linked = await clients.police.request('POST', `/api/reviews/${reviewId}/documents/${documentId}/links`, { kind: 'chronology_entry', targetId: own.id });
		expect(linked.status).toBe(201);
		const refused = await clients.police.request('POST', `/api/reviews/${reviewId}/documents/${documentId}/links`, { kind: 'chronology_entry', targetId: other.id });
		expect(refused.status).toBe(400);
		const list = await (await clients.chair.request('GET', `/api/reviews/${reviewId}/documents`)).json();
		expect(list.find((d: { id: string }) => d.id === documentId).links).toEqual([{ id: (await linked.json()).id, kind: 'chronology_entry', targetId: own.id }]);
	});
});
