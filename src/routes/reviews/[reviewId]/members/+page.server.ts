import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { addAgency, addMember, removeAgency } from '$lib/server/members';
import { formText } from '$lib/server/forms';
import { findUserByEmail } from '$lib/server/accounts';
import { listOpenInvitations, revokeInvitation } from '$lib/server/account-invitations';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'members.manage');
	const overview = requireReviewOverview(locals.db, params.reviewId);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		agencies: overview.agencies.map(({ id, name, kind }) => ({ id, name, kind })),
		members: overview.members,
		invitations: listOpenInvitations(locals.db, new Date(), params.reviewId).map(({ id, name, email, role, agencyId, invitedBy, expiresAt, status }) => ({ id, name, email, role, agencyId, invitedBy, expiresAt, status })),
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
		// No account yet: the page offers to invite them, with what the chair already typed.
		if (!outcome.ok) return fail(outcome.status, { form: 'member' as const, values, errors: outcome.errors, offerInvite: values.email !== '' && !findUserByEmail(locals.db, values.email) });
		return { form: 'member' as const, added: values.email };
	},
	revokeInvitation: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'members.manage');
		const outcome = revokeInvitation(locals.db, actor, params.reviewId, formText(await request.formData(), 'invitationId'));
		if (!outcome.ok) return fail(outcome.status, { form: 'invitations' as const, errors: outcome.errors });
		return { form: 'invitations' as const, revoked: outcome.value.name };
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
