import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { agreeTerms, copyAgreedTermsToReport, enquiryAnswers, linkAnswer, loadTermsAgreement, reportPassages, unlinkAnswer } from '$lib/server/terms';
import { reviewClosedOn } from '$lib/server/review-start';
import { listMeetings } from '$lib/server/meetings';
import { can, roleLabels } from '$lib/domain/permissions';
import { colourFor } from '$lib/domain/presence';
import { formatDate, todayInUk } from '$lib/domain/dates';
import { termsParts } from '$lib/domain/terms-of-reference';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user, membership, facts } = requireReviewAction(locals, url, params.reviewId, 'terms.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const passages = reportPassages(locals.db, review.id);
	return {
		review: { id: review.id, title: review.title },
		parts: termsParts,
		agreement: loadTermsAgreement(locals.db, review.id),
		closedOn: reviewClosedOn(locals.db, review.id),
		passages: passages.map((passage) => ({ ...passage, text: passage.text.length > 140 ? `${passage.text.slice(0, 137)}…` : passage.text })),
		answers: enquiryAnswers(locals.db, review.id, passages),
		canWrite: can(membership, 'terms.write'),
		canAgree: can(membership, 'terms.agree'),
		// The review's meetings already held (or under way), to choose the one that agreed the terms.
		agreeingMeetings: can(membership, 'terms.agree')
			? listMeetings(locals.db, review.id)
					.filter((m) => todayInUk(m.startsAt) <= todayInUk(new Date()))
					.map((m) => ({ value: m.id, label: `${m.title}, ${formatDate(todayInUk(m.startsAt))}` }))
			: [],
		canCopy: can(membership, 'terms.agree') && can(membership, 'report.write', facts),
		saved: url.searchParams.get('saved'),
		self: { name: user.name, color: colourFor(user.id), role: roleLabels[membership.role] }
	};
};

export const actions: Actions = {
	agree: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'terms.agree');
		const form = await request.formData();
		const errors: FieldError[] = [];
		const meetingId = formText(form, 'meetingId');
		// With a meeting of the review chosen, its day is the date unless one is entered.
		const agreedOn = formDate(form, 'agreedOn', 'Date the panel agreed the terms', errors, !meetingId);
		const values = { agreedOn: formDateParts(form, 'agreedOn'), meeting: formText(form, 'meeting'), meetingId };
		if (errors.length > 0 || (!agreedOn && !meetingId)) return fail(400, { form: 'agree' as const, errors, values });
		const outcome = agreeTerms(locals.db, actor, params.reviewId, { agreedOn: agreedOn ?? '', meeting: meetingId ? '' : values.meeting, meetingId: meetingId || undefined }, todayInUk(new Date()));
		if (!outcome.ok) return fail(outcome.status, { form: 'agree' as const, errors: outcome.errors, values });
		redirect(303, `/reviews/${params.reviewId}/terms?saved=agreed`);
	},
	copyToReport: async ({ locals, url, params }) => {
		// Changing the report: refused with 409 while it is final, as every change to it is.
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'report.write');
		requireReviewAction(locals, url, params.reviewId, 'terms.agree');
		const outcome = copyAgreedTermsToReport(locals.db, actor, params.reviewId);
		if (!outcome.ok) return fail(outcome.status, { form: 'copy' as const, errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/terms?saved=copied`);
	},
	link: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'terms.write');
		const form = await request.formData();
		const lineId = formText(form, 'lineId');
		const [sectionKey, index] = formText(form, 'passage').split('|');
		const outcome = linkAnswer(locals.db, actor, params.reviewId, { lineId, sectionKey: sectionKey ?? '', index: Number(index) });
		if (!outcome.ok) return fail(outcome.status, { form: 'link' as const, lineId, errors: outcome.errors.map((e) => ({ ...e, field: `passage-${lineId}` })) });
		redirect(303, `/reviews/${params.reviewId}/terms?saved=linked#line-${lineId}`);
	},
	unlink: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'terms.write');
		const form = await request.formData();
		const outcome = unlinkAnswer(locals.db, actor, params.reviewId, formText(form, 'answerId'));
		if (!outcome.ok) return fail(outcome.status, { form: 'unlink' as const, errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/terms?saved=unlinked`);
	}
};
