import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import { createReviewFixture } from '../../../tests/helpers/review-fixture';
import { createSqliteDocumentStore } from './document-store';
import { changeStoredDocument } from './live-documents';
import { agency, imr } from './db/schema';
import { documentName, type Membership } from '../domain/permissions';
import { removeKeyLine, saveKeyLine } from '../collab/terms-doc';
import { sectionFragmentName } from '../domain/report-template';
import { sendInformationRequests } from './imrs';
import { addAgendaItem, addAgendaLink, createMeeting, findMeeting, listAgenda } from './meetings';
import { linkTargets, type ReviewContext } from './meeting-links';

let fixture: Awaited<ReturnType<typeof createReviewFixture>>;
beforeEach(async () => {
	fixture = await createReviewFixture();
});
afterEach(() => fixture.temp.dispose());

const now = new Date('2024-03-01T10:00:00Z');
const actor = () => ({ userId: fixture.chairId, ipAddress: null });
const chair: Membership = { role: 'chair', agencyId: null };
const panelMember: Membership = { role: 'panel_member', agencyId: null };
const policeRep: Membership = { role: 'agency_rep', agencyId: 'police' };

function change(docName: string, edit: (doc: Y.Doc) => void) {
	changeStoredDocument(createSqliteDocumentStore(fixture.db), { docName, userId: fixture.chairId, change: edit });
}

function paragraph(text: string): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	element.insert(0, [new Y.XmlText(text)]);
	return element;
}

/** Two agencies asked for IMRs: the police's submitted to the panel, health's still a draft. */
function setUp() {
	fixture.db
		.insert(agency)
		.values([
			{ id: 'police', reviewId: fixture.reviewId, name: 'Eastfield Police', kind: 'police' },
			{ id: 'health', reviewId: fixture.reviewId, name: 'Eastfield Health', kind: 'health' }
		])
		.run();
	expect(sendInformationRequests(fixture.db, actor(), fixture.reviewId, { agencyIds: ['police', 'health'], asks: ['imr'], dueOn: '2024-04-01' }, now).ok).toBe(true);
	fixture.db.update(imr).set({ status: 'submitted' }).where(and(eq(imr.reviewId, fixture.reviewId), eq(imr.agencyId, 'police'))).run();
	fixture.db.update(imr).set({ status: 'draft' }).where(and(eq(imr.reviewId, fixture.reviewId), eq(imr.agencyId, 'health'))).run();
	change(documentName({ kind: 'imr', reviewId: fixture.reviewId, agencyId: 'police' }), (doc) => doc.getXmlFragment(sectionFragmentName('involvement')).insert(0, [paragraph('Officers attended four incidents.')]));
	change(documentName({ kind: 'imr', reviewId: fixture.reviewId, agencyId: 'health' }), (doc) => doc.getXmlFragment(sectionFragmentName('involvement')).insert(0, [paragraph('The GP saw Adult Z twice.')]));
	change(documentName({ kind: 'terms', reviewId: fixture.reviewId }), (doc) => {
		saveKeyLine(doc, { id: 'l1', text: 'What did agencies know of the abuse?' });
		saveKeyLine(doc, { id: 'l2', text: 'Was risk assessed?' });
	});
	const created = createMeeting(fixture.db, actor(), fixture.reviewId, { title: 'Panel meeting 2', kind: 'agency_presentations', startsAt: new Date('2024-03-10T10:00:00Z'), link: '' }, now);
	if (!created.ok) throw new Error('meeting');
	const found = findMeeting(fixture.db, fixture.reviewId, created.value.id)!;
	const item = addAgendaItem(fixture.db, actor(), found, { title: 'Police IMR', minutes: 20, presenterId: null }, now);
	if (!item.ok) throw new Error('item');
	return { found, itemId: item.value.id };
}

function context(viewer: Membership | null): ReviewContext {
	return {
		review: { id: fixture.reviewId, victimDateOfBirth: null },
		agencies: [
			{ id: 'police', name: 'Eastfield Police' },
			{ id: 'health', name: 'Eastfield Health' }
		],
		viewer
	};
}

describe('agenda links to key lines of enquiry and IMRs', () => {
	it('links a key line of enquiry, and shows it as removed once it leaves the terms', () => {
		const { found, itemId } = setUp();
		expect(addAgendaLink(fixture.db, actor(), found, context(chair), { itemId, kind: 'key_line', targetId: 'l2' }, now).ok).toBe(true);
		const [link] = listAgenda(fixture.db, found, context(panelMember))[0].links;
		expect(link).toMatchObject({ kind: 'key_line', label: 'Key line of enquiry 2', removed: false, href: `/reviews/${fixture.reviewId}/terms#line-l2`, text: 'Was risk assessed?' });

		change(documentName({ kind: 'terms', reviewId: fixture.reviewId }), (doc) => removeKeyLine(doc, 'l2'));
		const [removed] = listAgenda(fixture.db, found, context(panelMember))[0].links;
		expect(removed).toMatchObject({ label: 'Key line of enquiry 2', removed: true, href: null, text: '' });
	});

	it('refuses a key line that is not in the terms', () => {
		const { found, itemId } = setUp();
		expect(addAgendaLink(fixture.db, actor(), found, context(chair), { itemId, kind: 'key_line', targetId: 'nope' }, now)).toMatchObject({ ok: false, status: 400 });
		expect(listAgenda(fixture.db, found, context(chair))[0].links).toEqual([]);
	});

	it('offers the chair every requested IMR, and anyone else only those the panel has received', () => {
		setUp();
		const forChair = linkTargets(fixture.db, context(chair), ['imr']).get('imr')!;
		expect([...forChair].filter(([, t]) => t.linkable !== false).map(([id]) => id).sort()).toEqual(['health', 'police']);
		const forMember = linkTargets(fixture.db, context(panelMember), ['imr']).get('imr')!;
		expect([...forMember].filter(([, t]) => t.linkable !== false).map(([id]) => id)).toEqual(['police']);
		// Where each stands, never its words (reading an IMR is audited on its own page).
		expect(forMember.get('police')!.text).toBe('Submitted to the panel.');
	});

	it('refuses to link a draft IMR for anyone but the chair', () => {
		const { found, itemId } = setUp();
		expect(addAgendaLink(fixture.db, actor(), found, context(panelMember), { itemId, kind: 'imr', targetId: 'health' }, now)).toMatchObject({ ok: false, status: 400 });
		expect(addAgendaLink(fixture.db, actor(), found, context(chair), { itemId, kind: 'imr', targetId: 'unknown' }, now)).toMatchObject({ ok: false, status: 400 });
		expect(listAgenda(fixture.db, found, context(chair))[0].links).toEqual([]);
	});

	it('never shows an IMR’s words on the agenda, and its address only to those who may read it', () => {
		const { found, itemId } = setUp();
		expect(addAgendaLink(fixture.db, actor(), found, context(chair), { itemId, kind: 'imr', targetId: 'police' }, now).ok).toBe(true);
		expect(addAgendaLink(fixture.db, actor(), found, context(chair), { itemId, kind: 'imr', targetId: 'health' }, now).ok).toBe(true);
		const byAgency = (viewer: Membership | null) => Object.fromEntries(listAgenda(fixture.db, found, context(viewer))[0].links.map((link) => [link.targetId, link]));

		// The chair reads every IMR asked for, the draft included.
		expect(byAgency(chair).health).toMatchObject({ label: 'IMR of Eastfield Health', removed: false, href: `/reviews/${fixture.reviewId}/imrs/health` });
		expect(byAgency(chair).health.text).toBe('Draft.');
		expect(JSON.stringify(byAgency(chair))).not.toContain('The GP saw');

		// A panel member reads the submitted IMR, never the draft: its name and no words, no address.
		const member = byAgency(panelMember);
		expect(member.police).toMatchObject({ href: `/reviews/${fixture.reviewId}/imrs/police`, text: 'Submitted to the panel.' });
		expect(JSON.stringify(member)).not.toContain('Officers attended');
		expect(member.health).toMatchObject({ removed: false, href: null, text: 'Not yet submitted to the panel.' });
		expect(JSON.stringify(member)).not.toContain('The GP saw');

		// The police representative reads their own and the submitted one, not health's draft.
		expect(JSON.stringify(byAgency(policeRep))).not.toContain('The GP saw');
		// No viewer at all: no IMR words.
		expect(JSON.stringify(byAgency(null))).not.toContain('Officers attended');
	});
});
