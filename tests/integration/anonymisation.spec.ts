import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitForSync } from '../helpers/collab-client';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let moderator: ApiClient;
let police: ApiClient;
let advocate: ApiClient;
let reviewId: string;

beforeAll(async () => {
	server = await startServer();
	[chair, panel, moderator, police, advocate] = [0, 1, 2, 3, 4].map(() => new ApiClient(server.origin));
	await chair.signIn('chair@demo.test');
	await panel.signIn('panel@demo.test');
	await moderator.signIn('moderator@demo.test');
	await police.signIn('police@demo.test');
	await advocate.signIn('advocate@demo.test');
	reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
});
afterAll(async () => {
	await server.dispose();
});

const register = () => `/api/reviews/${reviewId}/pseudonyms`;

describe('"Not identifying"', () => {
	it('is recorded with its reason, audited without it (it quotes the words found), and refuses keys that are not ours', async () => {
		const path = `/api/reviews/${reviewId}/anonymisation/dismissals`;
		const reason = 'Castleford Road here is the name of a bus route, not where anyone lived.';
		expect((await chair.request('POST', path, { occurrenceKey: 'analysis:abc123', kind: 'address', sectionKey: 'analysis', reason })).status).toBe(201);
		expect((await chair.request('POST', path, { occurrenceKey: '', kind: 'address', sectionKey: 'analysis', reason })).status).toBe(400);
		expect((await police.request('POST', path, { occurrenceKey: 'analysis:abc124', kind: 'address', sectionKey: 'analysis', reason })).status).toBe(403);
		const db = new Database(server.databasePath, { readonly: true });
		const audit = db.prepare("select detail from audit_event where action = 'anonymisation.finding_dismissed'").all() as { detail: string }[];
		const stored = db.prepare('select reason from anonymisation_dismissal').all() as { reason: string }[];
		db.close();
		expect(audit).toHaveLength(1);
		expect(audit[0].detail).not.toContain('Castleford');
		expect(stored.map((row) => row.reason)).toEqual([reason]);
	});
});

describe('the pseudonym register', () => {
	it('the chair adds, changes and removes entries; each change is audited without the real name', async () => {
		const created = await chair.request('POST', register(), { real: 'Mark Taylor', pseudonym: 'Adult B', kind: 'person', aliases: ['Marky'], choice: 'panel' });
		expect(created.status).toBe(201);
		const { id } = await created.json();
		expect((await chair.request('PATCH', `${register()}/${id}`, { note: 'Agreed at panel meeting 2' })).status).toBe(204);
		const listed = await (await panel.request('GET', register())).json();
		expect(listed.entries).toEqual([expect.objectContaining({ id, real: 'Mark Taylor', pseudonym: 'Adult B', aliases: ['Marky'], note: 'Agreed at panel meeting 2' })]);

		const temporary = await (await chair.request('POST', register(), { real: 'Castleford', pseudonym: 'Town A', kind: 'place' })).json();
		expect((await chair.request('DELETE', `${register()}/${temporary.id}`)).status).toBe(204);
		expect((await chair.request('DELETE', `${register()}/${temporary.id}`)).status).toBe(404);

		const db = new Database(server.databasePath, { readonly: true });
		const audit = db.prepare("select action, detail from audit_event where action like 'pseudonym.%' order by id").all() as { action: string; detail: string }[];
		db.close();
		expect(audit.map((row) => row.action)).toEqual(['pseudonym.added', 'pseudonym.changed', 'pseudonym.added', 'pseudonym.removed']);
		expect(audit.some((row) => String(row.detail).includes('Taylor'))).toBe(false);
	});

	it('panel members and the moderator read; agency representatives and the family advocate get 403; only the chair writes', async () => {
		expect((await moderator.request('GET', register())).status).toBe(200);
		expect((await police.request('GET', register())).status).toBe(403);
		expect((await advocate.request('GET', register())).status).toBe(403);
		expect((await panel.request('POST', register(), { real: 'Joanne Price', pseudonym: 'Adult A', kind: 'person' })).status).toBe(403);
		expect((await police.request('POST', `/api/reviews/${reviewId}/anonymisation/scan`, { text: 'Mark Taylor' })).status).toBe(403);
		expect((await police.request('GET', `/reviews/${reviewId}/pseudonyms`)).status).toBe(403);
	});

	it('refuses bad entries with a plain sentence and stores nothing', async () => {
		const before = (await (await chair.request('GET', register())).json()).entries.length;
		const cases = [
			[{ real: '', pseudonym: 'Adult C', kind: 'person' }, /real name/],
			[{ real: 'Jo', pseudonym: 'Adult C', kind: 'person' }, /at least 3 letters/],
			[{ real: 'Joanne Price', pseudonym: 'Mark Taylor', kind: 'person' }, /real name of another entry/],
			[{ real: 'Joanne Price', pseudonym: ' ', kind: 'person' }, /pseudonym/]
		] as const;
		for (const [body, message] of cases) {
			const answer = await chair.request('POST', register(), body);
			expect(answer.status).toBe(400);
			expect((await answer.json()).error).toMatch(message);
		}
		expect((await (await chair.request('GET', register())).json()).entries.length).toBe(before);
	});
});

describe('the scan and the gate', () => {
	it('the scan answers findings with offsets into the text as sent, through unusual Unicode', async () => {
		const text = 'Seen: Mark\u00A0Taylor\u200F and Dr Okafor; ring 07700 900123.';
		const answer = await panel.request('POST', `/api/reviews/${reviewId}/anonymisation/scan`, { text });
		expect(answer.status).toBe(200);
		const { findings } = await answer.json();
		expect(findings.map((f: { start: number; end: number }) => text.slice(f.start, f.end))).toEqual(['Mark\u00A0Taylor', 'Dr Okafor', '07700 900123']);
		expect(findings[0]).toMatchObject({ kind: 'person', pseudonym: 'Adult B', source: 'register' });
		const tooLong = await panel.request('POST', `/api/reviews/${reviewId}/anonymisation/scan`, { text: 'a'.repeat(1_000_001) });
		expect(tooLong.status).toBe(400);
	});

	it('opening a sign-off round with a real name in the report asks the chair first', async () => {
		const writer = connectClient(server, `review/${reviewId}/report`, panel.cookieHeader());
		await waitForSync(writer);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Marky was released a week earlier.')]);
		const fragment = writer.doc.share.has('section:analysis') ? writer.doc.getXmlFragment('section:analysis') : writer.doc.getXmlFragment([...writer.doc.share.keys()].find((k) => k.startsWith('section:'))!);
		fragment.insert(0, [paragraph]);
		await new Promise((r) => setTimeout(r, 400));
		writer.destroy();
		const { id: versionId } = await (await chair.request('POST', `/api/reviews/${reviewId}/report/versions`, { name: 'For sign-off' })).json();
		const warned = await chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId, confirmOpenFlags: true });
		expect(warned.status).toBe(409);
		const body = await warned.json();
		expect(body.openFindings.some((f: { finding: { text: string; pseudonym: string } }) => f.finding.text === 'Marky' && f.finding.pseudonym === 'Adult B')).toBe(true);
		const confirmed = await chair.request('POST', `/api/reviews/${reviewId}/signoffs/round`, { versionId, confirmOpenFlags: true, confirmOpenFindings: true });
		expect(confirmed.status).toBe(201);
	});
});
