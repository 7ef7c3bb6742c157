import { describe, expect, it } from 'vitest';
import { applyImrStep, imrAccess, imrStatuses, type ImrStepFacts } from './imrs';
import { documentAccess, documentName, parseDocumentName, type Membership } from './permissions';

const requested: ImrStepFacts = { status: 'requested', authorId: null, authorDeclared: false, signedOffBy: null };
const draft: ImrStepFacts = { status: 'draft', authorId: 'author', authorDeclared: true, signedOffBy: null };

function ok(result: ReturnType<typeof applyImrStep>) {
	if (!result.ok) throw new Error(result.reason);
	return result;
}

describe('the IMR state machine', () => {
	it('declaring independence makes the declarer the author and starts the draft', () => {
		const result = ok(applyImrStep(requested, { kind: 'declare', userId: 'author' }));
		expect(result).toMatchObject({ status: 'draft', authorId: 'author' });
		expect(applyImrStep({ ...requested, status: 'not_requested' }, { kind: 'declare', userId: 'author' })).toMatchObject({ ok: false });
		expect(applyImrStep(draft, { kind: 'declare', userId: 'someone-else' })).toEqual({ ok: false, reason: 'This IMR already has an author.' });
	});

	it('only a senior manager who is not the author signs off, and only once the author has declared', () => {
		expect(applyImrStep(draft, { kind: 'sign_off', userId: 'rep', seniorManager: false })).toMatchObject({ ok: false, reason: expect.stringContaining('senior manager') });
		expect(applyImrStep(draft, { kind: 'sign_off', userId: 'author', seniorManager: true })).toMatchObject({ ok: false, kind: 'forbidden', reason: expect.stringContaining('cannot be its author') });
		expect(applyImrStep({ ...draft, authorDeclared: false }, { kind: 'sign_off', userId: 'manager', seniorManager: true })).toMatchObject({ ok: false, reason: expect.stringContaining('declared') });
		expect(applyImrStep(requested, { kind: 'sign_off', userId: 'manager', seniorManager: true })).toMatchObject({ ok: false });
		expect(ok(applyImrStep(draft, { kind: 'sign_off', userId: 'manager', seniorManager: true }))).toMatchObject({ status: 'signed_off', signedOffBy: 'manager' });
	});

	it('submission is refused without a declaration or without a sign-off', () => {
		expect(applyImrStep(draft, { kind: 'submit' })).toEqual({ ok: false, reason: 'The IMR cannot be submitted: a senior manager of the agency has not signed it off.' });
		expect(applyImrStep({ ...draft, status: 'signed_off', signedOffBy: 'manager', authorDeclared: false }, { kind: 'submit' })).toEqual({ ok: false, reason: 'The IMR cannot be submitted: its author has not declared their independence.' });
		expect(ok(applyImrStep({ ...draft, status: 'signed_off', signedOffBy: 'manager' }, { kind: 'submit' })).status).toBe('submitted');
	});

	it('the panel returns a submitted IMR, which needs a new sign-off before it is submitted again, or accepts it', () => {
		const submitted: ImrStepFacts = { ...draft, status: 'submitted', signedOffBy: 'manager' };
		const returned = ok(applyImrStep(submitted, { kind: 'return' }));
		expect(returned).toMatchObject({ status: 'returned', signedOffBy: null });
		expect(applyImrStep({ ...submitted, status: 'returned', signedOffBy: null }, { kind: 'submit' })).toMatchObject({ ok: false });
		expect(ok(applyImrStep({ ...submitted, status: 'returned', signedOffBy: null }, { kind: 'sign_off', userId: 'manager', seniorManager: true })).status).toBe('signed_off');
		expect(ok(applyImrStep(submitted, { kind: 'accept' })).status).toBe('accepted');
		expect(applyImrStep(draft, { kind: 'accept' })).toMatchObject({ ok: false });
		expect(applyImrStep({ ...submitted, status: 'accepted' }, { kind: 'return' })).toMatchObject({ ok: false });
	});
});

describe('who sees an IMR', () => {
	const chair: Membership = { role: 'chair', agencyId: null };
	const panel: Membership = { role: 'panel_member', agencyId: null };
	const police: Membership = { role: 'agency_rep', agencyId: 'police' };
	const health: Membership = { role: 'agency_rep', agencyId: 'health' };
	const advocate: Membership = { role: 'family_advocate', agencyId: null };
	const guest: Membership = { role: 'guest', agencyId: null };

	it('a draft is written by the agency and read by the chair only', () => {
		for (const status of ['requested', 'draft', 'returned'] as const) {
			expect(imrAccess(police, 'police', status)).toBe('write');
			expect(imrAccess(chair, 'police', status)).toBe('read');
		}
		expect(imrAccess(health, 'police', 'draft')).toBe('none');
		expect(imrAccess(panel, 'police', 'draft')).toBe('none');
		// Signed off but not submitted: the text is fixed, and still only the agency's and the chair's.
		expect(imrAccess(police, 'police', 'signed_off')).toBe('read');
		expect(imrAccess(health, 'police', 'signed_off')).toBe('none');
	});

	it('once submitted the panel and other agencies read it; the family advocate and guests never do', () => {
		for (const status of ['submitted', 'accepted'] as const) {
			expect(imrAccess(panel, 'police', status)).toBe('read');
			expect(imrAccess(health, 'police', status)).toBe('read');
			expect(imrAccess(police, 'police', status)).toBe('read');
		}
		for (const status of imrStatuses) {
			expect(imrAccess(advocate, 'police', status)).toBe('none');
			expect(imrAccess(guest, 'police', status)).toBe('none');
		}
		expect(imrAccess(chair, 'police', 'not_requested')).toBe('none');
	});

	it('the document review/<id>/imr/<agencyId> goes through the same decision', () => {
		const ref = parseDocumentName('review/r1/imr/police');
		expect(ref).toEqual({ kind: 'imr', reviewId: 'r1', agencyId: 'police' });
		expect(documentName(ref!)).toBe('review/r1/imr/police');
		expect(documentAccess(health, ref!, { reportStage: 'draft', imrStatus: 'draft' })).toBe('none');
		expect(documentAccess(health, ref!, { reportStage: 'draft', imrStatus: 'submitted' })).toBe('read');
		expect(documentAccess(police, ref!, { reportStage: 'final', imrStatus: 'draft' })).toBe('write');
		expect(documentAccess(chair, ref!, { reportStage: 'draft' })).toBe('none');
	});
});
