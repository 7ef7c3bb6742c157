import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitFor, waitForSync } from '../helpers/collab-client';
import { eventStartFields } from '../helpers/uk-time';
import { queryDatabase } from '../helpers/database';
import { signInAs } from '../helpers/demo-people';

let server: RunningServer;
let admin: ApiClient;
let chair: ApiClient;
let panel: ApiClient;
let police: ApiClient;
let health: ApiClient;
let advocate: ApiClient;

beforeAll(async () => {
	server = await startServer();
	[admin, chair, panel, police, health, advocate] = await signInAs(
		server,
		'admin@demo.test',
		'chair@demo.test',
		'panel@demo.test',
		'police@demo.test',
		'health@demo.test',
		'advocate@demo.test'
	);
});
afterAll(async () => {
	await server.dispose();
});

const query = <T>(sql: string, ...params: unknown[]) => queryDatabase<T>(server.databasePath, sql, ...params);

function count(sql: string, ...params: unknown[]): number {
	return (query<{ n: number }>(sql, ...params)[0]).n;
}

/** Whether a phrase is anywhere in the database file or its WAL, as bytes. */
function inDatabaseBytes(phrase: string): boolean {
	const needle = Buffer.from(phrase, 'utf8');
	return [server.databasePath, `${server.databasePath}-wal`].some((path) => existsSync(path) && readFileSync(path).includes(needle));
}

const documentsOf = (reviewId: string) => `review/${reviewId}/%`;

/** A review taken to a final report: two agencies, a dispute recorded as a disagreement, the family seen. */
async function finalisedReview(title: string, phrase: string, commentPhrase: string) {
	const created = await admin.request('POST', '/api/reviews', { title, partnership: 'Northmoor CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20', chairEmail: 'chair@demo.test' });
	expect(created.status).toBe(201);
	const id = (await created.json()).id as string;
	const policeId = (await (await chair.request('POST', `/api/reviews/${id}/agencies`, { name: 'Northmoor Police', kind: 'police' })).json()).id;
	const gpId = (await (await chair.request('POST', `/api/reviews/${id}/agencies`, { name: 'Riverside GP Practice', kind: 'health' })).json()).id;
	for (const [email, role, agencyId] of [['police@demo.test', 'agency_rep', policeId], ['health@demo.test', 'agency_rep', gpId], ['advocate@demo.test', 'family_advocate', null], ['panel@demo.test', 'panel_member', null]]) {
		expect((await chair.request('POST', `/api/reviews/${id}/members`, { email, role, agencyId })).status).toBe(201);
	}
	// The report says something; the analysis (working material, not part of any version) holds the phrase.
	const writer = connectClient(server, `review/${id}/report`, panel.cookieHeader());
	const analyst = connectClient(server, `review/${id}/analysis`, panel.cookieHeader());
	const reader = connectClient(server, `review/${id}/analysis`, chair.cookieHeader());
	await Promise.all([waitForSync(writer), waitForSync(analyst), waitForSync(reader)]);
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText('Northmoor Police attended twice.')]);
	writer.doc.getXmlFragment('section:analysis').insert(0, [paragraph]);
	analyst.doc.getMap('annotations').set('working-note', phrase);
	// Relayed to another client means stored (the server stores before it relays).
	await waitFor(() => reader.doc.getMap('annotations').get('working-note') === phrase, 5_000, 'the phrase relayed');
	await new Promise((r) => setTimeout(r, 300));
	writer.destroy();
	expect((await chair.request('POST', `/api/reviews/${id}/report/comments`, { sectionKey: 'analysis', body: commentPhrase })).status).toBe(201);
	// A learning event with a guest practitioner invited.
	const planned = await chair.submit(`/reviews/${id}/events`, 'create', { title: 'Practitioner event', kind: 'practitioner', ...eventStartFields(new Date(Date.now() + 86_400_000)) });
	expect(planned.type).toBe('redirect');
	const eventId = planned.location!.split('/').pop()!;
	expect((await chair.submit(`/reviews/${id}/events/${eventId}`, 'inviteGuest', { name: 'Sam Guest', roleTitle: 'Support worker', agencyLabel: 'Northmoor Housing' })).type).toBe('success');

	const versionId = (await (await chair.request('POST', `/api/reviews/${id}/report/versions`, { name: 'Final draft' })).json()).id as string;
	expect((await chair.request('POST', `/api/reviews/${id}/signoffs/round`, { versionId })).status).toBe(201);
	expect((await police.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: policeId, versionId, decision: 'confirm' })).status).toBe(201);
	expect((await health.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: gpId, versionId, decision: 'dispute', reason: 'Our referral is missing.' })).status).toBe(201);
	expect((await chair.request('POST', `/api/reviews/${id}/signoffs/answer`, { agencyId: gpId, kind: 'disagreement', note: 'The referral was not received.' })).status).toBe(201);
	expect((await chair.submit(`/reviews/${id}/signoff`, 'share', { versionId })).type).toBe('success');
	const shareId = query<{ id: string }>('select id from family_share where review_id = ?', id)[0].id;
	expect((await advocate.submit(`/reviews/${id}/family`, 'comment', { shareId, kind: 'comment', body: 'She asked for help twice.' })).type).toBe('success');
	expect((await advocate.submit(`/reviews/${id}/family`, 'seen', { shareId })).type).toBe('success');
	expect((await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'final' })).status).toBe(204);
	return { id, versionId, eventId, analyst, reader };
}

describe('retention and deletion of a review’s working material', () => {
	it('sets a rule, refuses a draft, deletes a final review’s material with open sockets closed, keeps the final report and the audit trail, and leaves no trace of the words in the file', async () => {
		const phrase = 'Zephyrine quokka walked the towpath at 0347';
		const commentPhrase = 'Marigold heron note about the stairwell';
		const demoReviewId = (await (await chair.request('GET', '/api/reviews')).json()).find((r: { title: string }) => r.title === 'Adult A').id as string;
		const otherBefore = {
			updates: count('select count(*) n from doc_update where doc_name like ?', documentsOf(demoReviewId)),
			versions: count('select count(*) n from report_version where review_id = ?', demoReviewId),
			audit: count('select count(*) n from audit_event where review_id = ?', demoReviewId)
		};
		expect(otherBefore.updates).toBeGreaterThan(0);

		// A draft review: the rule can be set, but nothing can be deleted yet.
		const draft = await admin.request('POST', '/api/reviews', { title: 'DHR Draft', partnership: 'Northmoor CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20', chairEmail: 'chair@demo.test' });
		const draftId = (await draft.json()).id as string;
		const page = `/admin/reviews/${draftId}`;
		const badRule = await admin.submit(page, 'setRule', { keepYears: 'seven', note: '' });
		expect(badRule.status).toBe(400);
		expect(JSON.stringify(badRule.data)).toMatch(/whole number/);
		expect((await admin.submit(page, 'setRule', { keepYears: '7', 'publishedOn-day': '3', 'publishedOn-month': '3', 'publishedOn-year': '2024', note: 'Partnership schedule 2024' })).type).toBe('success');
		expect(await (await admin.request('GET', page)).text()).toContain('3 March 2031');
		expect(await (await admin.request('GET', '/admin')).text()).toContain('7 years after publication: deletion due 3 March 2031');
		const refusedDraft = await admin.submit(page, 'deleteMaterial', { confirmTitle: 'DHR Draft', reason: 'Trying too soon', early: 'yes' });
		expect(refusedDraft.status).toBe(409);
		expect(JSON.stringify(refusedDraft.data)).toMatch(/still a draft/);
		expect(count('select count(*) n from review_deletion where review_id = ?', draftId)).toBe(0);
		// Members may not touch retention: it is the co-ordinator's.
		expect((await chair.submit(page, 'setRule', { keepYears: '1', note: '' })).status).toBe(403);

		const { id, versionId, eventId, analyst, reader } = await finalisedReview('DHR Retention', phrase, commentPhrase);
		const retentionPage = `/admin/reviews/${id}`;
		expect((await admin.submit(retentionPage, 'setRule', { keepYears: '6', 'publishedOn-day': '1', 'publishedOn-month': '2', 'publishedOn-year': '2026', note: '' })).type).toBe('success');

		expect(inDatabaseBytes(phrase)).toBe(true);
		expect(inDatabaseBytes(commentPhrase)).toBe(true);
		const auditBefore = query<{ id: number; action: string }>('select id, action from audit_event where review_id = ? order by id', id);
		expect(auditBefore.map((row) => row.action)).toContain('signoff.finalised');
		expect(count('select count(*) n from doc_update where doc_name like ?', documentsOf(id))).toBeGreaterThan(0);

		// Wrong title, and before the due date without saying it is early: refused, nothing changes.
		const wrongTitle = await admin.submit(retentionPage, 'deleteMaterial', { confirmTitle: 'DHR retention', reason: 'Retention period over', early: 'yes' });
		expect(wrongTitle.status).toBe(400);
		expect(JSON.stringify(wrongTitle.data)).toMatch(/exactly as shown/);
		const notEarly = await admin.submit(retentionPage, 'deleteMaterial', { confirmTitle: 'DHR Retention', reason: 'Retention period over' });
		expect(notEarly.status).toBe(400);
		expect(JSON.stringify(notEarly.data)).toMatch(/not due yet/);
		expect(analyst.closes).toEqual([]);

		const deleted = await admin.submit(retentionPage, 'deleteMaterial', { confirmTitle: 'DHR Retention', reason: 'The partnership asked for early deletion after publication.', early: 'yes' });
		expect(deleted.type).toBe('success');

		// Open sockets to the review's documents were closed, and reconnecting is refused.
		await waitFor(() => analyst.closes.some((c) => c.code === 4410) && reader.closes.some((c) => c.code === 4410), 5_000, 'the deletion close');
		analyst.destroy();
		reader.destroy();
		const again = await rawSocket(server, `review/${id}/analysis`, panel.cookieHeader());
		expect(await again.closed).toEqual({ code: 4410, reason: 'The working material of this review was deleted' });
		await new Promise((r) => setTimeout(r, 300));

		for (const table of ['doc_update', 'doc_snapshot', 'doc_mark', 'doc_client']) {
			expect(count(`select count(*) n from ${table} where doc_name like ?`, documentsOf(id)), table).toBe(0);
		}
		for (const table of ['report_comment', 'report_visit', 'family_share', 'family_comment', 'family_contact', 'learning_event', 'language_dismissal', 'language_term']) {
			expect(count(`select count(*) n from ${table} where review_id = ?`, id), table).toBe(0);
		}
		// The final report version stays, and only it.
		expect(query<{ id: string }>('select id from report_version where review_id = ?', id)).toEqual([{ id: versionId }]);
		// The review's record and sign-off state stay.
		const [row] = query<{ title: string; material_deleted_at: number }>('select title, material_deleted_at from review where id = ?', id);
		expect(row.title).toBe('DHR Retention');
		expect(row.material_deleted_at).toBeGreaterThan(0);
		expect(query<{ state: string }>('select state from signoff_state where review_id = ?', id)[0].state).toContain('"stage":"final"');
		// The audit trail: every earlier row, and one more for the deletion.
		const auditAfter = query<{ id: number; action: string; detail: string }>('select id, action, detail from audit_event where review_id = ? order by id', id);
		expect(auditAfter.slice(0, auditBefore.length).map((r) => r.id)).toEqual(auditBefore.map((r) => r.id));
		const deletionAudit = auditAfter.find((r) => r.action === 'review.material_deleted')!;
		expect(JSON.parse(deletionAudit.detail)).toMatchObject({ early: true, keptVersionId: versionId, removed: { documents: expect.any(Number) } });
		// The tombstone.
		const [tombstone] = query<{ removed: string; kept: string; reason: string; deleted_by: string }>('select removed, kept, reason, deleted_by from review_deletion where review_id = ?', id);
		const removed = JSON.parse(tombstone.removed) as Record<string, number>;
		expect(removed.documents).toBeGreaterThanOrEqual(2);
		expect(removed.documentUpdates).toBeGreaterThan(0);
		expect(removed.familyShares).toBe(1);
		expect(removed.familyComments).toBe(1);
		expect(removed.comments).toBe(1);
		expect(removed.learningEvents).toBe(1);
		expect(removed.eventInvitations).toBe(1);
		expect(count('select count(*) n from event_invitation where event_id = ?', eventId)).toBe(0);
		expect(removed.reportVersions).toBe(0);
		expect(tombstone.kept).toMatch(/final report \(version “Final draft”\).*audit trail/);
		expect(tombstone.reason).toBe('The partnership asked for early deletion after publication.');

		// The words are gone from the file and its WAL.
		expect(inDatabaseBytes(phrase)).toBe(false);
		expect(inDatabaseBytes(commentPhrase)).toBe(false);

		// Members see what happened; the material's pages and APIs answer 410; the admin sees the tombstone.
		const overview = await (await chair.request('GET', `/reviews/${id}`)).text();
		expect(overview).toContain('The working material of this review was deleted under its retention rule.');
		expect(overview).toContain('by Sam Okafor');
		const reportPage = await chair.request('GET', `/reviews/${id}/report`);
		expect(reportPage.status).toBe(410);
		expect(await reportPage.text()).toContain('This has been deleted');
		expect((await chair.request('GET', `/reviews/${id}/chronology`)).status).toBe(410);
		expect((await chair.request('GET', `/reviews/${id}/events/${eventId}`)).status).toBe(410);
		expect((await panel.request('POST', `/api/reviews/${id}/events/${eventId}/contributions`, { text: 'Late', prompt: 'helped' })).status).toBe(410);
		// A non-member learns nothing: the same 404 as ever.
		const outsider = new ApiClient(server.origin);
		await outsider.signIn('moderator@demo.test');
		expect((await outsider.request('GET', `/api/reviews/${id}/chronology`)).status).toBe(404);
		const api = await panel.request('GET', `/api/reviews/${id}/chronology`);
		expect(api.status).toBe(410);
		expect((await api.json()).error).toMatch(/deleted under its retention rule/);
		expect((await chair.request('GET', `/reviews/${id}/audit`)).status).toBe(200);
		expect((await (await chair.request('GET', `/api/reviews/${id}`)).json()).materialDeletedAt).not.toBeNull();
		const adminPage = await (await admin.request('GET', retentionPage)).text();
		expect(adminPage).toContain('Working material deleted');
		expect(adminPage).toContain('The partnership asked for early deletion after publication.');
		expect(adminPage).toContain('Working material deleted under the retention rule');
		expect(adminPage).toContain('before the retention period ended');
		expect((await admin.submit(retentionPage, 'deleteMaterial', { confirmTitle: 'DHR Retention', reason: 'Again', early: 'yes' })).status).toBe(409);

		// Other reviews are untouched.
		expect(count('select count(*) n from doc_update where doc_name like ?', documentsOf(demoReviewId))).toBe(otherBefore.updates);
		expect(count('select count(*) n from report_version where review_id = ?', demoReviewId)).toBe(otherBefore.versions);
		expect(count('select count(*) n from audit_event where review_id = ?', demoReviewId)).toBeGreaterThanOrEqual(otherBefore.audit);
		const demoClient = connectClient(server, `review/${demoReviewId}/analysis`, chair.cookieHeader());
		await waitForSync(demoClient);
		demoClient.destroy();
	});
});
