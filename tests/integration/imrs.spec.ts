/**
 * Information requests and IMRs (issue 20, items 3 and 4), through the real server: who may
 * read an IMR at each step (API and websocket alike), the author's declaration of
 * independence, the senior manager's sign-off, and bad input that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, type ApiClient, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitForSync } from '../helpers/collab-client';
import { bringInGuest, planEvent } from '../helpers/learning-events';
import { demoReviewId, signInAs } from '../helpers/demo-people';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let police: ApiClient;
let manager: ApiClient;
let health: ApiClient;
let advocate: ApiClient;
let moderator: ApiClient;
let reviewId: string;
let policeAgency: string;
let healthAgency: string;

const today = new Date();
const inAFortnight = new Date(today.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
const declaration = { notInvolved: true, notLineManager: true, statement: '' };

beforeAll(async () => {
	server = await startServer();
	[chair, panel, police, manager, health, advocate, moderator] = await signInAs(
		server,
		'chair@demo.test',
		'panel@demo.test',
		'police@demo.test',
		'police-manager@demo.test',
		'health@demo.test',
		'advocate@demo.test',
		'moderator@demo.test'
	);
	reviewId = await demoReviewId(chair);
	const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
	policeAgency = review.agencies.find((a: { kind: string }) => a.kind === 'police').id;
	healthAgency = review.agencies.find((a: { name: string }) => a.name === 'Riverside GP Practice').id;
});
afterAll(async () => {
	await server.dispose();
});

const imrPath = (agencyId: string) => `/api/reviews/${reviewId}/imrs/${agencyId}`;
const step = (client: ApiClient, agencyId: string, body: Record<string, unknown>) => client.request('POST', `${imrPath(agencyId)}/steps`, body);
async function statusOf(agencyId: string): Promise<string> {
	const list = await (await chair.request('GET', `/api/reviews/${reviewId}/imrs`)).json();
	return list.find((row: { agencyId: string }) => row.agencyId === agencyId).status;
}
async function closeCode(client: ApiClient, agencyId: string): Promise<number> {
	return (await (await rawSocket(server, `review/${reviewId}/imr/${agencyId}`, client.sessionCookie)).closed).code;
}

describe('information requests', () => {
	it('a request to an agency outside the review is refused and changes nothing', async () => {
		const response = await chair.request('POST', `/api/reviews/${reviewId}/requests`, { agencyIds: [policeAgency, 'no-such-agency'], asks: ['chronology', 'imr'], dueOn: inAFortnight });
		expect(response.status).toBe(404);
		expect((await response.json()).error).toBe('One of the agencies is not part of this review: add it to the review first');
		expect(await (await chair.request('GET', `/api/reviews/${reviewId}/requests`)).json()).toEqual([]);
		expect(await statusOf(policeAgency)).toBe('not_requested');
	});

	it('only the chair sends requests; the agency answers its own and no other', async () => {
		expect((await police.request('POST', `/api/reviews/${reviewId}/requests`, { agencyIds: [policeAgency], asks: ['imr'], dueOn: inAFortnight })).status).toBe(403);
		const sent = await chair.request('POST', `/api/reviews/${reviewId}/requests`, { agencyIds: [policeAgency, healthAgency], asks: ['chronology', 'imr'], dueOn: inAFortnight });
		expect(sent.status).toBe(201);
		expect(await sent.json()).toEqual({ sent: 2 });
		expect(await statusOf(policeAgency)).toBe('requested');

		expect((await police.request('POST', `/api/reviews/${reviewId}/requests/${healthAgency}`, { answer: 'contact' })).status).toBe(403);
		const noWho = await health.request('POST', `/api/reviews/${reviewId}/requests/${healthAgency}`, { answer: 'no_contact', checkedBy: '', howChecked: 'Searched the GP record system' });
		expect(noWho.status).toBe(400);
		expect((await noWho.json()).error).toBe('Enter who checked the agency’s records');
		expect(await statusOf(healthAgency)).toBe('requested');
		// No contact: the IMR is no longer owed; the agency finds it had contact after all: owed again.
		expect((await health.request('POST', `/api/reviews/${reviewId}/requests/${healthAgency}`, { answer: 'no_contact', checkedBy: 'Practice manager', howChecked: 'Searched the GP record system for both subjects' })).status).toBe(201);
		expect(await statusOf(healthAgency)).toBe('not_requested');
		expect((await health.request('GET', imrPath(healthAgency))).status).toBe(404);
		expect((await health.request('POST', `/api/reviews/${reviewId}/requests/${healthAgency}`, { answer: 'contact' })).status).toBe(201);
		expect(await statusOf(healthAgency)).toBe('requested');

		expect((await police.request('POST', `/api/reviews/${reviewId}/requests/${policeAgency}`, { answer: 'contact' })).status).toBe(201);
		const mine = await (await police.request('GET', `/api/reviews/${reviewId}/requests`)).json();
		expect(mine.map((r: { agencyId: string }) => r.agencyId)).toEqual([policeAgency]);
		expect(mine[0]).toMatchObject({ state: 'awaiting_items', outstanding: ['chronology', 'imr'], late: false });
		const all = await (await chair.request('GET', `/api/reviews/${reviewId}/requests`)).json();
		expect(all.map((r: { state: string }) => r.state)).toEqual(['awaiting_items', 'awaiting_items']);
	});
});

describe('IMR permissions, independence and sign-off', () => {
	it('a draft is seen by the agency and the chair only; the advocate and guests get 404 and are refused on the socket', async () => {
		// The author declares: a draft begins.
		expect((await step(police, policeAgency, { step: 'declare', ...declaration })).status).toBe(201);
		expect(await statusOf(policeAgency)).toBe('draft');
		expect((await police.request('GET', imrPath(policeAgency))).status).toBe(200);
		expect((await chair.request('GET', imrPath(policeAgency))).status).toBe(200);
		for (const client of [health, panel, advocate]) expect((await client.request('GET', imrPath(policeAgency))).status).toBe(404);
		expect((await advocate.request('GET', `/api/reviews/${reviewId}/imrs`)).status).toBe(404);
		expect(await closeCode(health, policeAgency)).toBe(4404);
		expect(await closeCode(advocate, policeAgency)).toBe(4404);

		const writer = connectClient(server, `review/${reviewId}/imr/${policeAgency}`, police.sessionCookie);
		try {
			await waitForSync(writer);
			// As the editor writes it: a paragraph holding the text.
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Officers attended on 3 occasions.')]);
			writer.doc.getXmlFragment('section:involvement').insert(0, [paragraph]);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(writer.closes).toEqual([]);
		} finally {
			writer.destroy();
		}
	});

	it('submission is refused without a sign-off, and a senior manager cannot sign off an IMR they wrote', async () => {
		const early = await step(police, policeAgency, { step: 'submit' });
		expect(early.status).toBe(409);
		expect((await early.json()).error).toBe('The IMR cannot be submitted: a senior manager of the agency has not signed it off.');
		// Not a senior manager.
		expect((await step(police, policeAgency, { step: 'sign_off' })).status).toBe(409);
		// Another agency's representative cannot sign it off, even where they can see it.
		expect((await step(health, policeAgency, { step: 'sign_off' })).status).toBe(404);

		// The health IMR: its representative, made senior manager, also declares as its author.
		const members = (await (await chair.request('GET', `/api/reviews/${reviewId}`)).json()).members as { userId: string; name: string }[];
		const healthRep = members.find((member) => member.name === 'Dr Imran Shah')!.userId;
		expect((await police.request('PUT', `/api/reviews/${reviewId}/senior-managers/${healthRep}`, { senior: true })).status).toBe(403);
		expect((await chair.request('PUT', `/api/reviews/${reviewId}/senior-managers/${healthRep}`, { senior: true })).status).toBe(204);
		expect((await health.request('POST', `/api/reviews/${reviewId}/requests/${healthAgency}`, { answer: 'contact' })).status).toBe(201);
		expect((await step(health, healthAgency, { step: 'declare', ...declaration })).status).toBe(201);
		const own = await step(health, healthAgency, { step: 'sign_off' });
		expect(own.status).toBe(403);
		expect((await own.json()).error).toBe('The senior manager who signs off an IMR cannot be its author: another senior manager of the agency must sign it off.');
		expect(await statusOf(healthAgency)).toBe('draft');
		const refusedSubmit = await step(health, healthAgency, { step: 'submit' });
		expect(refusedSubmit.status).toBe(409);
		expect(await statusOf(healthAgency)).toBe('draft');
	});

	it('a declaration that leaves a box unticked is refused and records nothing', async () => {
		const before = await (await chair.request('GET', `/api/reviews/${reviewId}/independence`)).json();
		const refused = await chair.request('POST', `/api/reviews/${reviewId}/independence`, { notInvolved: true, notLineManager: false });
		expect(refused.status).toBe(400);
		expect(await (await chair.request('GET', `/api/reviews/${reviewId}/independence`)).json()).toEqual(before);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/independence`, declaration)).status).toBe(201);
		expect((await advocate.request('POST', `/api/reviews/${reviewId}/independence`, declaration)).status).toBe(403);
		const after = await (await panel.request('GET', `/api/reviews/${reviewId}/independence`)).json();
		// The chair first, then the IMRs' authors (each with their agency and the date).
		expect(after.map((d: { part: string; name: string }) => `${d.part}:${d.name}`)).toEqual(['chair:Helen Marsh', 'imr_author:Dr Imran Shah', 'imr_author:DS Claire Holt']);
		expect(after[2]).toMatchObject({ agencyName: 'Northmoor Police', declaredAt: expect.any(String) });
	});

	it('signed off by the senior manager and submitted, another agency reads it but cannot write; the panel returns it, then accepts it', async () => {
		expect((await step(manager, policeAgency, { step: 'sign_off' })).status).toBe(201);
		expect(await statusOf(policeAgency)).toBe('signed_off');
		// Signed off, not yet submitted: still not the panel's.
		expect((await panel.request('GET', imrPath(policeAgency))).status).toBe(404);
		expect((await step(police, policeAgency, { step: 'submit' })).status).toBe(201);
		expect(await statusOf(policeAgency)).toBe('submitted');

		expect((await health.request('GET', imrPath(policeAgency))).status).toBe(200);
		expect((await panel.request('GET', imrPath(policeAgency))).status).toBe(200);
		expect((await moderator.request('GET', imrPath(policeAgency))).status).toBe(200);
		expect((await advocate.request('GET', imrPath(policeAgency))).status).toBe(404);
		const reader = connectClient(server, `review/${reviewId}/imr/${policeAgency}`, health.sessionCookie);
		try {
			await waitForSync(reader);
			expect(reader.doc.getXmlFragment('section:involvement').toString()).toContain('Officers attended on 3 occasions.');
		} finally {
			reader.destroy();
		}

		expect((await step(health, policeAgency, { step: 'accept' })).status).toBe(403);
		const noQuestions = await step(panel, policeAgency, { step: 'return', questions: ' ' });
		expect(noQuestions.status).toBe(400);
		expect((await step(panel, policeAgency, { step: 'return', questions: 'Was a DASH risk assessment done on 3 March?' })).status).toBe(201);
		const detail = await (await police.request('GET', imrPath(policeAgency))).json();
		expect(detail).toMatchObject({ status: 'returned', access: 'write', signedOffBy: null });
		expect(detail.comments[0]).toMatchObject({ body: 'Was a DASH risk assessment done on 3 March?', returned: true });
		// Back to the agency: a new sign-off before it can be submitted again.
		expect((await step(police, policeAgency, { step: 'submit' })).status).toBe(409);
		expect((await step(manager, policeAgency, { step: 'sign_off' })).status).toBe(201);
		expect((await step(police, policeAgency, { step: 'submit' })).status).toBe(201);
		expect((await step(chair, policeAgency, { step: 'accept' })).status).toBe(201);
		const list = await (await panel.request('GET', `/api/reviews/${reviewId}/imrs`)).json();
		expect(list.find((row: { agencyId: string }) => row.agencyId === policeAgency)).toEqual({ agencyId: policeAgency, status: 'accepted', dueOn: inAFortnight, author: 'DS Claire Holt' });
	});

	it('the report’s writers can cite the accepted IMR’s passages, never a draft’s', async () => {
		const passages = await (await panel.request('GET', `/api/reviews/${reviewId}/imrs/passages`)).json();
		expect(passages).toEqual([{ agencyId: policeAgency, agencyName: 'Northmoor Police', sectionKey: 'involvement', sectionTitle: 'The agency’s involvement', text: 'Officers attended on 3 occasions.' }]);
		// The health IMR is a draft: even the chair is not offered it to cite.
		const chairs = await (await chair.request('GET', `/api/reviews/${reviewId}/imrs/passages`)).json();
		expect(chairs.map((p: { agencyId: string }) => p.agencyId)).toEqual([policeAgency]);
		expect((await health.request('GET', `/api/reviews/${reviewId}/imrs/passages`)).status).toBe(403);
	});

	it('a guest practitioner never reaches an IMR, even an accepted one', async () => {
		const eventId = await planEvent(moderator, reviewId, 'IMR guest check', -30);
		const guest = await bringInGuest(moderator, server.origin, reviewId, eventId, { name: 'Alex Guest', roleTitle: 'Health visitor', agencyLabel: 'Community Health' });
		expect((await guest.request('GET', imrPath(policeAgency))).status).toBe(404);
		expect((await guest.request('GET', `/api/reviews/${reviewId}/imrs`)).status).toBe(404);
		expect(await closeCode(guest, policeAgency)).toBe(4404);
	});
});
