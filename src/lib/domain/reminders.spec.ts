import { describe, expect, it } from 'vitest';
import { actionDueReminders, nextDigestAt, outOfDateConfirmationReminders, remindersDue, timescaleReminders, unansweredSignoffReminders, type ReviewFacts } from './reminders';
import { initialSignoff, type AgencyDecision, type SignoffState } from './signoff';

function facts(overrides: Partial<ReviewFacts> = {}): ReviewFacts {
	return {
		reviewId: 'r1',
		// Decision due 1 April 2025 (one month after notification).
		dates: { notifiedOn: '2025-03-01', decisionOn: null },
		extensions: [],
		chairIds: ['chair'],
		agencies: [
			{ agencyId: 'police', representativeIds: ['pc1', 'pc2'] },
			{ agencyId: 'gp', representativeIds: ['gp1'] }
		],
		signoff: initialSignoff,
		currentTextHash: 'now',
		...overrides
	};
}

const confirmed = (textHash: string, extra: Partial<AgencyDecision> = {}): AgencyDecision => ({ decision: 'confirm', versionId: 'v1', textHash, by: 'x', at: '2025-03-01T10:00:00Z', reason: null, voided: false, answer: null, ...extra });

describe('timescale reminders', () => {
	it('remind the chair once a milestone is due within 14 days, counted in UK days', () => {
		// 18 March 2025 is 14 days before 1 April.
		expect(timescaleReminders(facts(), new Date('2025-03-17T12:00:00Z'))).toEqual([]);
		expect(timescaleReminders(facts(), new Date('2025-03-18T00:30:00Z'))).toEqual([
			{ userId: 'chair', reviewId: 'r1', kind: 'timescale_due', dedupeKey: 'reminder:timescale:r1:decision:2025-04-01:chair', link: '/reviews/r1/timescales' }
		]);
	});

	it('use the UK date across midnight in summer time: 23:30 UTC on 17 July is already 18 July in the UK', () => {
		const summer = facts({ dates: { notifiedOn: '2025-07-01', decisionOn: null } }); // due 1 August
		expect(timescaleReminders(summer, new Date('2025-07-17T22:30:00Z'))).toHaveLength(0);
		expect(timescaleReminders(summer, new Date('2025-07-17T23:30:00Z'))).toHaveLength(1);
	});

	it('remind about an overdue milestone with the same key, so it is never repeated for that date', () => {
		const soon = timescaleReminders(facts(), new Date('2025-03-20T09:00:00Z'));
		const late = timescaleReminders(facts(), new Date('2025-04-10T09:00:00Z'));
		expect(late.map((r) => r.dedupeKey)).toEqual(soon.map((r) => r.dedupeKey));
	});

	it('give an extended milestone a new reminder for its new date', () => {
		const extended = facts({ extensions: [{ milestone: 'decision', newDueOn: '2025-04-20', reason: 'agreed', recordedAt: new Date('2025-03-25') }] });
		expect(timescaleReminders(extended, new Date('2025-04-10T09:00:00Z'))[0].dedupeKey).toBe('reminder:timescale:r1:decision:2025-04-20:chair');
	});

	it('say nothing for a milestone that is done', () => {
		const decided = facts({ dates: { notifiedOn: '2025-03-01', decisionOn: '2025-03-20' } }); // report due 20 September
		expect(timescaleReminders(decided, new Date('2025-03-25T09:00:00Z'))).toEqual([]);
	});
});

describe('sign-off requested and not answered', () => {
	const round: SignoffState = { ...initialSignoff, round: { versionId: 'v1', textHash: 'h1', openedAt: '2025-03-03T16:00:00.000Z' } };

	it('remind each representative of an agency that has not answered after 7 UK days, and no one sooner', () => {
		expect(unansweredSignoffReminders(facts({ signoff: round }), new Date('2025-03-09T23:00:00Z'))).toEqual([]);
		const due = unansweredSignoffReminders(facts({ signoff: { ...round, decisions: { gp: confirmed('h1') } } }), new Date('2025-03-10T08:00:00Z'));
		expect(due.map((r) => [r.userId, r.kind, r.link])).toEqual([
			['pc1', 'signoff_reminder', '/reviews/r1/signoff/police'],
			['pc2', 'signoff_reminder', '/reviews/r1/signoff/police']
		]);
	});

	it('name the round in the key, so a new round reminds again and the same round never does', () => {
		const first = unansweredSignoffReminders(facts({ signoff: round }), new Date('2025-03-12T08:00:00Z'));
		const again = unansweredSignoffReminders(facts({ signoff: round }), new Date('2025-03-20T08:00:00Z'));
		const moved = unansweredSignoffReminders(facts({ signoff: { ...round, round: { versionId: 'v2', textHash: 'h2', openedAt: '2025-03-05T10:00:00.000Z' } } }), new Date('2025-03-20T08:00:00Z'));
		expect(again.map((r) => r.dedupeKey)).toEqual(first.map((r) => r.dedupeKey));
		expect(moved.map((r) => r.dedupeKey)).not.toEqual(first.map((r) => r.dedupeKey));
	});

	it('count a decision voided by reopening as not answered', () => {
		const voided = facts({ signoff: { ...round, decisions: { police: confirmed('h1', { voided: true }), gp: confirmed('h1') } } });
		expect(unansweredSignoffReminders(voided, new Date('2025-03-12T08:00:00Z')).map((r) => r.userId)).toEqual(['pc1', 'pc2']);
	});

	it('say nothing once the report is final', () => {
		expect(unansweredSignoffReminders(facts({ signoff: { ...round, stage: 'final' } }), new Date('2025-04-12T08:00:00Z'))).toEqual([]);
	});
});

describe('a confirmation out of date', () => {
	it('reminds that agency once per confirmed text', () => {
		const state: SignoffState = { ...initialSignoff, decisions: { police: confirmed('old'), gp: confirmed('now') } };
		const due = outOfDateConfirmationReminders(facts({ signoff: state }));
		expect(due.map((r) => r.dedupeKey)).toEqual(['reminder:confirmation:r1:police:old:pc1', 'reminder:confirmation:r1:police:old:pc2']);
		expect(due[0].kind).toBe('confirmation_out_of_date');
	});

	it('leaves a dispute alone: it stays a dispute whatever the text', () => {
		const state: SignoffState = { ...initialSignoff, decisions: { police: { ...confirmed('old'), decision: 'dispute', reason: 'x' } } };
		expect(outOfDateConfirmationReminders(facts({ signoff: state }))).toEqual([]);
	});

	it('is part of what is due', () => {
		const state: SignoffState = { ...initialSignoff, decisions: { gp: confirmed('old') } };
		expect(remindersDue(facts({ signoff: state, dates: { notifiedOn: '2025-01-01', decisionOn: '2025-01-10' } }), new Date('2025-03-01T08:00:00Z')).map((r) => r.userId)).toEqual(['gp1']);
	});
});

describe('the daily summary time', () => {
	it('is the next 08:00 UK time: GMT in winter', () => {
		expect(nextDigestAt(new Date('2025-01-15T07:59:00Z'), 8).toISOString()).toBe('2025-01-15T08:00:00.000Z');
		expect(nextDigestAt(new Date('2025-01-15T08:00:00Z'), 8).toISOString()).toBe('2025-01-16T08:00:00.000Z');
	});

	it('is 07:00 UTC in summer time, and follows the clock change on 30 March 2025', () => {
		expect(nextDigestAt(new Date('2025-03-29T09:00:00Z'), 8).toISOString()).toBe('2025-03-30T07:00:00.000Z');
		expect(nextDigestAt(new Date('2025-07-01T06:30:00Z'), 8).toISOString()).toBe('2025-07-01T07:00:00.000Z');
	});

	it('rolls over the month and year end', () => {
		expect(nextDigestAt(new Date('2025-12-31T20:00:00Z'), 8).toISOString()).toBe('2026-01-01T08:00:00.000Z');
	});
});

describe('action plan reminders', () => {
	const action = { id: 'a1', reviewId: 'r1', ownerUserId: 'owner', targetDate: '2027-03-31', representativeIds: ['rep'] };
	it('the owner is reminded within 14 UK days of the target date, once per date', () => {
		expect(actionDueReminders([action], new Date('2027-03-16T12:00:00Z'))).toEqual([]);
		const due = actionDueReminders([action], new Date('2027-03-17T12:00:00Z'));
		expect(due).toEqual([expect.objectContaining({ userId: 'owner', kind: 'action_due', dedupeKey: 'reminder:action:r1:a1:2027-03-31:owner' })]);
	});
	it('without an owner the agency’s representatives are reminded; an overdue action is not (it is in their tasks)', () => {
		expect(actionDueReminders([{ ...action, ownerUserId: null }], new Date('2027-03-30T12:00:00Z')).map((r) => r.userId)).toEqual(['rep']);
		expect(actionDueReminders([action], new Date('2027-04-01T12:00:00Z'))).toEqual([]);
	});
});
