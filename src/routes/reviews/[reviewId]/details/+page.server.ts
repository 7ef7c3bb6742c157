import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { recordVictimDateOfBirth } from '$lib/server/reviews';
import { formDate, formDateParts } from '$lib/server/forms';
import { todayInUk } from '$lib/domain/dates';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'timescales.manage');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	return { review: { id: review.id, title: review.title, victimDateOfBirth: review.victimDateOfBirth } };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'timescales.manage');
		const { review } = requireReviewOverview(locals.db, params.reviewId);
		const form = await request.formData();
		const errors: FieldError[] = [];
		const birth = formDate(form, 'victimDateOfBirth', "Victim's date of birth", errors, false);
		if (birth && birth > review.dateOfDeath) errors.push({ field: 'victimDateOfBirth', message: "The victim's date of birth must be before the date of death" });
		if (birth && birth > todayInUk(new Date())) errors.push({ field: 'victimDateOfBirth', message: "The victim's date of birth must be in the past" });
		if (errors.length > 0) return fail(400, { errors, values: { victimDateOfBirth: formDateParts(form, 'victimDateOfBirth') } });
		recordVictimDateOfBirth(locals.db, actor, params.reviewId, birth);
		redirect(303, `/reviews/${params.reviewId}`);
	}
};
