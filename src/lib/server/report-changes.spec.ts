import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTempDatabase } from '../../../tests/helpers/temp-database';
import { seedDemo } from './demo';
import { findUserByEmail } from './accounts';
import { listReviewsForUser } from './reviews';
import { createSqliteDocumentStore } from './document-store';
import { changeStoredDocument } from './live-documents';
import { addComment } from './comments';
import { recordReportVisit, reportChangesSince } from './report-changes';
import { readReportDocument } from './report';

let temp: ReturnType<typeof createTempDatabase>;
let reviewId: string;
let chairId: string;
let panelId: string;

function write(userId: string, section: string, text: string) {
	changeStoredDocument(createSqliteDocumentStore(temp.db), {
		docName: `review/${reviewId}/report`,
		userId,
		change: (doc) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(text)]);
			doc.getXmlFragment(`section:${section}`).push([paragraph]);
		}
	});
}

beforeEach(async () => {
	temp = createTempDatabase();
	await seedDemo(temp.db);
	chairId = findUserByEmail(temp.db, 'chair@demo.test')!.id;
	panelId = findUserByEmail(temp.db, 'panel@demo.test')!.id;
	reviewId = listReviewsForUser(temp.db, chairId)[0].id;
});
afterEach(() => temp.dispose());

describe('what changed since I last looked', () => {
	it('is nothing before a first visit, then lists changed sections, new comments and who was active', async () => {
		expect(reportChangesSince(temp.db, reviewId, chairId)).toBeNull();
		write(chairId, 'analysis', 'Before the visit.');
		// Seen now, after the demo's own draft and the write above (which are then not news).
		recordReportVisit(temp.db, reviewId, chairId, new Date());
		expect(reportChangesSince(temp.db, reviewId, chairId)).toMatchObject({ changedSections: [], newComments: 0, editors: [] });
		await new Promise((resolve) => setTimeout(resolve, 5));

		write(panelId, 'conclusions', 'After the visit.');
		addComment(temp.db, { userId: panelId, ipAddress: null }, reviewId, { sectionKey: 'analysis', body: 'A question' });
		const changes = reportChangesSince(temp.db, reviewId, chairId)!;
		expect(changes.changedSections.map((s) => s.title)).toEqual(['Conclusions']);
		expect(changes.newComments).toBe(1);
		expect(changes.editors).toEqual(['Tom Adeyemi']);
		// The person who made the changes sees none of their own as news.
		recordReportVisit(temp.db, reviewId, panelId, new Date(Date.now() - 5000));
		expect(reportChangesSince(temp.db, reviewId, panelId)!.newComments).toBe(0);
	});

	it("leaves out the member's own edits: a section counts when someone else changed it", () => {
		recordReportVisit(temp.db, reviewId, chairId, new Date(Date.now() - 1000));
		write(chairId, 'analysis', 'The chair writes after opening the report.');
		expect(reportChangesSince(temp.db, reviewId, chairId)!.changedSections).toEqual([]);

		write(panelId, 'analysis', 'The panel member adds to the same section.');
		expect(reportChangesSince(temp.db, reviewId, chairId)!.changedSections.map((s) => s.title)).toEqual(['Analysis']);
	});

	it("counts another person's removal of text as a change", () => {
		write(chairId, 'conclusions', 'A sentence the panel member will remove.');
		recordReportVisit(temp.db, reviewId, chairId, new Date(Date.now() - 1000));
		// A pure deletion, as a browser sends it: no new content, only a delete set.
		const store = createSqliteDocumentStore(temp.db);
		const doc = readReportDocument(temp.db, reviewId);
		const before = Y.encodeStateVector(doc);
		doc.getXmlFragment('section:conclusions').delete(0, 1);
		store.append([{ docName: `review/${reviewId}/report`, update: Y.encodeStateAsUpdate(doc, before), userId: panelId }], new Date());
		doc.destroy();
		expect(reportChangesSince(temp.db, reviewId, chairId)!.changedSections.map((s) => s.title)).toEqual(['Conclusions']);
	});
});
