import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../tests/helpers/temp-database';
import { seedDemo } from './demo';
import { findUserByEmail } from './accounts';
import { listReviewsForUser } from './reviews';
import { addSection, moveSection, renameSection, reportSections } from './report';
import { reportTemplate } from '../domain/report-template';
import { auditEvent } from './db/schema';

let temp: ReturnType<typeof createTempDatabase>;
let reviewId: string;
let actor: { userId: string; ipAddress: string | null };

beforeEach(async () => {
	temp = createTempDatabase();
	await seedDemo(temp.db);
	const chair = findUserByEmail(temp.db, 'chair@demo.test')!;
	reviewId = listReviewsForUser(temp.db, chair.id)[0].id;
	actor = { userId: chair.id, ipAddress: null };
});
afterEach(() => temp.dispose());

describe('report sections', () => {
	it('start from the template once, then keep the chair’s changes (audited)', () => {
		expect(reportSections(temp.db, reviewId).map((s) => s.key)).toEqual(reportTemplate.map((s) => s.key));
		const added = addSection(temp.db, actor, reviewId, 'Addendum', 'overview');
		expect(added.ok).toBe(true);
		const keys = reportSections(temp.db, reviewId).map((s) => s.key);
		// Last of the overview, before the executive summary.
		expect(keys.at(-2)).toBe('custom-addendum');
		expect(keys.at(-1)).toBe('executive-summary');
		expect(renameSection(temp.db, actor, reviewId, 'custom-addendum', 'Addendum: the inquest').ok).toBe(true);
		expect(moveSection(temp.db, actor, reviewId, 'custom-addendum', -1).ok).toBe(true);
		const after = reportSections(temp.db, reviewId);
		expect(after.at(-3)).toMatchObject({ key: 'custom-addendum', title: 'Addendum: the inquest', guidance: null });
		expect(temp.db.select().from(auditEvent).all().filter((e) => e.action === 'report.structure_changed')).toHaveLength(3);
	});

	it('never moves a section across into the executive summary, and refuses bad input', () => {
		reportSections(temp.db, reviewId);
		moveSection(temp.db, actor, reviewId, 'recommendations', 1);
		expect(reportSections(temp.db, reviewId).at(-1)!.key).toBe('executive-summary');
		expect(addSection(temp.db, actor, reviewId, '   ', 'overview')).toMatchObject({ ok: false, status: 400 });
		expect(renameSection(temp.db, actor, reviewId, 'no-such-section', 'Title')).toMatchObject({ ok: false, status: 404 });
		expect(moveSection(temp.db, actor, reviewId, 'no-such-section', 1)).toMatchObject({ ok: false, status: 404 });
	});
});
