/**
 * The sign-off workflow (issue 6) as a pure state machine: every step is a function
 * from the current state to the next, or a refusal with a plain reason. The server
 * stores the state and the audit log; the UI shows what each step would allow.
 *
 * A confirmation always belongs to the exact text it confirms: it records the
 * canonical-text hash (canonical-text.ts) of the version signed, and it is stale as
 * soon as the report's current text hashes differently. A dispute is different: it
 * stands until the chair answers it (see `agencyStanding`).
 */

export type AgencyStatus = 'not_started' | 'confirmed' | 'disputed' | 'stale';

export interface AgencyDecision {
	decision: 'confirm' | 'dispute';
	versionId: string;
	textHash: string;
	by: string;
	at: string;
	reason: string | null;
	/** For a dispute: the passages it concerns, as the agency saw them ("Section: words…"). */
	passages?: string[];
	/** Set when the report was reopened after this decision: it must be given again. */
	voided: boolean;
	/** The chair's answer to a dispute. */
	answer: { kind: 'changed' | 'disagreement'; note: string; by: string; at: string } | null;
}

export interface SignoffState {
	stage: 'draft' | 'final';
	round: { versionId: string; textHash: string; openedAt: string; /** Language flags still open that the chair chose to go ahead with. */ openFlagsConfirmed?: number } | null;
	decisions: Record<string, AgencyDecision | undefined>;
	/** The family saw this version, or the chair recorded why not. */
	family: { seenVersionId: string } | { notSeenReason: string } | null;
	/** Why the report was last reopened, if it was. */
	reopenedBecause: string | null;
	/** When the chair marked it final, and who. */
	finalised?: { by: string; at: string } | null;
	/** The partnership's sign-off of the final report, recorded by its co-ordinator. */
	partnership?: { by: string; at: string } | null;
}

export type Step = { ok: true; state: SignoffState } | { ok: false; reason: string };

export const initialSignoff: SignoffState = { stage: 'draft', round: null, decisions: {}, family: null, reopenedBecause: null };

const refuse = (reason: string): Step => ({ ok: false, reason });

/**
 * Where an agency stands, in the words the chair and the agency need. A dispute stands
 * until the chair answers it, whatever happens to the text meanwhile (issue 14): an
 * unrelated edit must never turn a dispute into "confirmed an earlier text". Only a
 * confirmation belongs to the exact words it confirmed, and goes out of date with them.
 */
export type AgencyStanding =
	| 'not_started'
	| 'confirmed'
	/** Confirmed words that have changed since: out of date, to confirm again. */
	| 'confirmed_earlier_text'
	/** Disputed, and the chair has not answered yet. */
	| 'disputed'
	/** Disputed, and recorded as an area of disagreement: it stands, and no longer blocks. */
	| 'disagreement_recorded'
	/** Disputed, and the chair answered by changing the text: the agency looks again. */
	| 'text_changed_for_dispute'
	/** Given before the report was reopened: to be given again. */
	| 'reopened_since';

export function agencyStanding(state: SignoffState, agencyId: string, currentTextHash: string): AgencyStanding {
	const decision = state.decisions[agencyId];
	if (!decision) return 'not_started';
	if (decision.voided) return 'reopened_since';
	if (decision.decision === 'dispute') {
		if (!decision.answer) return 'disputed';
		return decision.answer.kind === 'disagreement' ? 'disagreement_recorded' : 'text_changed_for_dispute';
	}
	return decision.textHash === currentTextHash ? 'confirmed' : 'confirmed_earlier_text';
}

const statusOfStanding: Record<AgencyStanding, AgencyStatus> = {
	not_started: 'not_started',
	confirmed: 'confirmed',
	confirmed_earlier_text: 'stale',
	disputed: 'disputed',
	disagreement_recorded: 'disputed',
	text_changed_for_dispute: 'stale',
	reopened_since: 'stale'
};

/** An agency's status against the report's current text (the API's four words). */
export function agencyStatus(state: SignoffState, agencyId: string, currentTextHash: string): AgencyStatus {
	return statusOfStanding[agencyStanding(state, agencyId, currentTextHash)];
}

/** What still stands in the way, said of the agency ("Riverside GP Practice disputes …"); null when nothing does. */
const blockerOfStanding: Record<AgencyStanding, string | null> = {
	not_started: 'has not confirmed or disputed the report yet',
	confirmed: null,
	confirmed_earlier_text: 'confirmed an earlier text and needs to confirm the current one',
	disputed: 'disputes the report and the chair has not answered',
	disagreement_recorded: null,
	text_changed_for_dispute: 'disputed the report; the chair changed the text, and the agency needs to confirm or dispute the new version',
	reopened_since: 'signed off before the report was reopened and needs to confirm or dispute it again'
};

export function openRound(state: SignoffState, version: { versionId: string; textHash: string; openFlagsConfirmed?: number }, at: string): Step {
	if (state.stage === 'final') return refuse('The report is final. Reopen it first.');
	return { ok: true, state: { ...state, round: { ...version, openedAt: at } } };
}

export interface AgencyStep {
	agencyId: string;
	versionId: string;
	by: string;
	at: string;
	/** The report's current canonical-text hash. */
	currentTextHash: string;
}

function decide(state: SignoffState, step: AgencyStep, decision: 'confirm' | 'dispute', reason: string | null, passages?: string[]): Step {
	if (state.stage === 'final') return refuse('The report is final. Reopen it first.');
	if (!state.round) return refuse('No sign-off round is open.');
	if (step.versionId !== state.round.versionId) return refuse('That is not the version in the current sign-off round.');
	if (state.round.textHash !== step.currentTextHash) {
		return refuse('The report has changed since this version was named. The chair needs to move the round to a newer version.');
	}
	const recorded: AgencyDecision = { decision, versionId: step.versionId, textHash: state.round.textHash, by: step.by, at: step.at, reason, voided: false, answer: null };
	if (passages?.length) recorded.passages = passages;
	return { ok: true, state: { ...state, decisions: { ...state.decisions, [step.agencyId]: recorded } } };
}

export function confirm(state: SignoffState, step: AgencyStep): Step {
	return decide(state, step, 'confirm', null);
}

export function dispute(state: SignoffState, step: AgencyStep, reason: string, passages: string[] = []): Step {
	if (!reason.trim()) return refuse('Say what is not fully or fairly represented.');
	return decide(state, step, 'dispute', reason.trim(), passages);
}

export function answerDispute(state: SignoffState, agencyId: string, answer: { kind: 'changed' | 'disagreement'; note: string; by: string; at: string }): Step {
	if (state.stage === 'final') return refuse('The report is final. Reopen it first.');
	const decision = state.decisions[agencyId];
	if (!decision || decision.decision !== 'dispute' || decision.answer) return refuse('There is no open dispute from this agency.');
	if (!answer.note.trim()) return refuse(answer.kind === 'changed' ? 'Say what was changed.' : 'Record the panel’s view beside the agency’s.');
	return { ok: true, state: { ...state, decisions: { ...state.decisions, [agencyId]: { ...decision, answer: { ...answer, note: answer.note.trim() } } } } };
}

export function recordFamily(state: SignoffState, family: { seenVersionId: string } | { notSeenReason: string }): Step {
	if (state.stage === 'final') return refuse('The report is final. Reopen it first.');
	if ('notSeenReason' in family && !family.notSeenReason.trim()) return refuse('Record why the family has not seen the final draft.');
	return { ok: true, state: { ...state, family } };
}

export interface Blocker {
	agencyId: string | null;
	message: string;
}

/** Why the report cannot be finalised yet (empty when it can). */
export function finaliseBlockers(state: SignoffState, agencyIds: string[], currentTextHash: string): Blocker[] {
	const blockers: Blocker[] = [];
	const general = (message: string) => blockers.push({ agencyId: null, message });
	if (state.stage === 'final') general('The report is already final.');
	if (!state.round) general('No sign-off round has been opened.');
	else if (state.round.textHash !== currentTextHash) general('The report has changed since the version in the sign-off round.');
	for (const agencyId of agencyIds) {
		const message = blockerOfStanding[agencyStanding(state, agencyId, currentTextHash)];
		if (message) blockers.push({ agencyId, message });
	}
	const family = state.family;
	if (!family) general('The family has not seen the final draft, and no reason is recorded.');
	else if ('seenVersionId' in family && state.round && family.seenVersionId !== state.round.versionId) {
		general('The family saw an earlier version, not the final draft.');
	}
	return blockers;
}

export function finalise(state: SignoffState, agencyIds: string[], currentTextHash: string, by = '', at = ''): Step {
	const blockers = finaliseBlockers(state, agencyIds, currentTextHash);
	if (blockers.length > 0) return refuse(`The report cannot be final yet: ${blockers.length === 1 ? 'one thing is' : `${blockers.length} things are`} outstanding.`);
	return { ok: true, state: { ...state, stage: 'final', finalised: { by, at } } };
}

/** The partnership records its sign-off once the chair has marked the report final. */
export function recordPartnershipSignoff(state: SignoffState, by: string, at: string): Step {
	if (state.stage !== 'final') return refuse('The chair has not marked the report final.');
	if (state.partnership) return refuse('The partnership has already signed off this report.');
	return { ok: true, state: { ...state, partnership: { by, at } } };
}

/** Reopening a final report needs a reason, and every confirmation must be given again. */
export function reopen(state: SignoffState, reason: string): Step {
	if (state.stage !== 'final') return refuse('The report is not final.');
	if (!reason.trim()) return refuse('Say why the report is being reopened.');
	const decisions = Object.fromEntries(Object.entries(state.decisions).map(([agencyId, decision]) => [agencyId, decision && { ...decision, voided: true }]));
	return { ok: true, state: { ...state, stage: 'draft', decisions, reopenedBecause: reason.trim(), finalised: null, partnership: null } };
}

/**
 * A text hash as a reader can compare it by eye: its first 12 characters in groups of four
 * ("3f2a 9c1b 77e0"). Twelve hex characters tell any two versions of one report apart; the full
 * value stays on the page for anyone checking it by machine.
 */
export function shortHash(hash: string): string {
	return (hash.slice(0, 12).match(/.{1,4}/g) ?? []).join(' ');
}
