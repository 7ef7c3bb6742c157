import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { inviteToReview, invitationValidDays } from '$lib/server/account-invitations';
import { formText } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'members.manage');
	const overview = requireReviewOverview(locals.db, params.reviewId);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		agencies: overview.agencies.map(({ id, name }) => ({ id, name })),
		invitationValidDays,
		// From "Add a member", when the email had no account: what the chair already typed.
		prefill: { email: url.searchParams.get('email') ?? '', role: url.searchParams.get('role') ?? '', agencyId: url.searchParams.get('agencyId') ?? '' }
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'members.manage');
		const form = await request.formData();
		const values = { inviteName: formText(form, 'inviteName'), inviteEmail: formText(form, 'inviteEmail'), inviteRole: formText(form, 'inviteRole'), inviteAgencyId: formText(form, 'inviteAgencyId') };
		const outcome = inviteToReview(locals.db, actor, params.reviewId, { name: values.inviteName, email: values.inviteEmail, role: values.inviteRole, agencyId: values.inviteAgencyId });
		if (!outcome.ok) return fail(outcome.status, { values, errors: outcome.errors });
		// Shown once: only the link's hash is kept.
		return { invited: { name: values.inviteName, email: values.inviteEmail, link: `${url.origin}/join/${outcome.value.token}`, expiresAt: outcome.value.expiresAt } };
	}
};
