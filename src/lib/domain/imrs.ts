/**
 * Individual Management Reviews (issue 20, item 4): each agency asked writes one, by an
 * author independent of the case, signed off by a senior manager of that agency before it
 * reaches the panel, who accept it or return it with questions. Pure: the state machine
 * and who may see the text at each step.
 */
import type { Membership } from './permissions';

export const imrStatuses = ['not_requested', 'requested', 'draft', 'signed_off', 'submitted', 'returned', 'accepted'] as const;
export type ImrStatus = (typeof imrStatuses)[number];

export const imrStatusLabels: Record<ImrStatus, string> = {
	not_requested: 'Not requested',
	requested: 'Requested',
	draft: 'Draft',
	signed_off: 'Signed off, not yet submitted',
	submitted: 'Submitted to the panel',
	returned: 'Returned with questions',
	accepted: 'Accepted by the panel'
};

/** The IMR template's headings (Home Office statutory guidance, IMR template), in order. */
export const imrHeadings = [
	{ key: 'terms', title: 'Terms of reference' },
	{ key: 'author', title: 'The author and their independence' },
	{ key: 'involvement', title: 'The agency’s involvement' },
	{ key: 'analysis', title: 'Analysis against the key lines of enquiry' },
	{ key: 'good_practice', title: 'Good practice' },
	{ key: 'lessons', title: 'Lessons learned' },
	{ key: 'recommendations', title: 'Recommendations for the agency' }
] as const;
export type ImrHeadingKey = (typeof imrHeadings)[number]['key'];

/** What the steps need to know about the IMR and the person acting. */
export interface ImrStepFacts {
	status: ImrStatus;
	authorId: string | null;
	/** The author has a declaration of independence for this IMR. */
	authorDeclared: boolean;
	signedOffBy: string | null;
}

export type ImrStep =
	| { kind: 'declare'; userId: string }
	| { kind: 'sign_off'; userId: string; seniorManager: boolean }
	| { kind: 'submit' }
	| { kind: 'return' }
	| { kind: 'accept' };

/** A refusal says why, and whether the person may never take the step (`forbidden`) or the IMR is not at that step (`state`). */
export type ImrStepResult = { ok: true; status: ImrStatus; authorId: string | null; signedOffBy: string | null } | { ok: false; reason: string; kind?: 'forbidden' };

/** The text is being written: the agency may change it, and a sign-off is still to come. */
export function isBeingWritten(status: ImrStatus): boolean {
	return status === 'requested' || status === 'draft' || status === 'returned';
}

/** The panel has it (or had it, and asked questions): it is no longer only the agency's. */
export function reachedPanel(status: ImrStatus): boolean {
	return status === 'submitted' || status === 'returned' || status === 'accepted';
}

/**
 * One step of the IMR's life. Declaring makes the declarer the author (a draft begins).
 * Sign-off needs a declared author and a senior manager who is not the author; submission
 * needs both; the panel accepts or returns a submitted IMR, and a returned one is written
 * again and signed off again before it is resubmitted.
 */
export function applyImrStep(facts: ImrStepFacts, step: ImrStep): ImrStepResult {
	const done = (status: ImrStatus, changes: Partial<Pick<ImrStepFacts, 'authorId' | 'signedOffBy'>> = {}): ImrStepResult => ({
		ok: true,
		status,
		authorId: 'authorId' in changes ? changes.authorId! : facts.authorId,
		signedOffBy: 'signedOffBy' in changes ? changes.signedOffBy! : facts.signedOffBy
	});
	switch (step.kind) {
		case 'declare':
			if (facts.status === 'not_requested') return { ok: false, reason: 'No IMR has been asked of this agency.' };
			if (!isBeingWritten(facts.status)) return { ok: false, reason: 'The IMR has been signed off: its author cannot change now.' };
			if (facts.authorId && facts.authorId !== step.userId) return { ok: false, reason: 'This IMR already has an author.' };
			return done(facts.status === 'requested' ? 'draft' : facts.status, { authorId: step.userId });
		case 'sign_off':
			if (!step.seniorManager) return { ok: false, reason: 'Only the agency’s senior manager can sign off its IMR.' };
			if (facts.status !== 'draft' && facts.status !== 'returned') return { ok: false, reason: facts.status === 'requested' ? 'The IMR has no author yet: its author declares their independence first.' : 'The IMR is not a draft waiting for sign-off.' };
			if (!facts.authorId || !facts.authorDeclared) return { ok: false, reason: 'The IMR’s author has not declared their independence yet.' };
			if (facts.authorId === step.userId) return { ok: false, kind: 'forbidden', reason: 'The senior manager who signs off an IMR cannot be its author: another senior manager of the agency must sign it off.' };
			return done('signed_off', { signedOffBy: step.userId });
		case 'submit':
			if (!facts.authorId || !facts.authorDeclared) return { ok: false, reason: 'The IMR cannot be submitted: its author has not declared their independence.' };
			if (facts.status !== 'signed_off' || !facts.signedOffBy) return { ok: false, reason: 'The IMR cannot be submitted: a senior manager of the agency has not signed it off.' };
			return done('submitted');
		case 'return':
			if (facts.status !== 'submitted') return { ok: false, reason: 'Only a submitted IMR can be returned.' };
			// Back to the agency: it answers the questions and a senior manager signs it off again.
			return done('returned', { signedOffBy: null });
		case 'accept':
			if (facts.status !== 'submitted') return { ok: false, reason: 'Only a submitted IMR can be accepted.' };
			return done('accepted');
	}
}

/**
 * Who may read or write an agency's IMR text (DESIGN.md, "Collaborative documents"): the
 * agency's own people write it while it is being written and read it after; the chair reads
 * it always; other members who read the chronologies read it once it has reached the panel.
 * The family advocate and guests never see an IMR (IMRs are not published).
 */
export function imrAccess(membership: Membership | null, agencyId: string, status: ImrStatus): 'write' | 'read' | 'none' {
	if (!membership || status === 'not_requested') return 'none';
	const own = membership.role === 'agency_rep' && membership.agencyId === agencyId;
	if (own) return isBeingWritten(status) ? 'write' : 'read';
	if (membership.role === 'chair') return 'read';
	const panelReaders = ['panel_member', 'agency_rep', 'moderator', 'observer'];
	return panelReaders.includes(membership.role) && reachedPanel(status) ? 'read' : 'none';
}
