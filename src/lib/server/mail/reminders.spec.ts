import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTempDatabase } from '../../../../tests/helpers/temp-database';
import { seedDemo } from '../demo';
import { findUserByEmail } from '../accounts';
import { findMembership, listReviewsForUser } from '../reviews';
import { createSqliteDocumentStore } from '../document-store';
import { changeStoredDocument } from '../live-documents';
import { createVersion } from '../report';
import { openSignoffRound, recordAgencyDecision } from '../signoff';
import { runReminderJobIfDue } from './reminders';

/** The job function run directly, with its clock given, on a real database with the demo review. */
let temp: ReturnType<typeof createTempDatabase>;
let reviewId: string;
let chairId: string;
let policeId: string;
const schedule = '0 7 * * *';

function edit(text: string) {
	changeStoredDocument(createSqliteDocumentStore(temp.db), {
		docName: `review/${reviewId}/report`,
		userId: chairId,
		change: (doc) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(text)]);
			doc.getXmlFragment('section:analysis').push([paragraph]);
		}
	});
}

function reminders(kind: string) {
	return temp.db.$client.prepare('SELECT user_id AS userId, dedupe_key AS dedupeKey FROM notification WHERE kind = ? AND review_id = ?').all(kind, reviewId) as { userId: string; dedupeKey: string }[];
}

beforeEach(async () => {
	temp = createTempDatabase();
	await seedDemo(temp.db);
	chairId = findUserByEmail(temp.db, 'chair@demo.test')!.id;
	policeId = findUserByEmail(temp.db, 'police@demo.test')!.id;
	reviewId = listReviewsForUser(temp.db, chairId)[0].id;
});
afterEach(() => temp.dispose());

describe('the reminders job', () => {
	it('tells the agency once that its confirmation went out of date when the text changed, however often it runs', () => {
		const start = new Date();
		const version = createVersion(temp.db, { userId: chairId, ipAddress: null }, reviewId, 'For sign-off', start);
		if (!version.ok) throw new Error('version');
		expect(openSignoffRound(temp.db, { userId: chairId, ipAddress: null }, reviewId, version.value.id, { confirmOpenFlags: true }, start).ok).toBe(true);
		const agencyId = findMembership(temp.db, reviewId, policeId)!.agencyId!;
		expect(recordAgencyDecision(temp.db, { userId: policeId, ipAddress: null }, reviewId, { agencyId, versionId: version.value.id, decision: 'confirm' }, start).ok).toBe(true);

		expect(runReminderJobIfDue(temp.db, start, schedule)).not.toBeNull();
		expect(reminders('confirmation_out_of_date')).toEqual([]);

		edit('A sentence added after the police confirmed.');
		// Not yet due again: nothing runs, whatever changed.
		expect(runReminderJobIfDue(temp.db, start, schedule)).toBeNull();
		const tomorrow = new Date(start.getTime() + 86_400_000);
		expect(runReminderJobIfDue(temp.db, tomorrow, schedule)).toEqual({ queued: expect.any(Number) });
		// Every representative of the agency is told: the demo's police have two (issue 20 added the senior manager).
		const policeManagerId = findUserByEmail(temp.db, 'police-manager@demo.test')!.id;
		expect(reminders('confirmation_out_of_date').map((r) => r.userId).sort()).toEqual([policeId, policeManagerId].sort());

		// Another edit and another day: still the same confirmation, so no second reminder.
		edit('And another.');
		const dayAfter = new Date(start.getTime() + 2 * 86_400_000);
		runReminderJobIfDue(temp.db, dayAfter, schedule);
		expect(reminders('confirmation_out_of_date')).toHaveLength(2);
	});

	it('records its next run at 07:00 UK time, and a run missed while stopped happens at the next start', () => {
		const winterEvening = new Date('2025-01-15T20:00:00Z');
		runReminderJobIfDue(temp.db, winterEvening, schedule);
		const nextRunAt = temp.db.$client.prepare("SELECT next_run_at AS n FROM scheduled_job WHERE name = 'reminders'").get() as { n: number };
		expect(new Date(nextRunAt.n).toISOString()).toBe('2025-01-16T07:00:00.000Z');
		// Summer time: 07:00 UK is 06:00 UTC.
		runReminderJobIfDue(temp.db, new Date('2025-07-01T12:00:00Z'), schedule);
		const summer = temp.db.$client.prepare("SELECT next_run_at AS n FROM scheduled_job WHERE name = 'reminders'").get() as { n: number };
		expect(new Date(summer.n).toISOString()).toBe('2025-07-02T06:00:00.000Z');
	});
});
