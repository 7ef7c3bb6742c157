import { describe, expect, it } from 'vitest';
import { agencyStanding, agencyStatus, answerDispute, confirm, dispute, finalise, finaliseBlockers, initialSignoff, openRound, recordFamily, recordPartnershipSignoff, reopen, shortHash, type SignoffState, type Step } from './signoff';

const at = '2026-11-23T10:00:00Z';
const agencies = ['police', 'health'];

function ok(step: Step): SignoffState {
	if (!step.ok) throw new Error(`refused: ${step.reason}`);
	return step.state;
}

function refusedWith(step: Step, pattern: RegExp) {
	expect(step.ok).toBe(false);
	if (!step.ok) expect(step.reason).toMatch(pattern);
}

const round = () => ok(openRound(initialSignoff, { versionId: 'v1', textHash: 'h1' }, at));
const step = (agencyId: string, versionId = 'v1', currentTextHash = 'h1') => ({ agencyId, versionId, by: 'u', at, currentTextHash });

describe('sign-off state machine', () => {
	it('confirming needs an open round on the current version and the current text', () => {
		refusedWith(confirm(initialSignoff, step('police')), /No sign-off round/);
		const open = round();
		refusedWith(confirm(open, step('police', 'v0')), /not the version in the current sign-off round/);
		refusedWith(confirm(open, step('police', 'v1', 'h2')), /changed since this version/);
		const confirmed = ok(confirm(open, step('police')));
		expect(agencyStatus(confirmed, 'police', 'h1')).toBe('confirmed');
		expect(agencyStatus(confirmed, 'health', 'h1')).toBe('not_started');
	});

	it('a later change of text makes a confirmation stale until it is given again on a new round', () => {
		const confirmed = ok(confirm(round(), step('police')));
		expect(agencyStatus(confirmed, 'police', 'h2')).toBe('stale');
		const moved = ok(openRound(confirmed, { versionId: 'v2', textHash: 'h2' }, at));
		expect(agencyStatus(moved, 'police', 'h2')).toBe('stale');
		expect(agencyStatus(ok(confirm(moved, step('police', 'v2', 'h2'))), 'police', 'h2')).toBe('confirmed');
	});

	it('a dispute needs a reason and an answer: text changed (stale) or a recorded disagreement', () => {
		const open = round();
		refusedWith(dispute(open, step('health'), '  '), /Say what/);
		const disputed = ok(dispute(open, step('health'), 'Our two visits are missing.', ['Analysis: The GP saw her once.']));
		expect(disputed.decisions.health?.passages).toEqual(['Analysis: The GP saw her once.']);
		expect(agencyStatus(disputed, 'health', 'h1')).toBe('disputed');
		refusedWith(answerDispute(open, 'health', { kind: 'changed', note: 'x', by: 'c', at }), /no open dispute/);
		refusedWith(answerDispute(disputed, 'health', { kind: 'disagreement', note: ' ', by: 'c', at }), /Record the panel/);
		const changed = ok(answerDispute(disputed, 'health', { kind: 'changed', note: 'Added both visits.', by: 'c', at }));
		expect(agencyStatus(changed, 'health', 'h1')).toBe('stale');
		const disagreement = ok(answerDispute(disputed, 'health', { kind: 'disagreement', note: 'The panel sees it differently.', by: 'c', at }));
		expect(agencyStatus(disagreement, 'health', 'h9')).toBe('disputed');
		refusedWith(answerDispute(disagreement, 'health', { kind: 'changed', note: 'again', by: 'c', at }), /no open dispute/);
	});

	it('a dispute stays a dispute, with its reasons and passages, whatever happens to the text until the chair answers it', () => {
		const disputed = ok(dispute(round(), step('health'), 'Our two visits are missing.', ['Analysis: The GP saw her once.']));
		// Someone edits an unrelated paragraph: the text hashes differently.
		expect(agencyStatus(disputed, 'health', 'h2')).toBe('disputed');
		expect(agencyStanding(disputed, 'health', 'h2')).toBe('disputed');
		expect(finaliseBlockers(disputed, ['health'], 'h2').filter((b) => b.agencyId === 'health').map((b) => b.message)).toEqual(['disputes the report and the chair has not answered']);
		// The chair moves the round to the new text: the dispute still stands, and can be answered.
		const moved = ok(openRound(disputed, { versionId: 'v2', textHash: 'h2' }, at));
		expect(agencyStatus(moved, 'health', 'h2')).toBe('disputed');
		expect(moved.decisions.health).toMatchObject({ reason: 'Our two visits are missing.', passages: ['Analysis: The GP saw her once.'] });
		const answered = ok(answerDispute(moved, 'health', { kind: 'changed', note: 'Both visits added.', by: 'c', at }));
		expect(agencyStanding(answered, 'health', 'h3')).toBe('text_changed_for_dispute');
		const message = finaliseBlockers(answered, ['health'], 'h3').find((b) => b.agencyId === 'health')?.message ?? '';
		expect(message).toMatch(/^disputed the report; the chair changed the text/);
		expect(message).not.toMatch(/confirmed/);
		// A recorded disagreement stands too, and no longer blocks, whatever the text.
		const disagreement = ok(answerDispute(moved, 'health', { kind: 'disagreement', note: 'The panel sees it differently.', by: 'c', at }));
		expect(agencyStanding(disagreement, 'health', 'h7')).toBe('disagreement_recorded');
		expect(finaliseBlockers(disagreement, ['health'], 'h7').some((b) => b.agencyId === 'health')).toBe(false);
	});

	it('only a confirmation goes out of date with its words; the agency may replace its own dispute by confirming the new version', () => {
		let state = ok(confirm(round(), step('police')));
		state = ok(dispute(state, step('health'), 'Missing visits.'));
		expect(agencyStanding(state, 'police', 'h2')).toBe('confirmed_earlier_text');
		expect(agencyStanding(state, 'health', 'h2')).toBe('disputed');
		expect(finaliseBlockers(state, agencies, 'h2').filter((b) => b.agencyId).map((b) => `${b.agencyId} ${b.message}`)).toEqual([
			'police confirmed an earlier text and needs to confirm the current one',
			'health disputes the report and the chair has not answered'
		]);
		state = ok(openRound(state, { versionId: 'v2', textHash: 'h2' }, at));
		state = ok(confirm(state, step('health', 'v2', 'h2')));
		expect(agencyStatus(state, 'health', 'h2')).toBe('confirmed');
	});

	it('finalising needs every agency confirmed or with a recorded disagreement, and the family', () => {
		let state = ok(confirm(round(), step('police')));
		state = ok(dispute(state, step('health'), 'Missing visits.'));
		refusedWith(finalise(state, agencies, 'h1'), /cannot be final/);
		expect(finaliseBlockers(state, agencies, 'h1').map((b) => b.agencyId ?? b.message)).toEqual(['health', 'The family has not seen the final draft, and no reason is recorded.']);
		state = ok(answerDispute(state, 'health', { kind: 'disagreement', note: 'Recorded in the appendix.', by: 'c', at }));
		refusedWith(recordFamily(state, { notSeenReason: ' ' }), /Record why/);
		state = ok(recordFamily(state, { seenVersionId: 'v0' }));
		expect(finaliseBlockers(state, agencies, 'h1').map((b) => b.message)).toEqual(['The family saw an earlier version, not the final draft.']);
		state = ok(recordFamily(state, { seenVersionId: 'v1' }));
		refusedWith(finalise(state, agencies, 'h2'), /cannot be final/);
		refusedWith(recordPartnershipSignoff(state, 'admin', at), /not marked the report final/);
		const final = ok(finalise(state, agencies, 'h1', 'chair', at));
		expect(final).toMatchObject({ stage: 'final', finalised: { by: 'chair', at } });
		refusedWith(recordFamily(final, { notSeenReason: 'late' }), /final/);
		const partnership = ok(recordPartnershipSignoff(final, 'admin', at));
		expect(partnership.partnership).toEqual({ by: 'admin', at });
		refusedWith(recordPartnershipSignoff(partnership, 'admin', at), /already signed off/);
		expect(ok(reopen(partnership, 'New information.'))).toMatchObject({ partnership: null, finalised: null });

		// Final is read-only for sign-off; reopening needs a reason and voids every decision.
		refusedWith(confirm(final, step('police')), /final/);
		refusedWith(openRound(final, { versionId: 'v3', textHash: 'h3' }, at), /final/);
		refusedWith(finalise(final, agencies, 'h1'), /cannot be final/);
		refusedWith(reopen(final, ''), /Say why/);
		refusedWith(reopen(state, 'x'), /not final/);
		const reopened = ok(reopen(final, 'The coroner’s findings arrived.'));
		expect(reopened).toMatchObject({ stage: 'draft', reopenedBecause: 'The coroner’s findings arrived.' });
		expect(agencyStatus(reopened, 'police', 'h1')).toBe('stale');
		expect(agencyStatus(reopened, 'health', 'h1')).toBe('stale');
		expect(finaliseBlockers(reopened, agencies, 'h1').find((b) => b.agencyId === 'health')?.message).toMatch(/before the report was reopened/);
	});
});

describe('shortHash', () => {
	it('shows a reader the first twelve characters of a hash, in groups of four', () => {
		expect(shortHash('3f2a9c1b77e0d4c5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9')).toBe('3f2a 9c1b 77e0');
		expect(shortHash('')).toBe('');
	});
});
