import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { recordDecisionDate, recordExtension } from '$lib/server/reviews';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { assessTimescales, checkExtension, milestoneKeys, type MilestoneKey } from '$lib/domain/timescales';
import { todayInUk } from '$lib/domain/dates';
import { loadReviewStart } from '$lib/server/review-start';
import type { FieldError } from '$lib/domain/validation';
import { listSubmissionSteps, reportSentOn } from '$lib/server/submissions';
import { publicationStanding } from '$lib/domain/submissions';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'timescales.manage');
	const overview = requireReviewOverview(locals.db, params.reviewId);
	const steps = listSubmissionSteps(locals.db, params.reviewId);
	const start = loadReviewStart(locals.db, params.reviewId);
	return {
		review: { id: overview.review.id, title: overview.review.title, notifiedOn: overview.review.notifiedOn, decisionOn: overview.review.decisionOn },
		milestones: assessTimescales(
			{ ...overview.review, reportCompletedOn: reportSentOn(steps), closedOn: start.closedOn },
			overview.extensions,
			todayInUk(new Date()),
			start.rules.timescales
		),
		extensions: overview.extensions,
		// The journey to publication (issue 17), against the timescales.
		journey: { standing: publicationStanding(steps.map((step) => step.kind)).label, steps: steps.map(({ id, label, occurredOn }) => ({ id, label, occurredOn })) }
	};
};

export const actions: Actions = {
	recordDecision: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'timescales.manage');
		const overview = requireReviewOverview(locals.db, params.reviewId);
		const form = await request.formData();
		const errors: FieldError[] = [];
		const decisionOn = formDate(form, 'decisionOn', 'Date of the decision', errors);
		if (decisionOn && decisionOn < overview.review.notifiedOn) {
			errors.push({ field: 'decisionOn', message: 'The date of the decision must be on or after the date the partnership was notified' });
		}
		if (decisionOn && decisionOn > todayInUk(new Date())) {
			errors.push({ field: 'decisionOn', message: 'The date of the decision must be today or in the past' });
		}
		if (errors.length > 0 || !decisionOn) {
			return fail(400, { form: 'decision' as const, errors, values: { decisionOn: formDateParts(form, 'decisionOn') } });
		}
		recordDecisionDate(locals.db, actor, params.reviewId, decisionOn);
		redirect(303, `/reviews/${params.reviewId}`);
	},
	extend: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'timescales.manage');
		const overview = requireReviewOverview(locals.db, params.reviewId);
		const form = await request.formData();
		const milestoneKey = formText(form, 'milestone');
		const reason = formText(form, 'reason');
		const errors: FieldError[] = [];
		const newDueOn = formDate(form, 'newDueOn', 'New due date', errors);
		const values = { milestone: milestoneKey, reason, newDueOn: formDateParts(form, 'newDueOn') };
		if (!(milestoneKeys as readonly string[]).includes(milestoneKey)) {
			errors.unshift({ field: 'milestone', message: 'Select the milestone that has been extended' });
		}
		if (errors.length > 0 || !newDueOn) return fail(400, { form: 'extension' as const, errors, values });
		const milestone = assessTimescales({ ...overview.review, closedOn: loadReviewStart(locals.db, overview.review.id).closedOn }, overview.extensions, todayInUk(new Date()), loadReviewStart(locals.db, overview.review.id).rules.timescales).find((m) => m.key === milestoneKey)!;
		const problem = checkExtension(milestone, newDueOn, reason);
		if (problem) return fail(400, { form: 'extension' as const, errors: [problem], values });
		recordExtension(locals.db, actor, params.reviewId, { milestone: milestoneKey as MilestoneKey, newDueOn, reason });
		redirect(303, `/reviews/${params.reviewId}`);
	}
};
