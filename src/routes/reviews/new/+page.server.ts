import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireAdmin } from '$lib/server/guards';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { checkReviewDetails } from '$lib/domain/review-details';
import { todayInUk } from '$lib/domain/dates';
import { createReview } from '$lib/server/reviews';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	return {};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		requireAdmin(locals, url);
		const form = await request.formData();
		const dateErrors: FieldError[] = [];
		const input = {
			title: formText(form, 'title'),
			partnership: formText(form, 'partnership'),
			dateOfDeath: formDate(form, 'dateOfDeath', 'Date of death', dateErrors),
			notifiedOn: formDate(form, 'notifiedOn', 'Date the partnership was notified', dateErrors),
			decisionOn: formDate(form, 'decisionOn', 'Date of the decision to hold a review', dateErrors, false)
		};
		const chairEmail = formText(form, 'chairEmail');
		const values = {
			title: input.title,
			partnership: input.partnership,
			chairEmail,
			dateOfDeath: formDateParts(form, 'dateOfDeath'),
			notifiedOn: formDateParts(form, 'notifiedOn'),
			decisionOn: formDateParts(form, 'decisionOn')
		};
		const checked = checkReviewDetails(input, todayInUk(new Date()), dateErrors);
		const errors = checked.ok ? [] : [...checked.errors];
		if (!chairEmail) errors.push({ field: 'chairEmail', message: 'Enter the email address of the independent chair' });
		if (!checked.ok || errors.length > 0) return fail(400, { values, errors });

		const outcome = createReview(locals.db, actorOf(locals), { ...checked.value, chairEmail });
		if (!outcome.ok) return fail(outcome.status, { values, errors: outcome.errors });
		redirect(303, `/admin?created=${encodeURIComponent(outcome.value.id)}`);
	}
};
