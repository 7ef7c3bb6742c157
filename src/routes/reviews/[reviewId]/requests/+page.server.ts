import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { answerInformationRequest, listInformationRequests, listSeniorManagers, markItemProvided, sendInformationRequests, setSeniorManager } from '$lib/server/imrs';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { can } from '$lib/domain/permissions';
import type { RequestedItem } from '$lib/domain/information-requests';
import type { FieldError } from '$lib/domain/validation';

const requestedItems: RequestedItem[] = ['chronology', 'imr', 'short_report'];

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'chronology.read');
	const chair = can(membership, 'requests.manage');
	const ownAgencyId = membership.role === 'agency_rep' ? membership.agencyId : null;
	if (!chair && !ownAgencyId) error(403, 'Your role in this review does not allow this');
	const overview = requireReviewOverview(locals.db, params.reviewId);
	const requests = listInformationRequests(locals.db, params.reviewId).filter((request) => chair || request.agencyId === ownAgencyId);
	const seniorManagers = listSeniorManagers(locals.db, params.reviewId);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		chair,
		ownAgencyId,
		agencies: overview.agencies.map(({ id, name }) => ({ id, name })),
		requests,
		representatives: chair
			? overview.members
					.filter((member) => member.role === 'agency_rep' && member.agencyId)
					.map((member) => ({ userId: member.userId, name: member.name, agencyId: member.agencyId!, senior: seniorManagers.some((s) => s.userId === member.userId) }))
			: []
	};
};

export const actions: Actions = {
	send: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'requests.manage');
		const form = await request.formData();
		const errors: FieldError[] = [];
		const agencyIds = form.getAll('agencyIds').map(String);
		const asks = form.getAll('asks').map(String).filter((item): item is RequestedItem => (requestedItems as string[]).includes(item));
		const dueOn = formDate(form, 'dueOn', 'Date the answer is due by', errors);
		const values = { agencyIds, asks, dueOn: formDateParts(form, 'dueOn') };
		if (agencyIds.length === 0) errors.unshift({ field: 'agencyIds', message: 'Choose at least one agency to send the request to' });
		if (asks.length === 0) errors.push({ field: 'asks', message: 'Choose what the agency should provide if it had contact' });
		if (errors.length > 0 || !dueOn) return fail(400, { form: 'send' as const, errors, values });
		const outcome = sendInformationRequests(locals.db, actor, params.reviewId, { agencyIds, asks, dueOn });
		if (!outcome.ok) return fail(outcome.status, { form: 'send' as const, errors: outcome.errors, values });
		redirect(303, `/reviews/${params.reviewId}/requests?sent=${outcome.value.sent}`);
	},
	answer: async ({ locals, url, params, request }) => {
		const form = await request.formData();
		const agencyId = formText(form, 'agencyId');
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'requests.answer', { agencyId });
		const answer = formText(form, 'answer');
		const values = { answer, checkedBy: formText(form, 'checkedBy'), howChecked: formText(form, 'howChecked') };
		if (answer !== 'contact' && answer !== 'no_contact') return fail(400, { form: 'answer' as const, errors: [{ field: 'answer', message: 'Say whether the agency had contact with the subjects in the period' }], values });
		const outcome = answerInformationRequest(locals.db, actor, params.reviewId, agencyId, answer === 'contact' ? { answer } : { answer, checkedBy: values.checkedBy, howChecked: values.howChecked });
		if (!outcome.ok) return fail(outcome.status, { form: 'answer' as const, errors: outcome.errors, values });
		redirect(303, `/reviews/${params.reviewId}/requests?answered=1`);
	},
	provided: async ({ locals, url, params, request }) => {
		const form = await request.formData();
		const agencyId = formText(form, 'agencyId');
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'requests.answer', { agencyId });
		const item = formText(form, 'item');
		if (item !== 'chronology' && item !== 'short_report') error(400, 'Choose the item that is complete');
		const outcome = markItemProvided(locals.db, actor, params.reviewId, agencyId, item);
		if (!outcome.ok) return fail(outcome.status, { form: 'provided' as const, errors: outcome.errors, values: null });
		redirect(303, `/reviews/${params.reviewId}/requests`);
	},
	seniorManager: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'requests.manage');
		const form = await request.formData();
		const outcome = setSeniorManager(locals.db, actor, params.reviewId, formText(form, 'userId'), formText(form, 'senior') === 'yes');
		if (!outcome.ok) return fail(outcome.status, { form: 'seniorManager' as const, errors: outcome.errors, values: null });
		redirect(303, `/reviews/${params.reviewId}/requests#senior-managers`);
	}
};
