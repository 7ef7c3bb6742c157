import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitForSync } from '../helpers/collab-client';
import { occurrenceKey } from '../../src/lib/domain/language-dismissal';

let server: RunningServer;
let admin: ApiClient;
let chair: ApiClient;
let panel: ApiClient;
let police: ApiClient;
let health: ApiClient;
let advocate: ApiClient;

beforeAll(async () => {
	server = await startServer();
	[admin, chair, panel, police, health, advocate] = Array.from({ length: 6 }, () => new ApiClient(server.origin));
	await Promise.all([
		admin.signIn('admin@demo.test'),
		chair.signIn('chair@demo.test'),
		panel.signIn('panel@demo.test'),
		police.signIn('police@demo.test'),
		health.signIn('health@demo.test'),
		advocate.signIn('advocate@demo.test')
	]);
});
afterAll(async () => {
	await server.dispose();
});

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** A review with the police and the GP practice, their representatives, the panel member and the family advocate. */
async function reviewWithTwoAgencies(title: string) {
	const id = (await (await admin.request('POST', '/api/reviews', { title, partnership: 'Northmoor CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20', chairEmail: 'chair@demo.test' })).json()).id as string;
	const policeId = (await (await chair.request('POST', `/api/reviews/${id}/agencies`, { name: 'Northmoor Police', kind: 'police' })).json()).id as string;
	const gpId = (await (await chair.request('POST', `/api/reviews/${id}/agencies`, { name: 'Riverside GP Practice', kind: 'health' })).json()).id as string;
	for (const [email, role, agencyId] of [['police@demo.test', 'agency_rep', policeId], ['health@demo.test', 'agency_rep', gpId], ['advocate@demo.test', 'family_advocate', null], ['panel@demo.test', 'panel_member', null]]) {
		expect((await chair.request('POST', `/api/reviews/${id}/members`, { email, role, agencyId })).status).toBe(201);
	}
	return { id, policeId, gpId };
}

/** Writes a paragraph into a report section over the websocket, as an editor in the browser would. */
async function writeParagraph(reviewId: string, section: string, words: string, as = panel) {
	const writer = connectClient(server, `review/${reviewId}/report`, as.cookieHeader());
	await waitForSync(writer);
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(words)]);
	const fragment = writer.doc.getXmlFragment(`section:${section}`);
	fragment.insert(fragment.length, [paragraph]);
	await new Promise((r) => setTimeout(r, 300));
	writer.destroy();
}

const nameVersion = async (reviewId: string, name: string) => (await (await chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name })).json()).id as string;

describe('a dispute stays a dispute until the chair answers it', () => {
	it('the GP practice disputes; an unrelated edit over the websocket; the API, the chair’s page and the refusal to finalise still name the dispute', async () => {
		const { id, policeId, gpId } = await reviewWithTwoAgencies('DHR Dispute kept');
		await writeParagraph(id, 'analysis', 'The GP practice saw her twice in May.');
		const versionId = await nameVersion(id, 'For sign-off');
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/round`, { versionId })).status).toBe(201);
		expect((await police.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: policeId, versionId, decision: 'confirm' })).status).toBe(201);
		const reason = 'Our two home visits in May are missing.';
		expect((await health.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: gpId, versionId, decision: 'dispute', reason })).status).toBe(201);

		// Someone edits a paragraph that has nothing to do with the GP practice.
		await writeParagraph(id, 'conclusions', 'The panel met four times.');

		const matrix = await (await chair.request('GET', `/api/reviews/${id}/signoffs`)).json();
		const status = (agencyId: string) => matrix.agencies.find((a: { agencyId: string }) => a.agencyId === agencyId).status;
		expect(status(gpId)).toBe('disputed');
		// Only the confirmation went out of date with its words.
		expect(status(policeId)).toBe('stale');

		const page = await (await chair.request('GET', `/reviews/${id}/signoff`)).text();
		expect(page).toContain('Disputes to answer');
		expect(page).toContain('data-testid="dispute-Riverside GP Practice"');
		expect(page).toContain(reason);
		expect(page).toContain('The report has changed since; the dispute stands until you answer it.');

		const refused = await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'final' });
		expect(refused.status).toBe(409);
		const outstanding = (await refused.json()).outstanding as { agencyId: string | null; message: string }[];
		expect(outstanding.find((b) => b.agencyId === gpId)?.message).toBe('disputes the report and the chair has not answered');
		expect(outstanding.find((b) => b.agencyId === policeId)?.message).toBe('confirmed an earlier text and needs to confirm the current one');

		// The chair answers: the GP practice is told, and the dispute leaves the list.
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/answer`, { agencyId: gpId, kind: 'changed', note: 'Both visits are now in the analysis.' })).status).toBe(201);
		const after = await (await chair.request('GET', `/reviews/${id}/signoff`)).text();
		expect(after).not.toContain('data-testid="dispute-Riverside GP Practice"');
		const blockers = (await (await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'final' })).json()).outstanding as { agencyId: string | null; message: string }[];
		expect(blockers.find((b) => b.agencyId === gpId)?.message).toMatch(/^disputed the report; the chair changed the text/);

		const told = query<{ kind: string; user_id: string; link: string }>('select kind, user_id, link from notification where review_id = ? order by created_at', id);
		const healthUser = query<{ id: string }>("select id from user where email = 'health@demo.test'")[0].id;
		const policeUser = query<{ id: string }>("select id from user where email = 'police@demo.test'")[0].id;
		expect(told.filter((n) => n.kind === 'signoff_requested').map((n) => n.user_id).sort()).toEqual([healthUser, policeUser].sort());
		expect(told.filter((n) => n.kind === 'dispute_answered')).toEqual([{ kind: 'dispute_answered', user_id: healthUser, link: `/reviews/${id}/signoff/${gpId}` }]);
	});
});

describe('warning before the report’s words leave the panel', () => {
	it('opening a round with open language flags answers 409 with the list until the chair confirms; kept wordings do not count; the choice is recorded', async () => {
		const { id } = await reviewWithTwoAgencies('DHR Open flags');
		await writeParagraph(id, 'analysis', 'She declined to engage with the IDVA.');
		const versionId = await nameVersion(id, 'Flagged draft');

		const warned = await chair.request('POST', `/api/reviews/${id}/signoffs/round`, { versionId });
		expect(warned.status).toBe(409);
		const body = await warned.json();
		expect(body.error).toMatch(/One wording flagged by the language check is still open/);
		expect(body.openFlags).toEqual([expect.objectContaining({ sectionKey: 'analysis', sectionTitle: 'Analysis', text: 'declined to engage', category: 'victim-blaming' })]);
		expect(body.openFlags[0].why.length).toBeGreaterThan(10);
		expect((await (await chair.request('GET', `/api/reviews/${id}/signoffs`)).json()).round).toBeNull();

		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/round`, { versionId, confirmOpenFlags: true })).status).toBe(201);
		const opened = query<{ detail: string }>("select detail from audit_event where review_id = ? and action = 'signoff.round_opened'", id);
		expect(opened.map((row) => JSON.parse(row.detail).openFlags)).toEqual([1]);
		expect(await (await chair.request('GET', `/reviews/${id}/signoff/record`)).text()).toContain('The chair opened it with one language flag still open.');

		// Sharing the same version with the family asks again, through the page's form.
		const share = await chair.submit(`/reviews/${id}/signoff`, 'share', { versionId });
		expect(share.status).toBe(409);
		expect((share.data?.openFlags as { text: string }[]).map((f) => f.text)).toEqual(['declined to engage']);
		expect(query('select id from family_share where review_id = ?', id)).toEqual([]);
		expect((await chair.submit(`/reviews/${id}/signoff`, 'share', { versionId, confirmOpenFlags: 'yes' })).type).toBe('success');
		const shared = query<{ detail: string }>("select detail from audit_event where review_id = ? and action = 'family.shared'", id);
		expect(shared.map((row) => JSON.parse(row.detail).openFlags)).toEqual([1]);

		// A panel member keeps the wording with a reason: the next round opens without asking.
		const key = occurrenceKey('declined-to-engage', 0, 'She declined to engage with the IDVA.');
		expect((await panel.submit(`/reviews/${id}/report`, 'dismissFlag', { occurrenceKey: key, termId: 'declined-to-engage', key: 'analysis', reason: 'Her own words, quoted by the IDVA.' })).type).toBe('success');
		const kept = await nameVersion(id, 'Wording kept');
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/round`, { versionId: kept })).status).toBe(201);

		// "The report as it is now" asks before naming anything, so "not yet" leaves no version behind.
		await writeParagraph(id, 'lessons', 'The GP should have known.');
		const versionsBefore = query('select id from report_version where review_id = ?', id).length;
		const now = await chair.submit(`/reviews/${id}/signoff`, 'openRound', { versionId: 'now' });
		expect(now.status).toBe(409);
		expect((now.data?.openFlags as { sectionTitle: string; text: string }[]).map((f) => `${f.sectionTitle}: ${f.text}`)).toEqual(['Lessons to be learnt: should have known']);
		expect(query('select id from report_version where review_id = ?', id)).toHaveLength(versionsBefore);
		expect((await chair.submit(`/reviews/${id}/signoff`, 'openRound', { versionId: 'now', confirmOpenFlags: 'yes' })).type).toBe('success');
		expect(query('select id from report_version where review_id = ?', id)).toHaveLength(versionsBefore + 1);
	});
});

describe('a final report is read-only, from the one permission decision', () => {
	it('every route that would change the report answers 409 once it is final, and works again once reopened', async () => {
		const { id, policeId, gpId } = await reviewWithTwoAgencies('DHR Final read-only');
		await writeParagraph(id, 'analysis', 'Northmoor Police attended twice.');
		const versionId = await nameVersion(id, 'Final draft');
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/round`, { versionId })).status).toBe(201);
		expect((await police.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: policeId, versionId, decision: 'confirm' })).status).toBe(201);
		expect((await health.request('POST', `/api/reviews/${id}/signoffs`, { agencyId: gpId, versionId, decision: 'confirm' })).status).toBe(201);
		expect((await chair.submit(`/reviews/${id}/signoff`, 'share', { versionId })).type).toBe('success');
		const shareId = query<{ id: string }>('select id from family_share where review_id = ?', id)[0].id;
		const comment = (await (await panel.request('POST', `/api/reviews/${id}/report/comments`, { sectionKey: 'analysis', body: 'Twice or three times?' })).json()).id as string;
		expect((await chair.submit(`/reviews/${id}/signoff`, 'familyNotSeen', { reason: 'The family asked not to be contacted again.' })).type).toBe('success');
		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'final' })).status).toBe(204);

		const final = 'The report is final and cannot change. Only the chair can reopen it.';
		const post = await panel.request('POST', `/api/reviews/${id}/report/comments`, { sectionKey: 'analysis', body: 'Late' });
		expect(post.status).toBe(409);
		expect((await post.json()).error).toBe(final);
		expect((await panel.request('PATCH', `/api/reviews/${id}/report/comments/${comment}`, { body: 'Changed' })).status).toBe(409);
		expect((await panel.request('DELETE', `/api/reviews/${id}/report/comments/${comment}`)).status).toBe(409);
		expect((await chair.submit(`/reviews/${id}/report`, 'addSection', { title: 'Late section', part: 'overview' })).status).toBe(409);
		expect((await chair.submit(`/reviews/${id}/report`, 'addTerm', { phrase: 'kicked off', why: 'Minimises.', suggestion: '' })).status).toBe(409);
		expect((await advocate.submit(`/reviews/${id}/family`, 'comment', { shareId, kind: 'comment', body: 'The family thanks the panel.' })).status).toBe(409);
		// Role refusals still say it is the role (403), not the stage.
		expect((await police.submit(`/reviews/${id}/report`, 'addSection', { title: 'x', part: 'overview' })).status).toBe(403);
		// Reading, and contact with the family, go on.
		expect((await panel.request('GET', `/api/reviews/${id}/report/comments`)).status).toBe(200);
		expect((await advocate.submit(`/reviews/${id}/family`, 'contact', { 'contact-contactDate-day': '1', 'contact-contactDate-month': '2', 'contact-contactDate-year': '2026', through: 'The advocate, by phone', summary: 'Publication date discussed.', publication: '' })).type).toBe('success');

		expect((await chair.request('POST', `/api/reviews/${id}/signoffs/stage`, { stage: 'draft', reason: 'The inquest found new facts.' })).status).toBe(204);
		expect((await panel.request('POST', `/api/reviews/${id}/report/comments`, { sectionKey: 'analysis', body: 'Now we can.' })).status).toBe(201);
	});
});
