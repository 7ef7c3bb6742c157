import { afterEach, describe, expect, it } from 'vitest';
import { createReviewFixture } from '../../../tests/helpers/review-fixture';
import { addAgency } from './members';
import { changeDocument } from './live-documents';
import { createSqliteDocumentStore } from './document-store';
import { documentName } from '../domain/permissions';
import { removeRecommendation, saveRecommendation } from '../collab/recommendations-doc';
import { actionPlanCsv, actionPlanRows, addAction, concludeActionPlan, loadActionPlan, partnershipActions, recordProgress, setRecommendationDetails } from './action-plan';
import type { AppDatabase } from './db/client';

let cleanup: (() => void) | null = null;
afterEach(() => {
	cleanup?.();
	cleanup = null;
});

function writeReport(db: AppDatabase, reviewId: string, userId: string, change: Parameters<typeof saveRecommendation>[0] extends infer D ? (doc: D) => void : never) {
	changeDocument(createSqliteDocumentStore(db), { docName: documentName({ kind: 'report', reviewId }), userId, change });
}

async function planFixture() {
	const fixture = await createReviewFixture();
	cleanup = () => fixture.temp.dispose();
	const chair = { userId: fixture.chairId, ipAddress: null };
	const police = addAgency(fixture.db, chair, fixture.reviewId, { name: 'Northmoor Police', kind: 'police' });
	if (!police.ok) throw new Error('agency');
	writeReport(fixture.db, fixture.reviewId, fixture.chairId, (doc) =>
		saveRecommendation(doc, { id: 'rec-1', text: 'Train call handlers on stalking', scope: 'local', addressedTo: 'Northmoor Police', outcome: 'All trained', targetDate: '2030-01-01' })
	);
	return { ...fixture, chair, policeId: police.value.id };
}

describe('the action plan, stored', () => {
	it('a recommendation becomes actions; each update is kept beside the earlier ones', async () => {
		const { db, reviewId, chair, policeId } = await planFixture();
		const now = new Date('2027-01-10T12:00:00Z');
		const added = addAction(db, chair, reviewId, { recommendationId: 'rec-1', text: 'Deliver stalking training', leadAgencyId: policeId, ownerUserId: chair.userId, targetDate: '2027-03-31' }, now);
		expect(added.ok).toBe(true);
		const id = added.ok ? added.value.id : '';
		await recordProgress(db, chair, reviewId, id, { status: 'in_progress', note: 'Course booked' }, new Date('2027-01-11T12:00:00Z'));
		await recordProgress(db, chair, reviewId, id, { status: 'done', note: 'Delivered', evidenceText: 'Attendance register' }, new Date('2027-02-11T12:00:00Z'));
		const plan = loadActionPlan(db, reviewId, now)!;
		const action = plan.recommendations[0].actions[0];
		expect(action.updates.map((u) => u.status)).toEqual(['in_progress', 'done']);
		expect(action.status).toBe('done');
		expect(action.completedOn).toBe('2027-02-11');
		expect(plan.recommendations[0].scope).toBe('single_agency');
	});

	it('a recommendation removed from the report is shown as removed, with its actions', async () => {
		const { db, reviewId, chair, policeId } = await planFixture();
		addAction(db, chair, reviewId, { recommendationId: 'rec-1', text: 'Deliver stalking training', leadAgencyId: policeId });
		writeReport(db, reviewId, chair.userId, (doc) => removeRecommendation(doc, 'rec-1'));
		const plan = loadActionPlan(db, reviewId)!;
		expect(plan.recommendations).toHaveLength(1);
		expect(plan.recommendations[0]).toMatchObject({ removed: true, text: 'Train call handlers on stalking' });
		expect(actionPlanRows(db, reviewId)[0].recommendation).toMatch(/removed from the report/);
	});

	it('a target date before the report’s date is refused and changes nothing', async () => {
		const { db, reviewId, chair, policeId } = await planFixture();
		const refusedAction = addAction(db, chair, reviewId, { recommendationId: 'rec-1', text: 'Train', leadAgencyId: policeId, targetDate: '2020-01-01' }, new Date('2027-01-10T12:00:00Z'));
		expect(refusedAction.ok).toBe(false);
		expect(loadActionPlan(db, reviewId)!.recommendations[0].actions).toEqual([]);
	});

	it('a national recommendation must name the body it is sent to', async () => {
		const { db, reviewId, chair } = await planFixture();
		writeReport(db, reviewId, chair.userId, (doc) => saveRecommendation(doc, { id: 'rec-2', text: 'Statutory guidance on stalking', scope: 'national', addressedTo: '', outcome: '', targetDate: '' }));
		const missing = setRecommendationDetails(db, chair, reviewId, { recommendationId: 'rec-2', scope: 'national', leadAgencyId: null, addressedTo: '', theme: 'Policy' });
		expect(missing.ok).toBe(false);
		const wrongScope = setRecommendationDetails(db, chair, reviewId, { recommendationId: 'rec-2', scope: 'single_agency', leadAgencyId: null, addressedTo: 'Home Office', theme: 'Policy' });
		expect(wrongScope.ok).toBe(false);
		expect(setRecommendationDetails(db, chair, reviewId, { recommendationId: 'rec-2', scope: 'national', leadAgencyId: null, addressedTo: 'Ministry of Justice', theme: 'Policy' }).ok).toBe(true);
	});

	it('a plan with open actions cannot be concluded; once all are finished it can, and then takes no updates', async () => {
		const { db, reviewId, chair, policeId } = await planFixture();
		const added = addAction(db, chair, reviewId, { recommendationId: 'rec-1', text: 'Deliver stalking training', leadAgencyId: policeId });
		const id = added.ok ? added.value.id : '';
		expect(concludeActionPlan(db, chair, reviewId, '').ok).toBe(false);
		await recordProgress(db, chair, reviewId, id, { status: 'closed', note: 'Superseded by the national programme' });
		expect(concludeActionPlan(db, chair, reviewId, 'All done').ok).toBe(true);
		const late = await recordProgress(db, chair, reviewId, id, { status: 'in_progress', note: '' });
		expect(late.ok).toBe(false);
	});

	it('overdue actions are found across reviews; CSV cells cannot run as formulas', async () => {
		const { db, reviewId, chair, policeId } = await planFixture();
		addAction(db, chair, reviewId, { recommendationId: 'rec-1', text: '=HYPERLINK("x")', leadAgencyId: policeId, targetDate: '2027-03-31' }, new Date('2027-01-01T12:00:00Z'));
		expect(partnershipActions(db, 'overdue', new Date('2027-04-01T12:00:00Z'))).toHaveLength(1);
		expect(partnershipActions(db, 'overdue', new Date('2027-03-31T12:00:00Z'))).toHaveLength(0);
		expect(actionPlanCsv(actionPlanRows(db, reviewId))).toContain(`"'=HYPERLINK(""x"")"`);
	});

	it('an evidence file of the wrong type is refused and nothing is recorded', async () => {
		const { db, reviewId, chair, policeId } = await planFixture();
		const added = addAction(db, chair, reviewId, { recommendationId: 'rec-1', text: 'Deliver stalking training', leadAgencyId: policeId });
		const id = added.ok ? added.value.id : '';
		const renamed = await recordProgress(db, chair, reviewId, id, { status: 'done', note: 'Done', evidenceFile: { name: 'register.pdf', bytes: new TextEncoder().encode('MZ not a pdf at all') } });
		expect(renamed.ok).toBe(false);
		expect(renamed.ok ? '' : renamed.errors[0].message).toMatch(/not a PDF/);
		const plan = loadActionPlan(db, reviewId)!;
		expect(plan.recommendations[0].actions[0]).toMatchObject({ status: 'not_started', updates: [] });
		const stored = await recordProgress(db, chair, reviewId, id, { status: 'done', note: 'Done', evidenceFile: { name: 'register.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') } });
		expect(stored.ok).toBe(true);
		expect(loadActionPlan(db, reviewId)!.recommendations[0].actions[0].updates[0].evidenceFile?.fileName).toBe('register.pdf');
	});
});
