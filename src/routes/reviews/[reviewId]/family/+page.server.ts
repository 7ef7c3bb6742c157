import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { familyUnsharedMessage, findFamilyShare, listFamilyComments, listFamilyContacts, listFamilyShares, recordFamilyComment, recordFamilyContact } from '$lib/server/family';
import { versionReportContent } from '$lib/server/report-views';
import { loadSignoff, recordFamilySeen } from '$lib/server/signoff';
import { recordAudit } from '$lib/server/audit';
import { can, refusalOf, type Membership } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import type { FieldError } from '$lib/domain/validation';

/** The advocate records for the family; the chair may record contact and that they saw a version. */
// Contact with the family goes on after the report is final (publication, the inquest), so only the role counts here.
const mayRecordContact = (membership: Membership) => refusalOf(membership, 'family.record') === null || can(membership, 'signoff.manage');

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, actor, facts } = requireReviewAction(locals, url, params.reviewId, 'family.read_shared');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const shares = listFamilyShares(locals.db, review.id);
	const wanted = url.searchParams.get('share');
	const share = wanted ? findFamilyShare(locals.db, review.id, wanted) : (shares[0] ?? null);
	// Asking for anything not shared gets the same plain refusal, and nothing of it.
	if (wanted && !share) error(404, familyUnsharedMessage);
	if (share) recordAudit(locals.db, { action: 'family.read', actorUserId: actor.userId, reviewId: review.id, detail: { shareId: share.id }, ipAddress: actor.ipAddress, at: new Date() });
	const state = loadSignoff(locals.db, review.id);
	return {
		review: { id: review.id, title: review.title },
		shares,
		share,
		content: share ? versionReportContent(locals.db, review.id, share.versionId)?.sections ?? [] : [],
		seenVersionId: state.family && 'seenVersionId' in state.family ? state.family.seenVersionId : null,
		final: facts.reportStage === 'final',
		comments: listFamilyComments(locals.db, review.id),
		contacts: listFamilyContacts(locals.db, review.id),
		canRecordComments: can(membership, 'family.record', facts),
		canRecordContact: mayRecordContact(membership),
		today: todayInUk(new Date())
	};
};

export const actions: Actions = {
	comment: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'family.record');
		const form = await request.formData();
		const kind = formText(form, 'kind') === 'disagreement' ? 'disagreement' : 'comment';
		const outcome = recordFamilyComment(locals.db, actor, params.reviewId, { shareId: formText(form, 'shareId'), kind, body: formText(form, 'body') });
		if (!outcome.ok) return fail(outcome.status, { action: 'comment', errors: outcome.errors.map((e) => ({ ...e, field: `comment-${e.field}` })) });
		return { action: 'comment', done: kind };
	},

	seen: async ({ locals, url, params, request }) => {
		const { membership, actor } = requireReviewAction(locals, url, params.reviewId, 'family.read_shared');
		if (!mayRecordContact(membership)) error(403, 'Your role in this review does not allow this');
		const form = await request.formData();
		const share = findFamilyShare(locals.db, params.reviewId, formText(form, 'shareId'));
		if (!share) return fail(404, { action: 'seen', errors: [{ field: 'seen-form', message: familyUnsharedMessage }] });
		const outcome = recordFamilySeen(locals.db, actor, params.reviewId, share.versionId);
		if (!outcome.ok) return fail(outcome.status, { action: 'seen', errors: outcome.errors.map((e) => ({ ...e, field: 'seen-form' })) });
		return { action: 'seen', done: true };
	},

	contact: async ({ locals, url, params, request }) => {
		const { membership, actor } = requireReviewAction(locals, url, params.reviewId, 'family.read_shared');
		if (!mayRecordContact(membership)) error(403, 'Your role in this review does not allow this');
		const form = await request.formData();
		const errors: FieldError[] = [];
		const contactDate = formDate(form, 'contact-contactDate', 'Date of the contact', errors);
		const values = { through: formText(form, 'through'), summary: formText(form, 'summary'), publication: formText(form, 'publication') };
		const sticky = { ...values, date: formDateParts(form, 'contact-contactDate') };
		if (!contactDate) return fail(400, { action: 'contact', errors, values: sticky });
		const outcome = recordFamilyContact(locals.db, actor, params.reviewId, { contactDate, ...values });
		if (!outcome.ok) return fail(outcome.status, { action: 'contact', errors: outcome.errors.map((e) => ({ ...e, field: `contact-${e.field}` })), values: sticky });
		return { action: 'contact', done: true };
	}
};
