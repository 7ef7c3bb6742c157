import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireAdmin } from '$lib/server/guards';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { loadSignoff } from '$lib/server/signoff';
import { listAllReviews } from '$lib/server/reviews';
import { deleteWorkingMaterial, findDeletion, retentionHistory, retentionOf, setRetentionRule } from '$lib/server/retention';
import { presentAudit } from '$lib/server/audit';
import { checkRule } from '$lib/domain/retention';
import { todayInUk } from '$lib/domain/dates';
import type { FieldError } from '$lib/domain/validation';

/** The admin's view of one review: its register entry (title, partnership, chair, stage), never its content. */
function reviewFor(locals: App.Locals, reviewId: string) {
	const found = listAllReviews(locals.db).find((review) => review.id === reviewId);
	if (!found) error(404, 'Review not found');
	return found;
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireAdmin(locals, url);
	const review = reviewFor(locals, params.reviewId);
	const { rule, standing } = retentionOf(locals.db, review.id);
	const deletion = findDeletion(locals.db, review.id);
	return {
		review: { id: review.id, title: review.title, partnership: review.partnership, chairs: review.chairs },
		stage: loadSignoff(locals.db, review.id).stage,
		rule: rule ? { keepYears: rule.keepYears, publishedOn: rule.publishedOn, note: rule.note, setAt: rule.setAt } : null,
		standing,
		deletion: deletion ? { deletedAt: deletion.deletedAt, deletedByName: deletion.deletedByName, reason: deletion.reason, kept: deletion.kept, removed: deletion.removed } : null,
		history: presentAudit(retentionHistory(locals.db, review.id))
	};
};

export const actions: Actions = {
	setRule: async ({ locals, url, params, request }) => {
		requireAdmin(locals, url);
		const review = reviewFor(locals, params.reviewId);
		const form = await request.formData();
		const values = { keepYears: formText(form, 'keepYears'), note: formText(form, 'note'), publishedOn: formDateParts(form, 'publishedOn') };
		const errors: FieldError[] = checkRule(values);
		const publishedOn = formDate(form, 'publishedOn', 'Date of publication', errors, false);
		if (publishedOn && publishedOn > todayInUk(new Date())) errors.push({ field: 'publishedOn', message: 'The date of publication must be today or in the past' });
		if (errors.length > 0) return fail(400, { form: 'rule' as const, errors, values });
		const outcome = setRetentionRule(locals.db, actorOf(locals), review.id, { keepYears: Number(values.keepYears), publishedOn, note: values.note });
		if (!outcome.ok) return fail(outcome.status, { form: 'rule' as const, errors: outcome.errors, values });
		return { ruleSaved: true };
	},

	deleteMaterial: async ({ locals, url, params, request }) => {
		requireAdmin(locals, url);
		const review = reviewFor(locals, params.reviewId);
		const form = await request.formData();
		const values = { confirmTitle: formText(form, 'confirmTitle'), reason: formText(form, 'reason'), early: form.get('early') === 'yes' };
		const outcome = deleteWorkingMaterial(locals.db, actorOf(locals), review.id, values);
		if (!outcome.ok) return fail(outcome.status, { form: 'deletion' as const, errors: outcome.errors, values });
		return { deleted: true };
	}
};
