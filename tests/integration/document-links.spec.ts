/**
 * Documents linked from IMRs and meeting minutes (issues 18 and 20 joined), through the real
 * server: only those who may write the IMR or the minutes (or the chair) link a document to
 * them, never to another agency's IMR or another review's meeting; the IMR and meeting pages
 * list the linked documents with downloads through the audited route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type ApiClient, type RunningServer } from '../helpers/server';
import { demoReviewId, signInAs } from '../helpers/demo-people';
import { connectClient, waitForSync } from '../helpers/collab-client';
import * as Y from 'yjs';

let server: RunningServer;
let admin: ApiClient;
let chair: ApiClient;
let panel: ApiClient;
let police: ApiClient;
let health: ApiClient;
let reviewId: string;
let policeAgency: string;
let healthAgency: string;
let documentId: string;
let meetingId: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
	server = await startServer();
	[admin, chair, panel, police, health] = await signInAs(server, 'admin@demo.test', 'chair@demo.test', 'panel@demo.test', 'police@demo.test', 'health@demo.test');
	reviewId = await demoReviewId(chair);
	const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
	policeAgency = review.agencies.find((a: { kind: string }) => a.kind === 'police').id;
	healthAgency = review.agencies.find((a: { name: string }) => a.name === 'Riverside GP Practice').id;
	expect((await chair.request('POST', `/api/reviews/${reviewId}/requests`, { agencyIds: [policeAgency, healthAgency], asks: ['chronology', 'imr'], dueOn: inDays(14).toISOString().slice(0, 10) })).status).toBe(201);
	const body = new FormData();
	body.append('file', new Blob([pdfBytes]), 'Police policy on domestic abuse.pdf');
	const uploaded = await fetch(`${server.origin}/api/reviews/${reviewId}/documents`, { method: 'POST', body, headers: { cookie: police.cookieHeader(), origin: server.origin } });
	expect(uploaded.status).toBe(201);
	documentId = (await uploaded.json()).id;
	const meeting = await chair.request('POST', `/api/reviews/${reviewId}/meetings`, { title: 'Panel meeting 2', kind: 'agency_presentations', startsAt: inDays(7).toISOString(), link: '' });
	expect(meeting.status).toBe(201);
	meetingId = (await meeting.json()).id;
});
afterAll(async () => {
	await server.dispose();
});

const link = (client: ApiClient, kind: string, targetId: string) => client.request('POST', `/api/reviews/${reviewId}/documents/${documentId}/links`, { kind, targetId });
const linkCount = () => {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return (db.prepare('select count(*) as n from document_link where review_id = ?').get(reviewId) as { n: number }).n;
	} finally {
		db.close();
	}
};

describe('documents linked from IMRs', () => {
	it('refuses another agency’s IMR for a representative, an IMR for a panel member, and an agency with no IMR, changing nothing', async () => {
		const before = linkCount();
		expect((await link(police, 'imr', healthAgency)).status).toBe(400);
		expect((await link(panel, 'imr', policeAgency)).status).toBe(400);
		expect((await link(chair, 'imr', 'no-such-agency')).status).toBe(400);
		expect(linkCount()).toBe(before);
	});

	it('links from the representative’s own agency’s IMR and the chair from any IMR asked for', async () => {
		expect((await link(police, 'imr', policeAgency)).status).toBe(201);
		expect((await link(chair, 'imr', healthAgency)).status).toBe(201);
		const list = await (await chair.request('GET', `/api/reviews/${reviewId}/documents`)).json();
		const links = list.find((d: { id: string }) => d.id === documentId).links.map((l: { kind: string; targetId: string }) => `${l.kind}:${l.targetId}`);
		expect(links).toEqual(expect.arrayContaining([`imr:${policeAgency}`, `imr:${healthAgency}`]));
	});

	it('lets a representative remove only a link they could make: not the chair’s link from another agency’s IMR', async () => {
		const list = await (await chair.request('GET', `/api/reviews/${reviewId}/documents`)).json();
		const links = list.find((d: { id: string }) => d.id === documentId).links as { id: string; kind: string; targetId: string }[];
		const healthLink = links.find((l) => l.kind === 'imr' && l.targetId === healthAgency)!;
		const before = linkCount();
		const refused = await police.submit(`/reviews/${reviewId}/documents`, 'unlink', { linkId: healthLink.id });
		expect(refused).toMatchObject({ type: 'failure', status: 403 });
		expect(linkCount()).toBe(before);
		const removed = await chair.submit(`/reviews/${reviewId}/documents`, 'unlink', { linkId: healthLink.id });
		expect(removed.type).toBe('redirect');
		expect(linkCount()).toBe(before - 1);
	});

	it('shows the linked document on the IMR page, downloaded through the audited route, only to those who read the IMR', async () => {
		const html = await (await police.request('GET', `/reviews/${reviewId}/imrs/${policeAgency}`)).text();
		expect(html).toContain('Police policy on domestic abuse.pdf');
		expect(html).toContain(`/api/reviews/${reviewId}/documents/${documentId}`);
		// The health IMR is only requested: the police representative does not reach it at all.
		expect((await police.request('GET', `/reviews/${reviewId}/imrs/${healthAgency}`)).status).toBe(404);
	});
});

describe('documents linked from meeting minutes', () => {
	it('a panel member who writes the minutes links a document, and the meeting page lists it', async () => {
		expect((await link(panel, 'minutes', meetingId)).status).toBe(201);
		const html = await (await panel.request('GET', `/reviews/${reviewId}/meetings/${meetingId}`)).text();
		expect(html).toContain('Police policy on domestic abuse.pdf');
		expect(html).toContain(`/api/reviews/${reviewId}/documents/${documentId}`);
	});

	it('refuses a meeting of another review and a meeting that does not exist, changing nothing', async () => {
		const other = (await (await admin.request('POST', '/api/reviews', { title: 'DHR Other', partnership: 'Elsewhere CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20', chairEmail: 'chair@demo.test' })).json()).id as string;
		const otherMeeting = await chair.request('POST', `/api/reviews/${other}/meetings`, { title: 'Their meeting', kind: 'other', startsAt: inDays(5).toISOString(), link: '' });
		expect(otherMeeting.status).toBe(201);
		const before = linkCount();
		expect((await link(chair, 'minutes', (await otherMeeting.json()).id)).status).toBe(400);
		expect((await link(chair, 'minutes', 'no-such-meeting')).status).toBe(400);
		expect(linkCount()).toBe(before);
	});
});

describe('linking from the documents page', () => {
	it('offers a representative their own agency’s IMR and the meeting, and refuses another agency’s IMR posted anyway', async () => {
		const html = await (await health.request('GET', `/reviews/${reviewId}/documents`)).text();
		expect(html).toContain(`value="imr:${healthAgency}"`);
		expect(html).not.toContain(`value="imr:${policeAgency}"`);
		expect(html).toContain(`value="minutes:${meetingId}"`);
		const refused = await health.submit(`/reviews/${reviewId}/documents`, 'linkOther', { fileId: documentId, target: `imr:${policeAgency}` });
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		const linked = await health.submit(`/reviews/${reviewId}/documents`, 'linkOther', { fileId: documentId, target: `minutes:${meetingId}` });
		expect(linked.type).toBe('redirect');
	});
});

describe('terms agreed at one of the review’s meetings (terms page)', () => {
	it('offers today’s meeting, and recording the agreement there puts the decision in its record', async () => {
		const created = await chair.request('POST', `/api/reviews/${reviewId}/meetings`, { title: 'Set-up meeting', kind: 'terms', startsAt: new Date(Date.now() + 120_000).toISOString(), link: '' });
		expect(created.status).toBe(201);
		const setUpMeeting = (await created.json()).id as string;
		// The terms need a key line of enquiry before they can be agreed.
		const writer = connectClient(server, `review/${reviewId}/terms`, chair.sessionCookie);
		await waitForSync(writer);
		const line = new Y.Map<string>();
		line.set('id', 'line-agreed');
		line.set('text', 'How did agencies share information about the risk?');
		writer.doc.getArray('keyLinesOfEnquiry').push([line]);
		const page = await (await chair.request('GET', `/reviews/${reviewId}/terms`)).text();
		expect(page).toContain(`value="${setUpMeeting}"`);
		// Next week's meeting has not been held: it is not offered.
		expect(page).not.toContain(`value="${meetingId}"`);
		// The line reaches the server's store a moment after it is written: try until it is there (5 s at most).
		let agreed = await chair.submit(`/reviews/${reviewId}/terms`, 'agree', { meetingId: setUpMeeting, meeting: '', 'agreedOn-day': '', 'agreedOn-month': '', 'agreedOn-year': '' });
		for (let tries = 0; agreed.type !== 'redirect' && tries < 25; tries++) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			agreed = await chair.submit(`/reviews/${reviewId}/terms`, 'agree', { meetingId: setUpMeeting, meeting: '', 'agreedOn-day': '', 'agreedOn-month': '', 'agreedOn-year': '' });
		}
		writer.destroy();
		expect(agreed, JSON.stringify(agreed.data)).toMatchObject({ type: 'redirect' });
		const record = await (await panel.request('GET', `/api/reviews/${reviewId}/meetings/${setUpMeeting}/record`)).json();
		expect(record.decisions.map((d: { text: string }) => d.text)).toEqual(['The panel agreed the terms of reference']);
		expect(await (await chair.request('GET', `/reviews/${reviewId}/terms`)).text()).toContain('Set-up meeting, ');
	});
});

describe('the demo review', () => {
	it('holds an upcoming panel meeting whose agenda links a police key practice episode', async () => {
		const meetings = (await (await panel.request('GET', `/api/reviews/${reviewId}/meetings`)).json()) as { id: string; title: string; status: string }[];
		const seeded = meetings.find((m) => m.title === 'Panel meeting 2: agency presentations');
		expect(seeded).toMatchObject({ status: 'planned' });
		const html = await (await panel.request('GET', `/reviews/${reviewId}/meetings/${seeded!.id}`)).text();
		expect(html).toContain('The police chronology: the incidents of the last two years');
		expect(html).toContain('A called 999 to say B had threatened to kill her');
	});
});
