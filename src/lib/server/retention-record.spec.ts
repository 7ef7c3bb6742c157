import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createReviewFixture } from '../../../tests/helpers/review-fixture';
import { recordDecision, recordNotification } from './review-start';
import { deleteWorkingMaterial } from './retention';
import { createVersion } from './report';
import { finaliseReport, openSignoffRound, recordFamilyNotSeen } from './signoff';
import { reviewDecision, reviewNotification } from './db/schema';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('deleting working material under the retention rule', () => {
	it('keeps the notification and the decision as the record, but not their words about the case', async () => {
		const { db, reviewId, chairId, temp } = await createReviewFixture();
		cleanups.push(temp.dispose);
		const actor = { userId: chairId, ipAddress: null };
		expect(recordNotification(db, actor, reviewId, { notifiedOn: '2024-01-10', notifiedBy: 'Eastfield Police', summary: 'A woman was found dead at her home.', reviewType: 'domestic_homicide' }).ok).toBe(true);
		expect(recordDecision(db, actor, reviewId, { outcome: 'review', reasons: 'Known history of abuse by her partner.', decidedBy: 'CSP chair', decidedOn: '2024-01-20' }).ok).toBe(true);
		// Deletion comes only after the report is final: a review with no agencies gets there in three steps.
		const version = createVersion(db, actor, reviewId, 'Final draft');
		if (!version.ok) throw new Error('version');
		expect(openSignoffRound(db, actor, reviewId, version.value.id).ok).toBe(true);
		expect(recordFamilyNotSeen(db, actor, reviewId, 'The family chose not to take part.').ok).toBe(true);
		expect(finaliseReport(db, actor, reviewId, []).ok).toBe(true);
		const outcome = deleteWorkingMaterial(db, actor, reviewId, { confirmTitle: 'Adult Z', reason: 'Test of retention', early: true }, new Date(), () => {});
		expect(outcome.ok).toBe(true);
		const notification = db.select().from(reviewNotification).where(eq(reviewNotification.reviewId, reviewId)).get()!;
		const decision = db.select().from(reviewDecision).where(eq(reviewDecision.reviewId, reviewId)).get()!;
		expect(notification).toMatchObject({ summary: '', notifiedBy: 'Eastfield Police' });
		expect(decision).toMatchObject({ reasons: '', decidedOn: '2024-01-20' });
		if (outcome.ok) expect(outcome.value.removed).toMatchObject({ notificationSummaries: 1, decisionReasons: 1 });
	});
});
