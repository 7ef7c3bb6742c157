/**
 * Panel meetings (issue 18) through the real server: only members reach a meeting (never
 * the family advocate or a guest practitioner), a removed or deactivated member's socket
 * closes, and bad input (a meeting in the past, a paper from elsewhere, an action for a
 * non-member, agreeing minutes one did not attend) is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitFor, waitForSync } from '../helpers/collab-client';
import { changeDatabase, queryDatabase } from '../helpers/database';
import { demoReviewId, signInAs } from '../helpers/demo-people';
import { bringInGuest, planEvent } from '../helpers/learning-events';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let police: ApiClient;
let advocate: ApiClient;
let admin: ApiClient;
let reviewId: string;
let members: { userId: string; name: string; role: string }[];

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const idOf = (role: string) => members.find((m) => m.role === role)!.userId;

async function schedule(title = 'Panel meeting'): Promise<string> {
	const response = await chair.request('POST', `/api/reviews/${reviewId}/meetings`, { title, kind: 'agency_presentations', startsAt: inDays(7).toISOString(), link: 'https://call.example/panel' });
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

function closeOf(opening: ReturnType<typeof rawSocket>): Promise<{ code: number; reason: string }> {
	return opening.then(({ ws, closed }) => {
		void ws;
		return closed;
	});
}

beforeAll(async () => {
	server = await startServer();
	[chair, panel, police, advocate, admin] = await signInAs(server, 'chair@demo.test', 'panel@demo.test', 'police@demo.test', 'advocate@demo.test', 'admin@demo.test');
	reviewId = await demoReviewId(chair);
	members = (await (await chair.request('GET', `/api/reviews/${reviewId}`)).json()).members;
});
afterAll(async () => {
	await server?.dispose();
});

describe('scheduling through the API', () => {
	it('the chair schedules a meeting and every member of the panel lists it', async () => {
		const id = await schedule('Set-up meeting');
		const listed = (await (await panel.request('GET', `/api/reviews/${reviewId}/meetings`)).json()) as { id: string; title: string; kind: string; link: string; status: string; startsAt: string }[];
		expect(listed.find((m) => m.id === id)).toMatchObject({ title: 'Set-up meeting', kind: 'agency_presentations', link: 'https://call.example/panel', status: 'planned' });
	});

	it('a meeting in the past is refused, and nothing is stored', async () => {
		const before = queryDatabase<{ n: number }>(server.databasePath, 'select count(*) as n from meeting')[0].n;
		const response = await chair.request('POST', `/api/reviews/${reviewId}/meetings`, { title: 'Too late', kind: 'other', startsAt: '2020-01-01T10:00' });
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'The meeting must start in the future' });
		expect(queryDatabase<{ n: number }>(server.databasePath, 'select count(*) as n from meeting')[0].n).toBe(before);
	});

	it('only the chair schedules; the family advocate cannot even list them; a non-member gets 404', async () => {
		expect((await panel.request('POST', `/api/reviews/${reviewId}/meetings`, { title: 'Mine', kind: 'other', startsAt: inDays(3).toISOString() })).status).toBe(403);
		expect((await advocate.request('GET', `/api/reviews/${reviewId}/meetings`)).status).toBe(403);
		expect((await admin.request('GET', `/api/reviews/${reviewId}/meetings`)).status).toBe(404);
	});
});

describe('who reaches a meeting', () => {
	it('members open the meeting’s page and document; the family advocate and the admin get 404 and 4404', async () => {
		const id = await schedule();
		const page = `/reviews/${reviewId}/meetings/${id}`;
		expect((await panel.request('GET', page)).status).toBe(200);
		expect((await advocate.request('GET', page)).status).toBe(404);
		expect((await admin.request('GET', page)).status).toBe(404);
		const docName = `review/${reviewId}/meeting/${id}`;
		expect((await closeOf(rawSocket(server, docName, advocate.sessionCookie))).code).toBe(4404);
		expect((await closeOf(rawSocket(server, docName, admin.sessionCookie))).code).toBe(4404);
		expect((await closeOf(rawSocket(server, `review/${reviewId}/meeting/no-such-meeting`, chair.sessionCookie))).code).toBe(4404);
		const member = connectClient(server, docName, police.sessionCookie);
		try {
			await waitForSync(member);
			expect(member.closes).toEqual([]);
		} finally {
			member.destroy();
		}
	});

	it('a guest practitioner of a learning event never reaches a meeting', async () => {
		const id = await schedule();
		const [moderator] = await signInAs(server, 'moderator@demo.test');
		const eventId = await planEvent(moderator, reviewId, 'Practitioner event', 30);
		const guest = await bringInGuest(moderator, server.origin, reviewId, eventId, { name: 'Robin Guestname', roleTitle: 'Support worker', agencyLabel: 'Northmoor Housing' });
		expect((await guest.request('GET', `/reviews/${reviewId}/meetings/${id}`)).status).toBe(404);
		expect((await closeOf(rawSocket(server, `review/${reviewId}/meeting/${id}`, guest.sessionCookie))).code).toBe(4404);
		// And the minutes never name them: a decision that does is refused.
		const refused = await chair.submit(`/reviews/${reviewId}/meetings/${id}`, 'addItem', { itemTitle: 'Learning event', itemMinutes: '10', itemPresenter: '' });
		expect(refused.type).toBe('success');
		const itemId = queryDatabase<{ id: string }>(server.databasePath, 'select id from meeting_agenda_item where meeting_id = ?', id)[0].id;
		const decision = await panel.submit(`/reviews/${reviewId}/meetings/${id}`, 'decision', { itemId, decisionText: 'Robin Guestname’s account will be quoted' });
		expect(decision.type).toBe('failure');
		expect(JSON.stringify(decision.data)).toContain('must not name the practitioners');
		expect(JSON.stringify(decision.data)).not.toContain('Robin');
		expect(queryDatabase(server.databasePath, 'select * from meeting_decision where meeting_id = ?', id)).toEqual([]);
	});

	it('members co-write the minutes, but only whoever presents moves the meeting on; the chair can hand it over', async () => {
		const id = await schedule();
		const docName = `review/${reviewId}/meeting/${id}`;
		const writer = connectClient(server, docName, panel.sessionCookie);
		try {
			await waitForSync(writer);
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Minutes by the panel member.')]);
			writer.doc.getXmlFragment('minutes:item-1').insert(0, [paragraph]);
			await new Promise((r) => setTimeout(r, 400));
			expect(writer.closes).toEqual([]);
			writer.doc.getMap('live').set('phaseIndex', 0);
			await waitFor(() => writer.closes.length > 0, 2_000, 'the connection to close');
			expect(writer.closes[0]).toEqual({ code: 4403, reason: 'Only whoever presents can move the meeting on' });
		} finally {
			writer.destroy();
		}

		// Handed over, the panel member presents: their open connection is renewed with the new rights.
		const presenter = connectClient(server, docName, panel.sessionCookie);
		try {
			await waitForSync(presenter);
			expect((await chair.submit(`/reviews/${reviewId}/meetings/${id}`, 'handOver', { presenterId: idOf('panel_member') })).type).toBe('success');
			await waitFor(() => presenter.closes.length > 0, 2_000, 'the connection to be renewed');
			expect(presenter.closes[0].code).toBe(4000);
			await waitFor(() => presenter.provider.synced && presenter.provider.wsconnected, 5_000, 'the reconnection');
			presenter.doc.getMap('live').set('phaseIndex', 0);
			await new Promise((r) => setTimeout(r, 400));
			expect(presenter.closes).toHaveLength(1);
		} finally {
			presenter.destroy();
		}
	});

	it('circulating the minutes makes the document read-only: an open editor reconnects without write access', async () => {
		const id = await schedule();
		changeDatabase(server.databasePath, 'update meeting set starts_at = ? where id = ?', Date.now() - 3_600_000, id);
		const client = connectClient(server, `review/${reviewId}/meeting/${id}`, panel.sessionCookie);
		try {
			await waitForSync(client);
			expect((await chair.submit(`/reviews/${reviewId}/meetings/${id}`, 'attendance', { userId: idOf('chair'), attendance: 'present', representedBy: '' })).type).toBe('success');
			expect((await chair.submit(`/reviews/${reviewId}/meetings/${id}`, 'circulate', {})).type).toBe('success');
			await waitFor(() => client.closes.length > 0, 2_000, 'the editor’s connection to close');
			expect(client.closes[0].code).toBe(4000);
		} finally {
			client.destroy();
		}
	});

	it('removing a member closes their open meeting connection within a second', async () => {
		const id = await schedule();
		const [moderator] = await signInAs(server, 'moderator@demo.test');
		const client = connectClient(server, `review/${reviewId}/meeting/${id}`, moderator.sessionCookie);
		try {
			await waitForSync(client);
			const removedAt = Date.now();
			expect((await chair.request('DELETE', `/api/reviews/${reviewId}/members/${idOf('moderator')}`)).status).toBe(204);
			await waitFor(() => client.closes.length > 0, 1_000, 'the connection to close');
			expect(client.closes[0].code).toBe(4404);
			expect(Date.now() - removedAt).toBeLessThan(1_000);
		} finally {
			client.destroy();
		}
	});

	it('deactivating a member’s account closes their open meeting connection', async () => {
		const id = await schedule();
		const [health] = await signInAs(server, 'health@demo.test');
		const client = connectClient(server, `review/${reviewId}/meeting/${id}`, health.sessionCookie);
		try {
			await waitForSync(client);
			const healthId = queryDatabase<{ id: string }>(server.databasePath, "select id from user where email = 'health@demo.test'")[0].id;
			expect((await admin.submit(`/admin/accounts/${healthId}`, 'deactivate', {})).type).toBe('redirect');
			await waitFor(() => client.closes.length > 0, 2_000, 'the connection to close');
			expect(client.closes[0].code).toBe(4401);
		} finally {
			client.destroy();
		}
	});
});

let cachedPoliceId: string | null = null;
function policeId(): string {
	return (cachedPoliceId ??= queryDatabase<{ id: string }>(server.databasePath, "select id from user where email = 'police@demo.test'")[0].id);
}

describe('the agenda, decisions and actions', () => {
	it('an agenda item links to this review’s entries; an unknown one is refused; one removed since is shown as removed', async () => {
		const id = await schedule();
		const page = `/reviews/${reviewId}/meetings/${id}`;
		expect((await chair.submit(page, 'addItem', { itemTitle: 'Police chronology', itemMinutes: '20', itemPresenter: policeId() })).type).toBe('success');
		const itemId = queryDatabase<{ id: string }>(server.databasePath, 'select id from meeting_agenda_item where meeting_id = ?', id)[0].id;
		const { entries } = (await (await police.request('GET', `/api/reviews/${reviewId}/chronology`)).json()) as { entries: { id: string; agencyId: string; agencyName: string }[] };
		const policeEntry = entries.find((e) => e.agencyName.toLowerCase().includes('police'))!;

		const elsewhere = await chair.submit(page, 'addLink', { itemId, link: `entry|${crypto.randomUUID()}` });
		expect(elsewhere.type).toBe('failure');
		expect(JSON.stringify(elsewhere.data)).toContain('That is not something in this review');
		expect((await chair.submit(page, 'addLink', { itemId, link: `entry|${policeEntry.id}` })).type).toBe('success');
		expect(queryDatabase(server.databasePath, 'select * from meeting_agenda_link where item_id = ?', itemId)).toHaveLength(1);

		// The police representative removes the entry from their chronology.
		const chronology = connectClient(server, `review/${reviewId}/chronology/${policeEntry.agencyId}`, police.sessionCookie);
		try {
			await waitForSync(chronology);
			const list = chronology.doc.getArray<Y.Map<unknown>>('entries');
			const index = list.toArray().findIndex((entry) => entry.get('id') === policeEntry.id);
			list.delete(index, 1);
			await waitFor(() => queryDatabase<{ n: number }>(server.databasePath, 'select count(*) as n from doc_update where doc_name = ?', `review/${reviewId}/chronology/${policeEntry.agencyId}`)[0].n > 0, 3_000, 'the deletion to be stored');
			await new Promise((r) => setTimeout(r, 300));
		} finally {
			chronology.destroy();
		}
		const html = await (await panel.request('GET', page)).text();
		expect(html).toContain('Removed');
		expect(html).not.toContain(`href="/reviews/${reviewId}/chronology?entry=${policeEntry.id}"`);
	});

	it('an action for someone outside the panel is refused; the police representative’s action is in their “what needs me” and is ticked off', async () => {
		const id = await schedule();
		const page = `/reviews/${reviewId}/meetings/${id}`;
		expect((await chair.submit(page, 'addItem', { itemTitle: 'Actions', itemMinutes: '10', itemPresenter: '' })).type).toBe('success');
		const itemId = queryDatabase<{ id: string }>(server.databasePath, 'select id from meeting_agenda_item where meeting_id = ?', id)[0].id;
		const due = inDays(14);
		const dueFields = { 'due-day': '', [`due-${itemId}-day`]: String(due.getUTCDate()), [`due-${itemId}-month`]: String(due.getUTCMonth() + 1), [`due-${itemId}-year`]: String(due.getUTCFullYear()) };
		const forAdvocate = await panel.submit(page, 'action', { itemId, actionText: 'Send the policy', actionOwner: idOf('family_advocate'), ...dueFields });
		expect(forAdvocate.type).toBe('failure');
		expect(JSON.stringify(forAdvocate.data)).toContain('An action’s owner must be a member of the panel');
		expect(queryDatabase(server.databasePath, 'select * from meeting_action where meeting_id = ?', id)).toEqual([]);

		expect((await panel.submit(page, 'action', { itemId, actionText: 'Send the custody policy', actionOwner: policeId(), ...dueFields })).type).toBe('success');
		const tasks = (await (await police.request('GET', '/api/me/tasks')).json()) as { kind: string; link: string }[];
		const task = tasks.find((t) => t.kind === 'meeting_action');
		expect(task?.link).toContain(`/reviews/${reviewId}/meetings/${id}#action-`);
		const actionId = task!.link.split('#action-')[1];

		expect((await panel.submit(page, 'done', { actionId, doneNote: 'Not mine' })).type).toBe('failure');
		expect((await police.submit(page, 'done', { actionId, doneNote: 'Policy sent to the chair' })).type).toBe('success');
		const after = (await (await police.request('GET', '/api/me/tasks')).json()) as { kind: string }[];
		expect(after.some((t) => t.kind === 'meeting_action')).toBe(false);
	});
});

describe('agreeing the minutes', () => {
	it('only those who attended agree; once they all confirm, the minutes are agreed and frozen', async () => {
		const id = await schedule();
		const page = `/reviews/${reviewId}/meetings/${id}`;
		expect((await chair.submit(page, 'invite', { userIds: [idOf('panel_member'), policeId()] })).type).toBe('success');
		changeDatabase(server.databasePath, 'update meeting set starts_at = ? where id = ?', Date.now() - 2 * 3_600_000, id);
		expect((await chair.submit(page, 'attendance', { userId: policeId(), attendance: 'present', representedBy: '' })).type).toBe('success');
		expect((await chair.submit(page, 'attendance', { userId: idOf('panel_member'), attendance: 'apologies', representedBy: '' })).type).toBe('success');
		expect((await chair.submit(page, 'attendance', { userId: idOf('chair'), attendance: 'present', representedBy: '' })).type).toBe('success');
		expect((await chair.submit(page, 'circulate', {})).type).toBe('success');

		const notThere = await panel.submit(page, 'respond', { decision: 'confirm', comment: '' });
		expect(notThere.type).toBe('failure');
		expect(notThere.status).toBe(403);
		expect(JSON.stringify(notThere.data)).toContain('Only those who attended the meeting can agree its minutes');
		expect(queryDatabase(server.databasePath, 'select * from meeting_minutes_response where meeting_id = ?', id)).toEqual([]);

		const policeTasks = (await (await police.request('GET', '/api/me/tasks')).json()) as { kind: string }[];
		expect(policeTasks.some((t) => t.kind === 'minutes_to_agree')).toBe(true);
		expect((await police.submit(page, 'respond', { decision: 'confirm', comment: '' })).type).toBe('success');
		expect(queryDatabase<{ agreed_at: number | null }>(server.databasePath, 'select agreed_at from meeting where id = ?', id)[0].agreed_at).toBeNull();
		expect((await chair.submit(page, 'respond', { decision: 'confirm', comment: '' })).type).toBe('success');
		expect(queryDatabase<{ agreed_at: number | null }>(server.databasePath, 'select agreed_at from meeting where id = ?', id)[0].agreed_at).not.toBeNull();

		const minutes = await (await panel.request('GET', `${page}/minutes`)).text();
		expect(minutes).toContain('Agreed');
		expect(minutes).toContain('Confirmed by DS Claire Holt');
		expect((await chair.submit(page, 'reopen', {})).type).toBe('failure');
		const listed = (await (await panel.request('GET', `/api/reviews/${reviewId}/meetings`)).json()) as { id: string; status: string }[];
		expect(listed.find((m) => m.id === id)?.status).toBe('agreed');
	});
});
