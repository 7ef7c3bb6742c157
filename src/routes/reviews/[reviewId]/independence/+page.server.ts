import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { declarePanelIndependence, independenceDeclarations } from '$lib/server/imrs';
import { formText } from '$lib/server/forms';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, user } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const declarations = independenceDeclarations(locals.db, params.reviewId);
	return {
		review: { id: review.id, title: review.title },
		declarations,
		canDeclare: can(membership, 'independence.declare'),
		declaredAt: declarations.find((d) => d.userId === user.id && d.part !== 'imr_author')?.declaredAt ?? null
	};
};

export const actions: Actions = {
	declare: async ({ locals, url, params, request }) => {
		const { actor, membership } = requireReviewAction(locals, url, params.reviewId, 'independence.declare');
		const form = await request.formData();
		const input = { notInvolved: form.get('notInvolved') === 'yes', notLineManager: form.get('notLineManager') === 'yes', statement: formText(form, 'statement') };
		const outcome = declarePanelIndependence(locals.db, actor, params.reviewId, membership, input);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, statement: input.statement });
		redirect(303, `/reviews/${params.reviewId}/independence?declared=1`);
	}
};
