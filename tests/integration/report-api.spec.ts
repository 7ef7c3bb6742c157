import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync } from '../helpers/collab-client';

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
		const row = db.prepare('select state, chronology from report_version where id = ?').get(id) as { state: Buffer; chronology: string };
		db.close();
		// With the integrated chronology's entries as they stood, for sign-off.
		const entries = JSON.parse(row.chronology) as { agencyName: string; summary: string }[];
		expect(entries.length).toBeGreaterThan(0);
		expect(entries.some((entry) => entry.agencyName === 'Northmoor Police' && entry.summary.length > 0)).toBe(true);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, new Uint8Array(row.state));
		expect(doc.getXmlFragment('section:analysis').toString()).toContain('The GP asked about abuse.');
	});
});

describe('report comments', () => {
	it('threads with replies; only the author changes or deletes; the thread’s author or the chair resolves; the family advocate is refused', async () => {
		const started = await panel.request('POST', `/api/reviews/${reviewId}/report/comments`, { sectionKey: 'analysis', body: 'Is this the IDVA’s own wording?', quote: 'declined to engage', anchor: '{"from":null}' });
		expect(started.status).toBe(201);
		const { id } = await started.json();
		expect((await chair.request('POST', `/api/reviews/${reviewId}/report/comments`, { parentId: id, body: 'Yes, from the case notes.' })).status).toBe(201);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/report/comments`, { sectionKey: 'analysis', body: '   ' })).status).toBe(400);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/report/comments`, { parentId: 'nope', body: 'Reply' })).status).toBe(404);

		const threads = await (await chair.request('GET', `/api/reviews/${reviewId}/report/comments`)).json();
		const thread = threads.find((t: { id: string }) => t.id === id);
		expect(thread).toMatchObject({ sectionKey: 'analysis', quote: 'declined to engage', authorName: 'Tom Adeyemi', resolvedAt: null });
		expect(thread.replies).toHaveLength(1);
		expect(thread.replies[0]).toMatchObject({ authorName: 'Helen Marsh', body: 'Yes, from the case notes.' });

		// Only the author edits; the chair may resolve any thread; anyone else is refused.
		expect((await chair.request('PATCH', `/api/reviews/${reviewId}/report/comments/${id}`, { body: 'Changed by someone else' })).status).toBe(403);
		expect((await panel.request('PATCH', `/api/reviews/${reviewId}/report/comments/${id}`, { body: 'Is this the IDVA’s wording?' })).status).toBe(204);
		expect((await chair.request('PATCH', `/api/reviews/${reviewId}/report/comments/${id}`, { resolved: true })).status).toBe(204);
		let after = (await (await panel.request('GET', `/api/reviews/${reviewId}/report/comments`)).json()).find((t: { id: string }) => t.id === id);
		expect(after).toMatchObject({ body: 'Is this the IDVA’s wording?', resolvedByName: 'Helen Marsh' });
		expect((await panel.request('PATCH', `/api/reviews/${reviewId}/report/comments/${id}`, { resolved: false })).status).toBe(204);
		after = (await (await panel.request('GET', `/api/reviews/${reviewId}/report/comments`)).json()).find((t: { id: string }) => t.id === id);
		expect(after.resolvedAt).toBeNull();

		// Others replied, so the thread stays; the reply's author may delete the reply.
		expect((await panel.request('DELETE', `/api/reviews/${reviewId}/report/comments/${id}`)).status).toBe(409);
		expect((await chair.request('DELETE', `/api/reviews/${reviewId}/report/comments/${thread.replies[0].id}`)).status).toBe(204);
		expect((await panel.request('DELETE', `/api/reviews/${reviewId}/report/comments/${id}`)).status).toBe(204);

		expect((await advocate.request('GET', `/api/reviews/${reviewId}/report/comments`)).status).toBe(403);
		expect((await advocate.request('POST', `/api/reviews/${reviewId}/report/comments`, { sectionKey: 'analysis', body: 'Hello' })).status).toBe(403);
	});
});

describe('sign-off rounds and agency decisions', () => {
	it('the police representative confirms the current version for their own agency only; a change of words makes it stale', async () => {
		const police = new ApiClient(server.origin);
		await police.signIn('police@demo.test');
		const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
		const policeId = review.agencies.find((a: { name: string }) => a.name === 'Northmoor Police').id;
		const gpId = review.agencies.find((a: { name: string }) => a.name === 'Riverside GP Practice').id;
		const versionId = (await (await chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: 'For sign-off' })).json()).id;

		expect((await police.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId })).status).toBe(403);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId: 'nope' })).status).toBe(404);
		// The demo's round is on its own draft, which the police confirmed; the words keep one open
		// language flag, which the chair is shown before moving the round to this version.
		const demoRound = await (await chair.request('GET', `/api/reviews/${reviewId}/signoffs`)).json();
		expect(demoRound.round.versionId).not.toBe(versionId);
		const warned = await chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId });
		expect(warned.status).toBe(409);
		expect((await warned.json()).openFlags.map((flag: { label: string }) => flag.label)).toEqual(['declined to engage']);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId, confirmOpenFlags: true })).status).toBe(201);
		expect((await (await chair.request('GET', `/api/reviews/${reviewId}/signoffs`)).json()).agencies.find((a: { agencyId: string }) => a.agencyId === policeId).status).not.toBe('confirmed');

		expect((await police.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: gpId, versionId, decision: 'confirm' })).status).toBe(403);
		const wrongVersion = await police.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: policeId, versionId: 'v0', decision: 'confirm' });
		expect(wrongVersion.status).toBe(409);
		expect((await wrongVersion.json()).error).toMatch(/not the version/);
		expect((await police.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: policeId, versionId, decision: 'dispute' })).status).toBe(400);
		expect((await police.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: policeId, versionId, decision: 'confirm' })).status).toBe(201);

		let matrix = await (await chair.request('GET', `/api/reviews/${reviewId}/signoffs`)).json();
		expect(matrix.round.versionId).toBe(versionId);
		expect(matrix.agencies.find((a: { agencyId: string }) => a.agencyId === policeId)).toMatchObject({ status: 'confirmed', by: 'DS Claire Holt' });
		expect(matrix.agencies.find((a: { agencyId: string }) => a.agencyId === gpId).status).toBe('not_started');

		// Someone changes a word: the confirmation is stale, and confirming that version is refused.
		const writer = connectClient(server, `review/${reviewId}/report`, panel.cookieHeader());
		await waitForSync(writer);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('A new sentence.')]);
		writer.doc.getXmlFragment('section:conclusions').insert(0, [paragraph]);
		await new Promise((r) => setTimeout(r, 300));
		writer.destroy();
		matrix = await (await chair.request('GET', `/api/reviews/${reviewId}/signoffs`)).json();
		expect(matrix.agencies.find((a: { agencyId: string }) => a.agencyId === policeId).status).toBe('stale');
		const stale = await police.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: policeId, versionId, decision: 'confirm' });
		expect(stale.status).toBe(409);
		expect((await stale.json()).error).toMatch(/changed since/);
		expect((await advocate.request('GET', `/api/reviews/${reviewId}/signoffs`)).status).toBe(403);
	});
});

describe('answering disputes, the family and closing', () => {
	it('finalising is refused while a dispute is open and changes nothing; once answered and the family step recorded, the report is final and read-only on the websocket until reopened', async () => {
		const police = new ApiClient(server.origin);
		const health = new ApiClient(server.origin);
		await police.signIn('police@demo.test');
		await health.signIn('health@demo.test');
		const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
		const agencyId = (name: string) => review.agencies.find((a: { name: string }) => a.name === name).id;
		const versionId = (await (await chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: 'Final draft' })).json()).id;
		expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId, confirmOpenFlags: true })).status).toBe(201);
		for (const agency of review.agencies as { id: string; name: string }[]) {
			if (agency.name === 'Riverside GP Practice') continue;
			// The demo has one representative per agency it signs for; the chair cannot sign for an agency.
			expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: agency.id, versionId, decision: 'confirm' })).status).toBe(403);
		}
		expect((await police.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: agencyId('Northmoor Police'), versionId, decision: 'confirm' })).status).toBe(201);
		expect((await health.request('POST', `/api/reviews/${reviewId}/signoffs`, { agencyId: agencyId('Riverside GP Practice'), versionId, decision: 'dispute', reason: 'Two visits are missing.' })).status).toBe(201);

		const before = await (await chair.request('GET', `/api/reviews/${reviewId}/signoffs`)).json();
		const refused = await chair.request('POST', `/api/reviews/${reviewId}/signoffs/stage`, { stage: 'final' });
		expect(refused.status).toBe(409);
		const outstanding = (await refused.json()).outstanding.map((b: { message: string }) => b.message);
		expect(outstanding).toContain('disputes the report and the chair has not answered');
		expect(outstanding).toContain('The family has not seen the final draft, and no reason is recorded.');
		expect(await (await chair.request('GET', `/api/reviews/${reviewId}/signoffs`)).json()).toEqual(before);
		expect((await health.request('POST', `/api/reviews/${reviewId}/signoffs/stage`, { stage: 'final' })).status).toBe(403);

		expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs/answer`, { agencyId: agencyId('Riverside GP Practice'), kind: 'disagreement', note: ' ' })).status).toBe(400);
		expect((await chair.submit(`/reviews/${reviewId}/signoff`, 'answer', { agencyId: agencyId('Riverside GP Practice'), kind: 'disagreement', note: 'x'.repeat(4_001) })).status).toBe(400);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs/answer`, { agencyId: agencyId('Riverside GP Practice'), kind: 'disagreement', note: 'The panel found the visits were recorded elsewhere.' })).status).toBe(201);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/signoffs/answer`, { agencyId: agencyId('Northmoor Police'), kind: 'changed', note: 'x' })).status).toBe(409);

		// Every other agency in the demo still has to confirm: the refusal names them.
		const still = await (await chair.request('POST', `/api/reviews/${reviewId}/signoffs/stage`, { stage: 'final' })).json();
		const others = (review.agencies as { id: string; name: string }[]).filter((a) => !['Northmoor Police', 'Riverside GP Practice'].includes(a.name));
		expect(still.outstanding.map((b: { agencyId: string | null }) => b.agencyId).filter(Boolean).sort()).toEqual(others.map((a) => a.id).sort());
	});

	it('closes a review with two agencies: family seen, final, read-only over the websocket, partnership sign-off, reopened with a reason', async () => {
		const admin = new ApiClient(server.origin);
		const police = new ApiClient(server.origin);
		const health = new ApiClient(server.origin);
		await Promise.all([admin.signIn('admin@demo.test'), police.signIn('police@demo.test'), health.signIn('health@demo.test')]);
		const created = await admin.request('POST', '/api/reviews', { title: 'DHR Closing', partnership: 'Northmoor CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20', chairEmail: 'chair@demo.test' });
		expect(created.status).toBe(201);
		const id = (await created.json()).id;
		const policeId = (await (await chair.request('POST', `/api/reviews/${id}/agencies`, { name: 'Northmoor Police', kind: 'police' })).json()).id;
		const gpId = (await (await chair.request('POST', `/api/reviews/${id}/agencies`, { name: 'Riverside GP Practice', kind: 'health' })).json()).id;
		for (const [email, role, agencyId] of [['police@demo.test', 'agency_rep', policeId], ['health@demo.test', 'agency_rep', gpId], ['advocate@demo.test', 'family_advocate', null], ['panel@demo.test', 'panel_member', null]]) {
			expect((await chair.request('POST', `/api/reviews/${id}/members`, { email, role, agencyId })).status).toBe(201);
		}
		const writer = connectClient(server, `review/${id}/report`, panel.cookieHeader());
		await waitForSync(writer);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Northmoor Police attended twice.')]);
		writer.doc.getXmlFragment('section:analysis').insert(0, [paragraph]);
		await new Promise((r) => setTimeout(r, 300));

		const versionId = (await (await chair.request('POST', `/api/reviews/${id}/report/versions`, { name: 'Final draft' })).json()).id;
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/round`, { versionId })).status).toBe(201);
		expect((await police.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: policeId, versionId, decision: 'confirm' })).status).toBe(201);
		expect((await health.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: gpId, versionId, decision: 'dispute', reason: 'Our referral is missing.' })).status).toBe(201);
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/answer`, { agencyId: gpId, kind: 'disagreement', note: 'The referral was not received.' })).status).toBe(201);

		// The family: the advocate cannot see a version until it is shared, then records that they saw it.
		const familyPage = `/reviews/${id}/family`;
		expect((await advocate.submit(familyPage, 'seen', { shareId: 'not-shared' })).status).toBe(404);
		expect((await chair.submit(`/reviews/${id}/signoff`, 'share', { versionId })).type).toBe('success');
		const shares = new Database(server.databasePath, { readonly: true });
		const shareId = (shares.prepare('select id from family_share where review_id = ?').get(id) as { id: string }).id;
		shares.close();
		expect((await advocate.submit(familyPage, 'comment', { shareId, kind: 'disagreement', body: '' })).status).toBe(400);
		expect((await advocate.submit(familyPage, 'comment', { shareId, kind: 'disagreement', body: 'She did ask for help.' })).type).toBe('success');
		expect((await advocate.submit(familyPage, 'seen', { shareId })).type).toBe('success');
		expect((await advocate.request('GET', `/api/reviews/${id}/report/versions`)).status).toBe(403);

		expect((await admin.submit('/admin', 'partnershipSignoff', { reviewId: id })).status).toBe(409);
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'final' })).status).toBe(204);
		// The open editor is told its access changed, and on reconnecting it may only read.
		await waitFor(() => writer.closes.some((c) => c.code === 4000), 5_000, 'the access-changed close');
		await waitForSync(writer);
		const late = new Y.XmlElement('paragraph');
		late.insert(0, [new Y.XmlText('Written after the report was final.')]);
		writer.doc.getXmlFragment('section:analysis').insert(1, [late]);
		await waitFor(() => writer.closes.some((c) => c.code === 4403), 5_000, 'the read-only refusal');
		writer.destroy();
		const stored = await (await chair.request('GET', `/api/reviews/${id}/signoffs`)).json();
		expect(stored.agencies.map((a: { status: string }) => a.status).sort()).toEqual(['confirmed', 'disputed']);
		expect((await chair.request('POST', `/api/reviews/${id}/report/comments`, { sectionKey: 'analysis', body: 'Late note' })).status).toBe(409);

		expect((await admin.submit('/admin', 'partnershipSignoff', { reviewId: id })).type).toBe('success');
		expect((await admin.submit('/admin', 'partnershipSignoff', { reviewId: id })).status).toBe(409);
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'draft', reason: ' ' })).status).toBe(400);
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'draft', reason: 'The inquest found new facts.' })).status).toBe(204);
		const reopened = await (await chair.request('GET', `/api/reviews/${id}/signoffs`)).json();
		expect(reopened.agencies.map((a: { status: string }) => a.status)).toEqual(['stale', 'stale']);

		const db = new Database(server.databasePath, { readonly: true });
		const actions = (db.prepare('select action from audit_event where review_id = ? order by rowid').all(id) as { action: string }[]).map((r) => r.action);
		db.close();
		for (const action of ['signoff.dispute_answered', 'family.shared', 'family.disagreement_recorded', 'signoff.family_seen', 'signoff.finalised', 'signoff.partnership', 'signoff.reopened']) expect(actions).toContain(action);
	});
});
