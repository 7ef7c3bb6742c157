import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTempDatabase } from '../../../tests/helpers/temp-database';
import { seedDemo } from './demo';
import { findUserByEmail } from './accounts';
import { listReviewsForUser } from './reviews';
import { readReportDocument, listVersions, reportSections } from './report';
import { reportSectionTexts } from '../collab/report-text';
import { citationsInReport } from '../collab/report-citations';
import { readRecommendations } from '../collab/recommendations-doc';
import { listThreads } from './comments';
import { openFlagsInCurrentReport } from './language';
import { currentTextHash, loadSignoff } from './signoff';
import { agencyStatus } from '../domain/signoff';
import { loadIntegratedChronology } from './chronology';
import { sectionFragmentName } from '../domain/report-template';
import { getReviewOverview } from './reviews';
import { notification } from './db/schema';

let temp: ReturnType<typeof createTempDatabase>;
let reviewId: string;
let doc: Y.Doc;

beforeAll(async () => {
	temp = createTempDatabase();
	await seedDemo(temp.db);
	reviewId = listReviewsForUser(temp.db, findUserByEmail(temp.db, 'chair@demo.test')!.id)[0].id;
	doc = readReportDocument(temp.db, reviewId);
});
afterAll(() => {
	doc.destroy();
	temp.dispose();
});

describe('the demo shows a report under way (issue 15)', () => {
	it('has a few sections written, citing entries that are in the demo chronology', () => {
		const written = reportSectionTexts(doc, reportSections(temp.db, reviewId)).filter((section) => section.text.trim());
		expect(written.map((section) => section.title)).toEqual(['Introduction', 'Chronology', 'Analysis']);
		const cited = [...citationsInReport(doc).keys()];
		expect(cited.length).toBeGreaterThanOrEqual(3);
		const review = getReviewOverview(temp.db, reviewId)!;
		const entryIds = new Set(loadIntegratedChronology(temp.db, { id: reviewId, victimDateOfBirth: null }, review.agencies).map((entry) => entry.id));
		expect(entryIds.size).toBeGreaterThan(30);
		for (const id of cited) expect(entryIds.has(id)).toBe(true);
	});

	it('leaves exactly one blame-language flag open: “declined to engage”', () => {
		const flags = openFlagsInCurrentReport(temp.db, reviewId);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({ sectionKey: 'analysis', label: 'declined to engage' });
	});

	it('has a comment thread with a reply, anchored on the flagged passage', () => {
		const threads = listThreads(temp.db, reviewId);
		expect(threads).toHaveLength(1);
		expect(threads[0].replies).toHaveLength(1);
		expect(threads[0].authorName).toBe('Tom Adeyemi');
		expect(threads[0].replies[0].authorName).toBe('Helen Marsh');
		const anchor = JSON.parse(threads[0].anchor!) as { from: unknown; to: unknown };
		const from = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.from), doc)!;
		const to = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.to), doc)!;
		expect(from.type).toBe(to.type);
		expect((from.type as Y.XmlText).toString().slice(from.index, to.index)).toBe(threads[0].quote);
		expect(doc.getXmlFragment(sectionFragmentName('analysis')).toString()).toContain(threads[0].quote);
	});

	it('has a recommendation with an owner, an outcome and a date', () => {
		const [recommendation, ...others] = readRecommendations(doc);
		expect(others).toHaveLength(0);
		expect(recommendation).toMatchObject({ scope: 'local', addressedTo: 'Northmoor IDVA Service' });
		expect(recommendation.outcome).not.toBe('');
		expect(recommendation.targetDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('has a named version in a sign-off round, confirmed by the police only', () => {
		const versions = listVersions(temp.db, reviewId);
		expect(versions).toHaveLength(1);
		expect(versions[0].name).toMatch(/^Draft for agencies, \d{1,2} [A-Z][a-z]+ \d{4}$/);
		const state = loadSignoff(temp.db, reviewId);
		expect(state.round?.versionId).toBe(versions[0].id);
		const hash = currentTextHash(temp.db, reviewId);
		const agencies = getReviewOverview(temp.db, reviewId)!.agencies;
		const statuses = Object.fromEntries(agencies.map((agency) => [agency.name, agencyStatus(state, agency.id, hash)]));
		expect(statuses['Northmoor Police']).toBe('confirmed');
		expect(Object.values(statuses).filter((status) => status === 'confirmed')).toHaveLength(1);
		expect(Object.values(statuses).filter((status) => status === 'not_started')).toHaveLength(agencies.length - 1);
	});
});

describe('the demo’s past is not emailed', () => {
	it('leaves no notification waiting in the outbox after seeding', () => {
		expect(temp.db.select().from(notification).all()).toHaveLength(0);
	});
});
