import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { addEarlyLearning, loadReviewStart, recordDecision, recordNotification } from '$lib/server/review-start';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { checkDecision, checkEarlyLearning, checkNotification, decisionTimescale } from '$lib/domain/review-start';
import { reviewTypes } from '$lib/domain/review-types';
import { todayInUk } from '$lib/domain/dates';
import { can } from '$lib/domain/permissions';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'start.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const start = loadReviewStart(locals.db, review.id);
	return {
		review: { id: review.id, title: review.title, partnership: review.partnership, notifiedOn: review.notifiedOn, decisionOn: review.decisionOn, dateOfDeath: review.dateOfDeath },
		start,
		timescale: decisionTimescale(review.notifiedOn, start.decision?.decidedOn ?? review.decisionOn, start.rules, todayInUk(new Date())),
		types: reviewTypes.map(({ key, label, applies, nations }) => ({ key, label, applies, nations })),
		canManage: can(membership, 'start.manage'),
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	notification: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'start.manage');
		const { review } = requireReviewOverview(locals.db, params.reviewId);
		const start = loadReviewStart(locals.db, review.id);
		const form = await request.formData();
		const preErrors: FieldError[] = [];
		const notifiedOn = formDate(form, 'notifiedOn', 'Date of the notification', preErrors);
		const input = { notifiedOn, notifiedBy: formText(form, 'notifiedBy'), summary: formText(form, 'summary'), reviewType: formText(form, 'reviewType') };
		const values = { ...input, notifiedOn: formDateParts(form, 'notifiedOn') };
		const checked = checkNotification(input, { dateOfDeath: review.dateOfDeath, decidedOn: start.decision?.decidedOn ?? null, today: todayInUk(new Date()) }, preErrors);
		if (!checked.ok) return fail(400, { form: 'notification' as const, errors: checked.errors, values });
		const outcome = recordNotification(locals.db, actor, review.id, checked.value);
		if (!outcome.ok) return fail(outcome.status, { form: 'notification' as const, errors: outcome.errors, values });
		redirect(303, `/reviews/${review.id}/start?saved=notification`);
	},
	decision: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'start.manage');
		const { review } = requireReviewOverview(locals.db, params.reviewId);
		const form = await request.formData();
		const preErrors: FieldError[] = [];
		const decidedOn = formDate(form, 'decidedOn', 'Date of the decision', preErrors);
		const input = { outcome: formText(form, 'outcome'), reasons: formText(form, 'reasons'), decidedBy: formText(form, 'decidedBy'), decidedOn };
		const values = { ...input, decidedOn: formDateParts(form, 'decidedOn') };
		const checked = checkDecision(input, { notifiedOn: review.notifiedOn, today: todayInUk(new Date()) }, preErrors);
		if (!checked.ok) return fail(400, { form: 'decision' as const, errors: checked.errors, values });
		const outcome = recordDecision(locals.db, actor, review.id, checked.value);
		if (!outcome.ok) return fail(outcome.status, { form: 'decision' as const, errors: outcome.errors, values });
		redirect(303, `/reviews/${review.id}/start?saved=decision`);
	},
	learning: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'start.manage');
		const form = await request.formData();
		const values = { learning: formText(form, 'learning'), actionTaken: formText(form, 'actionTaken') };
		const checked = checkEarlyLearning(values);
		if (!checked.ok) return fail(400, { form: 'learning' as const, errors: checked.errors, values });
		addEarlyLearning(locals.db, actor, params.reviewId, checked.value);
		redirect(303, `/reviews/${params.reviewId}/start?saved=learning#early-learning`);
	}
};

