import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReviewFixture } from '../../../tests/helpers/review-fixture';
import { createSqliteDocumentStore } from './document-store';
import { changeStoredDocument } from './live-documents';
import { documentName } from '../domain/permissions';
import { saveKeyLine } from '../collab/terms-doc';
import { termsFragmentName } from '../domain/terms-of-reference';
import { sectionFragmentName } from '../domain/report-template';
import { agreeTerms, copyAgreedTermsToReport, linkAnswer, loadTermsAgreement, reportPassages, termsOfReferenceFacts } from './terms';
import { createMeeting, decisionLog } from './meetings';
import { auditEvent, meeting } from './db/schema';
import { eq } from 'drizzle-orm';
import { readReportDocument, reportSections } from './report';
import { recordDecision } from './review-start';

let fixture: Awaited<ReturnType<typeof createReviewFixture>>;
beforeEach(async () => {
	fixture = await createReviewFixture();
});
afterEach(() => fixture.temp.dispose());

function paragraph(text: string): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	element.insert(0, [new Y.XmlText(text)]);
	return element;
}

function writeTerms(change: (doc: Y.Doc) => void) {
	changeStoredDocument(createSqliteDocumentStore(fixture.db), { docName: documentName({ kind: 'terms', reviewId: fixture.reviewId }), userId: fixture.chairId, change });
}

function writeReport(change: (doc: Y.Doc) => void) {
	reportSections(fixture.db, fixture.reviewId);
	changeStoredDocument(createSqliteDocumentStore(fixture.db), { docName: documentName({ kind: 'report', reviewId: fixture.reviewId }), userId: fixture.chairId, change });
}

const actor = () => ({ userId: fixture.chairId, ipAddress: null });

describe('the terms of reference', () => {
	it('termsOfReferenceFacts gives the agreement date and which key lines a report passage answers', () => {
		writeTerms((doc) => {
			saveKeyLine(doc, { id: 'l1', text: 'What did agencies know?' });
			saveKeyLine(doc, { id: 'l2', text: 'Was risk assessed?' });
		});
		writeReport((doc) => doc.getXmlFragment(sectionFragmentName('analysis')).insert(0, [paragraph('The police knew of three incidents.')]));
		expect(termsOfReferenceFacts(fixture.db, fixture.reviewId)).toEqual({
			agreedOn: null,
			keyLinesOfEnquiry: [
				{ id: 'l1', text: 'What did agencies know?', answered: false },
				{ id: 'l2', text: 'Was risk assessed?', answered: false }
			]
		});
		const passage = reportPassages(fixture.db, fixture.reviewId).find((p) => p.sectionKey === 'analysis')!;
		expect(linkAnswer(fixture.db, actor(), fixture.reviewId, { lineId: 'l1', sectionKey: 'analysis', index: passage.index }).ok).toBe(true);
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '2024-02-01', meeting: 'Panel meeting 1' }, '2024-06-01').ok).toBe(true);
		const facts = termsOfReferenceFacts(fixture.db, fixture.reviewId);
		expect(facts.agreedOn).toBe('2024-02-01');
		expect(facts.keyLinesOfEnquiry.map((line) => line.answered)).toEqual([true, false]);
	});

	it('refuses a link to a line that is not in the terms, and changes nothing', () => {
		writeReport((doc) => doc.getXmlFragment(sectionFragmentName('analysis')).insert(0, [paragraph('Words.')]));
		const outcome = linkAnswer(fixture.db, actor(), fixture.reviewId, { lineId: 'nope', sectionKey: 'analysis', index: 0 });
		expect(outcome.ok).toBe(false);
	});

	it('cannot be agreed without a key line of enquiry, before the notification, or once the record is closed', () => {
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '2024-02-01', meeting: 'Panel meeting 1' }, '2024-06-01')).toMatchObject({ ok: false, status: 400 });
		writeTerms((doc) => saveKeyLine(doc, { id: 'l1', text: 'What did agencies know?' }));
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '2024-01-05', meeting: 'Panel meeting 1' }, '2024-06-01')).toMatchObject({ ok: false, status: 400 });
		recordDecision(fixture.db, actor(), fixture.reviewId, { outcome: 'no_review', reasons: 'Not a domestic death', decidedBy: 'CSP chair', decidedOn: '2024-01-20' });
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '2024-02-01', meeting: 'Panel meeting 1' }, '2024-06-01')).toMatchObject({ ok: false, status: 409 });
		expect(termsOfReferenceFacts(fixture.db, fixture.reviewId).agreedOn).toBeNull();
	});

	it('puts the terms as agreed into the report’s section, not later edits', () => {
		expect(copyAgreedTermsToReport(fixture.db, actor(), fixture.reviewId)).toMatchObject({ ok: false, status: 409 });
		writeTerms((doc) => {
			doc.getXmlFragment(termsFragmentName('period')).insert(0, [paragraph('From January 2019 to the death.')]);
			saveKeyLine(doc, { id: 'l1', text: 'What did agencies know?' });
		});
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '2024-02-01', meeting: 'Panel meeting 1' }, '2024-06-01').ok).toBe(true);
		writeTerms((doc) => saveKeyLine(doc, { id: 'l2', text: 'Added after the meeting' }));
		expect(copyAgreedTermsToReport(fixture.db, actor(), fixture.reviewId).ok).toBe(true);
		const report = readReportDocument(fixture.db, fixture.reviewId);
		const text = report.getXmlFragment(sectionFragmentName('terms-of-reference')).toString();
		report.destroy();
		expect(text).toContain('Period under review');
		expect(text).toContain('From January 2019 to the death.');
		expect(text).toContain('What did agencies know?');
		expect(text).not.toContain('Added after the meeting');
	});
});

describe('the terms agreed at one of the review’s meetings', () => {
	const meetingAt = (startsAt: string, title = 'Panel meeting 1') => {
		const created = createMeeting(fixture.db, actor(), fixture.reviewId, { title, kind: 'terms', startsAt: new Date(startsAt), link: '' }, new Date('2024-01-15T09:00:00Z'));
		if (!created.ok) throw new Error('meeting');
		return created.value.id;
	};
	const auditActions = () => fixture.db.select({ action: auditEvent.action }).from(auditEvent).all().map((row) => row.action);

	it('records “The panel agreed the terms of reference” in the meeting’s decisions, on the meeting’s day', () => {
		writeTerms((doc) => saveKeyLine(doc, { id: 'l1', text: 'What did agencies know?' }));
		const meetingId = meetingAt('2024-02-01T10:00:00Z');
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '', meeting: '', meetingId }, '2024-06-01').ok).toBe(true);
		expect(loadTermsAgreement(fixture.db, fixture.reviewId)).toMatchObject({ agreedOn: '2024-02-01', meeting: 'Panel meeting 1, 1 February 2024' });
		expect(decisionLog(fixture.db, fixture.reviewId)).toMatchObject([{ meetingId, text: 'The panel agreed the terms of reference' }]);
		expect(auditActions()).toEqual(expect.arrayContaining(['terms.agreed', 'meeting.decision_recorded']));
	});

	it('still takes a meeting held outside the workspace in words, with no decision recorded', () => {
		writeTerms((doc) => saveKeyLine(doc, { id: 'l1', text: 'What did agencies know?' }));
		meetingAt('2024-02-01T10:00:00Z');
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '2024-02-03', meeting: 'Partnership board, 3 February 2024' }, '2024-06-01').ok).toBe(true);
		expect(loadTermsAgreement(fixture.db, fixture.reviewId)?.meeting).toBe('Partnership board, 3 February 2024');
		expect(decisionLog(fixture.db, fixture.reviewId)).toEqual([]);
	});

	it('refuses another review’s meeting, a date other than the meeting’s, a meeting not yet held or one whose minutes are circulated, and changes nothing', () => {
		writeTerms((doc) => saveKeyLine(doc, { id: 'l1', text: 'What did agencies know?' }));
		const held = meetingAt('2024-02-01T10:00:00Z');
		const future = meetingAt('2024-07-01T10:00:00Z', 'Panel meeting 2');
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '', meeting: '', meetingId: 'another-reviews-meeting' }, '2024-06-01')).toMatchObject({ ok: false, status: 400, errors: [{ field: 'meetingId' }] });
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '2024-02-02', meeting: '', meetingId: held }, '2024-06-01')).toMatchObject({ ok: false, status: 400, errors: [{ field: 'agreedOn' }] });
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '', meeting: '', meetingId: future }, '2024-06-01')).toMatchObject({ ok: false, status: 400, errors: [{ field: 'agreedOn' }] });
		fixture.db.update(meeting).set({ circulatedAt: new Date('2024-02-05T10:00:00Z') }).where(eq(meeting.id, held)).run();
		expect(agreeTerms(fixture.db, actor(), fixture.reviewId, { agreedOn: '', meeting: '', meetingId: held }, '2024-06-01')).toMatchObject({ ok: false, status: 409, errors: [{ field: 'meetingId' }] });
		expect(loadTermsAgreement(fixture.db, fixture.reviewId)).toBeNull();
		expect(decisionLog(fixture.db, fixture.reviewId)).toEqual([]);
		expect(auditActions()).not.toContain('terms.agreed');
	});
});
