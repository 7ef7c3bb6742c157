import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { changeMemberRole, removeMember } from '$lib/server/members';
import { formText } from '$lib/server/forms';

function loadMember(db: App.Locals['db'], reviewId: string, userId: string) {
	const overview = requireReviewOverview(db, reviewId);
	const member = overview.members.find((m) => m.userId === userId);
	if (!member) error(404, 'This person is not a member of this review');
	return { overview, member };
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'members.manage');
	const { overview, member } = loadMember(locals.db, params.reviewId, params.userId);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		agencies: overview.agencies.map(({ id, name }) => ({ id, name })),
		member: { userId: member.userId, name: member.name, email: member.email, role: member.role, agencyId: member.agencyId },
		isSelf: member.userId === locals.user?.id
	};
};

export const actions: Actions = {
	changeRole: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'members.manage');
		const form = await request.formData();
		const values = { role: formText(form, 'role'), agencyId: formText(form, 'agencyId') };
		const outcome = changeMemberRole(locals.db, actor, params.reviewId, params.userId, values);
		if (!outcome.ok) return fail(outcome.status, { values, errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/members?added=${encodeURIComponent('Role changed.')}`);
	},
	remove: ({ locals, url, params }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'members.manage');
		const { member } = loadMember(locals.db, params.reviewId, params.userId);
		const outcome = removeMember(locals.db, actor, params.reviewId, params.userId);
		if (!outcome.ok) return fail(outcome.status, { values: null, errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/members?removed=${encodeURIComponent(member.name)}`);
	}
};
