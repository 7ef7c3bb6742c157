import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { addAgency, addMember, removeAgency } from '$lib/server/members';
import { formText } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'members.manage');
	const overview = requireReviewOverview(locals.db, params.reviewId);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		agencies: overview.agencies.map(({ id, name, kind }) => ({ id, name, kind })),
		members: overview.members,
		added: url.searchParams.get('added'),
		removed: url.searchParams.get('removed')
	};
};

export const actions: Actions = {
	addMember: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'members.manage');
		const form = await request.formData();
		const values = { email: formText(form, 'email'), role: formText(form, 'role'), agencyId: formText(form, 'agencyId') };
		const outcome = addMember(locals.db, actor, params.reviewId, values);
		if (!outcome.ok) return fail(outcome.status, { form: 'member' as const, values, errors: outcome.errors });
		return { form: 'member' as const, added: values.email };
	},
	addAgency: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'members.manage');
		const form = await request.formData();
		const values = { agencyName: formText(form, 'agencyName'), agencyKind: formText(form, 'agencyKind') };
		const outcome = addAgency(locals.db, actor, params.reviewId, { name: values.agencyName, kind: values.agencyKind });
		if (!outcome.ok) return fail(outcome.status, { form: 'agency' as const, values, errors: outcome.errors });
		return { form: 'agency' as const, addedAgency: values.agencyName };
	},
	removeAgency: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'members.manage');
		const agencyId = formText(await request.formData(), 'agencyId');
		const outcome = removeAgency(locals.db, actor, params.reviewId, agencyId);
		if (!outcome.ok) return fail(outcome.status, { form: 'agencyList' as const, errors: outcome.errors });
		return { form: 'agencyList' as const, removedAgency: true };
	}
};
