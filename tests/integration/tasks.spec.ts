/**
 * "What needs me" and mentions (issue 14) against the real server: each kind of task
 * reaches the right person only through GET /api/me/tasks, and leaves when it is done;
 * mentions are stored and told through the outbox, or refused with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitForSync } from '../helpers/collab-client';

interface Task {
	kind: string;
	reviewId: string;
	reviewTitle: string;
	why: string;
	since: string;
	dueOn?: string;
	link: string;
}

let server: RunningServer;
const people: Record<string, ApiClient> = {};
let reviewId: string;
const agencyIds: Record<string, string> = {};
const userIds: Record<string, string> = {};

async function tasksOf(who: string): Promise<Task[]> {
	const response = await people[who].request('GET', '/api/me/tasks');
	expect(response.status).toBe(200);
	return response.json();
}

const ofKind = async (who: string, kind: string) => (await tasksOf(who)).filter((task) => task.kind === kind);

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

beforeAll(async () => {
	server = await startServer();
	for (const who of ['admin', 'chair', 'panel', 'police', 'health', 'advocate', 'moderator']) {
		people[who] = new ApiClient(server.origin);
		expect((await people[who].signIn(`${who}@demo.test`)).status).toBe(200);
	}
	reviewId = (await (await people.chair.request('GET', '/api/reviews')).json())[0].id;
	const overview = await (await people.chair.request('GET', `/api/reviews/${reviewId}`)).json();
	for (const agency of overview.agencies) agencyIds[agency.name] = agency.id;
	for (const member of overview.members) userIds[member.name] = member.userId;
});
afterAll(async () => {
	await server.dispose();
});

describe('GET /api/me/tasks', () => {
	it('asks for a sign-in, and gives the admin no review tasks', async () => {
		expect((await new ApiClient(server.origin).request('GET', '/api/me/tasks')).status).toBe(401);
		expect(await tasksOf('admin')).toEqual([]);
	});

	it('tells the chair, and only the chair, which agencies have no representative', async () => {
		const [task] = await ofKind('chair', 'agencies_without_representative');
		expect(task).toMatchObject({ reviewId, reviewTitle: 'Adult A', link: `/reviews/${reviewId}/members` });
		expect(task.why).toMatch(/^4 of 6 agencies have no representative: /);
		expect(task.why).toContain('Northmoor Homes');
		expect(task.why).not.toContain('Northmoor Police');
		for (const who of ['panel', 'police', 'moderator', 'advocate']) expect(await ofKind(who, 'agencies_without_representative')).toEqual([]);
	});

	it('an invitation to a learning event waits for the invited until they acknowledge its ground rules', async () => {
		const [event] = await (await people.police.request('GET', `/api/reviews/${reviewId}/events`)).json();
		const [task] = await ofKind('police', 'learning_event');
		expect(task).toMatchObject({ link: `/reviews/${reviewId}/events/${event.id}` });
		expect(task.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(await ofKind('health', 'learning_event')).toHaveLength(1);
		// Not invited: the chair and the moderator run it; the advocate never sees events.
		for (const who of ['chair', 'moderator', 'advocate']) expect(await ofKind(who, 'learning_event')).toEqual([]);

		const acknowledged = await people.police.submit(`/reviews/${reviewId}/events/${event.id}`, 'acknowledge', {});
		expect(acknowledged.type).not.toBe('failure');
		expect(await ofKind('police', 'learning_event')).toEqual([]);
		expect(await ofKind('health', 'learning_event')).toHaveLength(1);
	});

	it('a timescale due within 14 days reaches the chair of that review only, and a deleted review gives nothing', async () => {
		const notified = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
		const created = await people.admin.request('POST', '/api/reviews', { title: 'Adult Q', partnership: 'Northmoor CSP', dateOfDeath: notified, notifiedOn: notified, decisionOn: null, chairEmail: 'chair@demo.test' });
		expect(created.status).toBe(201);
		const { id } = await created.json();
		const [task] = (await ofKind('chair', 'timescale')).filter((t) => t.reviewId === id);
		expect(task).toMatchObject({ reviewTitle: 'Adult Q', link: `/reviews/${id}/timescales` });
		expect(task.why).toMatch(/^Decision to hold a review is due on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
		for (const who of ['panel', 'police']) expect((await tasksOf(who)).some((t) => t.reviewId === id)).toBe(false);

		// After retention deletion the review's material is gone: so are its tasks.
		const db = new Database(server.databasePath);
		db.prepare('update review set material_deleted_at = ? where id = ?').run(Date.now(), id);
		db.close();
		expect((await tasksOf('chair')).some((t) => t.reviewId === id)).toBe(false);
	});
});

describe('mentions and replies', () => {
	let threadId: string;

	it('a member mentioned gets a task and a message in the outbox; it leaves once they read the thread', async () => {
		const mentionable = await (await people.panel.request('GET', `/api/reviews/${reviewId}/report/mentionable`)).json();
		const names = mentionable.map((m: { name: string }) => m.name);
		expect(names).toContain('DS Claire Holt');
		expect(names).not.toContain('Jo Lindqvist');
		expect(names).not.toContain('Sam Okafor (DHR co-ordinator)');

		const posted = await people.panel.request('POST', `/api/reviews/${reviewId}/report/comments`, { sectionKey: 'analysis', body: '@DS Claire Holt could you check this against the custody record?', quote: 'custody' });
		expect(posted.status).toBe(201);
		threadId = (await posted.json()).id;

		const [task] = await ofKind('police', 'mention');
		expect(task).toMatchObject({ reviewId, link: `/reviews/${reviewId}/report#comment-${threadId}` });
		expect(task.why).toBe('Tom Adeyemi mentioned you in a comment on the report.');
		expect(task.why).not.toContain('custody');
		for (const who of ['chair', 'health', 'panel']) expect(await ofKind(who, 'mention')).toEqual([]);

		expect(query('select user_id as userId from comment_mention where comment_id = ?', threadId)).toEqual([{ userId: userIds['DS Claire Holt'] }]);
		const outbox = query<{ userId: string; kind: string; link: string; dedupeKey: string }>('select user_id as userId, kind, link, dedupe_key as dedupeKey from notification where kind = ?', 'mention');
		expect(outbox).toEqual([{ userId: userIds['DS Claire Holt'], kind: 'mention', link: `/reviews/${reviewId}/report#comment-${threadId}`, dedupeKey: `mention:${threadId}:${userIds['DS Claire Holt']}` }]);

		// Someone else cannot mark it read for her; her own reading does.
		expect((await people.police.request('POST', `/api/reviews/${reviewId}/report/comments/no-such-thread/read`)).status).toBe(404);
		expect((await people.advocate.request('POST', `/api/reviews/${reviewId}/report/comments/${threadId}/read`)).status).toBe(403);
		expect((await people.police.request('POST', `/api/reviews/${reviewId}/report/comments/${threadId}/read`)).status).toBe(204);
		expect(await ofKind('police', 'mention')).toEqual([]);
	});

	it('a mention of the family advocate or of a non-member is refused with the reason, and nothing is stored', async () => {
		const before = query<{ n: number }>('select (select count(*) from report_comment) + (select count(*) from comment_mention) + (select count(*) from notification) as n')[0].n;
		const advocate = await people.panel.request('POST', `/api/reviews/${reviewId}/report/comments`, { sectionKey: 'analysis', body: 'Could @Jo Lindqvist ask the family about this?', quote: 'family' });
		expect(advocate.status).toBe(400);
		expect((await advocate.json()).error).toBe('Jo Lindqvist cannot be mentioned: the family advocate sees only what the chair shares with the family, not the report or its comments');

		const adminId = query<{ id: string }>("select id from user where email = 'admin@demo.test'")[0].id;
		const outsider = await people.panel.request('POST', `/api/reviews/${reviewId}/report/comments`, { parentId: threadId, body: 'See this', mentions: [adminId] });
		expect(outsider.status).toBe(400);
		expect((await outsider.json()).error).toBe('Only members of this review can be mentioned');

		const edited = await people.panel.request('PATCH', `/api/reviews/${reviewId}/report/comments/${threadId}`, { body: 'Now @Jo Lindqvist too' });
		expect(edited.status).toBe(400);
		const after = query<{ n: number }>('select (select count(*) from report_comment) + (select count(*) from comment_mention) + (select count(*) from notification) as n')[0].n;
		expect(after).toBe(before);
		expect(query<{ body: string }>('select body from report_comment where id = ?', threadId)[0].body).toContain('@DS Claire Holt');
		expect(await ofKind('advocate', 'mention')).toEqual([]);
	});

	it('a reply notifies the thread’s author, who sees it until they read the thread', async () => {
		const replied = await people.police.request('POST', `/api/reviews/${reviewId}/report/comments`, { parentId: threadId, body: 'Checked: the record agrees.' });
		expect(replied.status).toBe(201);
		const replyId = (await replied.json()).id;
		const outbox = query<{ userId: string; dedupeKey: string }>("select user_id as userId, dedupe_key as dedupeKey from notification where kind = 'comment_reply'");
		expect(outbox).toEqual([{ userId: userIds['Tom Adeyemi'], dedupeKey: `comment_reply:${replyId}:${userIds['Tom Adeyemi']}` }]);

		// The demo's own thread has a reply waiting for the panel member too: this one is about threadId.
		const inThread = async () => (await ofKind('panel', 'comment_reply')).filter((t) => t.link.endsWith(`#comment-${threadId}`));
		const [task] = await inThread();
		expect(task).toMatchObject({ link: `/reviews/${reviewId}/report#comment-${threadId}` });
		expect(task.why).toBe('DS Claire Holt replied to your comment on the report.');
		// Replying is reading: the police representative has nothing waiting in this thread.
		expect((await tasksOf('police')).filter((t) => t.link.endsWith(threadId))).toEqual([]);
		expect(await ofKind('chair', 'comment_reply')).toEqual([]);

		expect((await people.panel.request('POST', `/api/reviews/${reviewId}/report/comments/${threadId}/read`)).status).toBe(204);
		expect(await inThread()).toEqual([]);
	});

	it('a mention added by changing a comment tells only the one newly named', async () => {
		const changed = await people.panel.request('PATCH', `/api/reviews/${reviewId}/report/comments/${threadId}`, { body: '@DS Claire Holt and @Dr Imran Shah, could you both check this?' });
		expect(changed.status).toBe(204);
		expect(await ofKind('health', 'mention')).toHaveLength(1);
		expect(await ofKind('police', 'mention')).toEqual([]);
		expect(query("select user_id as userId from notification where kind = 'mention' order by created_at")).toEqual([{ userId: userIds['DS Claire Holt'] }, { userId: userIds['Dr Imran Shah'] }]);
	});
});

describe('sign-off and the family', () => {
	let versionId: string;

	it('a round asks each agency; a confirmation and an answered dispute leave the lists', async () => {
		// The police confirmed the demo's draft: a change of words first, so their confirmation is out of date.
		const writer = connectClient(server, `review/${reviewId}/report`, people.panel.cookieHeader());
		await waitForSync(writer);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('The panel met with the family in February.')]);
		writer.doc.getXmlFragment('section:involvement').insert(0, [paragraph]);
		await new Promise((r) => setTimeout(r, 500));
		writer.destroy();
		const version = await people.chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: 'Draft for agencies' });
		versionId = (await version.json()).id;
		// The demo's draft keeps one open language flag: the chair has seen it and goes ahead.
		expect((await people.chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId, confirmOpenFlags: true })).status).toBe(201);
		const police = agencyIds['Northmoor Police'];
		const gp = agencyIds['Riverside GP Practice'];

		// The police confirmed the demo's earlier words, so they are asked to look again; the GP practice, never asked before, to confirm.
		expect(await ofKind('police', 'signoff_out_of_date')).toMatchObject([{ link: `/reviews/${reviewId}/signoff/${police}` }]);
		expect(await ofKind('health', 'signoff_requested')).toMatchObject([{ link: `/reviews/${reviewId}/signoff/${gp}` }]);
		expect(await ofKind('panel', 'signoff_requested')).toEqual([]);
		expect((await ofKind('chair', 'signoffs_outstanding'))[0].why).toMatch(/^6 of 6 agencies have not confirmed/);

		expect((await people.police.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: police, versionId, decision: 'confirm' })).status).toBe(201);
		expect(await ofKind('police', 'signoff_out_of_date')).toEqual([]);
		expect((await ofKind('chair', 'signoffs_outstanding'))[0].why).toMatch(/^5 of 6 agencies have not confirmed/);

		expect((await people.health.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: gp, versionId, decision: 'dispute', reason: 'Our contacts in 2019 are missing.' })).status).toBe(201);
		expect(await ofKind('health', 'signoff_requested')).toEqual([]);
		const [dispute] = await ofKind('chair', 'dispute_to_answer');
		expect(dispute).toMatchObject({ link: `/reviews/${reviewId}/signoff` });
		expect(dispute.why).toBe('Riverside GP Practice disputed the report and waits for your answer.');
		expect(await ofKind('police', 'dispute_to_answer')).toEqual([]);

		expect((await people.chair.request('POST', `/api/reviews/${reviewId}/signoffs/answer`, { agencyId: gp, kind: 'disagreement', note: 'The panel keeps its view.' })).status).toBe(201);
		expect(await ofKind('chair', 'dispute_to_answer')).toEqual([]);
		const [answer] = await ofKind('health', 'dispute_answered');
		expect(answer.why).toContain('area of disagreement');
		expect(await ofKind('police', 'dispute_answered')).toEqual([]);
		// Reading the answer on the agency's sign-off page is what clears it.
		expect((await people.health.request('GET', `/reviews/${reviewId}/signoff/${gp}`)).status).toBe(200);
		expect(await ofKind('health', 'dispute_answered')).toEqual([]);
	});

	it('an edit to the report puts the police confirmation out of date', async () => {
		const writer = connectClient(server, `review/${reviewId}/report`, people.panel.cookieHeader());
		await waitForSync(writer);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('The panel met again in March.')]);
		writer.doc.getXmlFragment('section:methodology').insert(0, [paragraph]);
		await new Promise((r) => setTimeout(r, 500));
		writer.destroy();
		const [task] = await ofKind('police', 'signoff_out_of_date');
		expect(task).toMatchObject({ link: `/reviews/${reviewId}/signoff/${agencyIds['Northmoor Police']}` });
	});

	it('a version shared with the family waits for the advocate; the family’s comments wait for the chair', async () => {
		const shared = await people.chair.submit(`/reviews/${reviewId}/signoff`, 'share', { versionId, confirmOpenFlags: 'yes' });
		expect(shared.type).not.toBe('failure');
		const [share] = await ofKind('advocate', 'family_share');
		expect(share.link).toMatch(new RegExp(`^/reviews/${reviewId}/family\\?share=`));
		expect(await ofKind('chair', 'family_share')).toEqual([]);
		expect((await people.advocate.request('GET', share.link)).status).toBe(200);
		expect(await ofKind('advocate', 'family_share')).toEqual([]);

		const shareId = new URL(share.link, server.origin).searchParams.get('share')!;
		const recorded = await people.advocate.submit(`/reviews/${reviewId}/family`, 'comment', { shareId, kind: 'comment', body: 'The family would like the report to mention her work.' });
		expect(recorded.type).not.toBe('failure');
		const [comment] = await ofKind('chair', 'family_comment');
		expect(comment).toMatchObject({ link: `/reviews/${reviewId}/family` });
		expect(comment.why).not.toContain('her work');
		expect(await ofKind('panel', 'family_comment')).toEqual([]);
		expect((await people.chair.request('GET', `/reviews/${reviewId}/family`)).status).toBe(200);
		expect(await ofKind('chair', 'family_comment')).toEqual([]);
	});
});
