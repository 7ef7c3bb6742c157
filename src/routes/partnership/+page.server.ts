import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireAdmin } from '$lib/server/guards';
import { concludeActionPlan, decideRecurrence, partnershipOverview, recordNationalReply } from '$lib/server/action-plan';
import { recordAudit } from '$lib/server/audit';
import { formText } from '$lib/server/forms';

/** The partnership's view of every review's action plan: for the DHR co-ordinator (admin) only. */
export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	const actor = actorOf(locals);
	recordAudit(locals.db, { action: 'action_plan.read', actorUserId: actor.userId, detail: { partnership: true }, ipAddress: actor.ipAddress });
	return { overview: partnershipOverview(locals.db), updated: url.searchParams.get('updated') };
};

export const actions: Actions = {
	conclude: async ({ locals, url, request }) => {
		requireAdmin(locals, url);
		const form = await request.formData();
		const reviewId = formText(form, 'reviewId');
		const outcome = concludeActionPlan(locals.db, actorOf(locals), reviewId, formText(form, 'note'));
		if (!outcome.ok) return fail(outcome.status, { form: `conclude-${reviewId}`, errors: outcome.errors.map((e) => ({ field: 'note', message: e.message })) });
		redirect(303, '/partnership?updated=concluded');
	},
	reply: async ({ locals, url, request }) => {
		requireAdmin(locals, url);
		const form = await request.formData();
		const reviewId = formText(form, 'reviewId');
		const recommendationId = formText(form, 'recommendationId');
		const outcome = recordNationalReply(locals.db, actorOf(locals), reviewId, recommendationId, formText(form, 'reply'));
		if (!outcome.ok) return fail(outcome.status, { form: `reply-${recommendationId}`, errors: outcome.errors });
		redirect(303, '/partnership?updated=reply');
	},
	recurrence: async ({ locals, url, request }) => {
		requireAdmin(locals, url);
		const form = await request.formData();
		const decision = formText(form, 'decision');
		const key = formText(form, 'key');
		if ((decision !== 'confirmed' && decision !== 'dismissed') || !key) return fail(400, { form: 'recurrence', errors: [{ field: 'decision', message: 'Confirm or dismiss the suggestion' }] });
		decideRecurrence(locals.db, actorOf(locals), key.slice(0, 200), decision);
		redirect(303, '/partnership?updated=recurrence');
	}
};
