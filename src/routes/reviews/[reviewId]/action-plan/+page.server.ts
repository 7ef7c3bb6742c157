import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActionPlanAccess, requireReviewAction } from '$lib/server/guards';
import { addAction, changeAction, findAction, loadActionPlan, recordPlanRead, recordProgress, setRecommendationDetails } from '$lib/server/action-plan';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { maxFileBytes, readUploadForm, uploadedFile } from '$lib/server/review-files';
import { isActionStatus, planScopes, type PlanScope } from '$lib/domain/action-plan';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { access, membership, actor } = requireActionPlanAccess(locals, url, params.reviewId);
	const plan = loadActionPlan(locals.db, params.reviewId)!;
	recordPlanRead(locals.db, actor, params.reviewId, { via: 'page' });
	return { plan, access, agencyId: membership?.agencyId ?? null, updated: url.searchParams.get('updated'), maxEvidenceMb: Math.round(maxFileBytes / (1024 * 1024)) };
};

const done = (reviewId: string, what: string, anchor: string) => redirect(303, `/reviews/${reviewId}/action-plan?updated=${what}#${anchor}`);

export const actions: Actions = {
	/** The chair sets a recommendation's scope, lead, the body it is sent to and its theme. */
	recommendation: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'actionplan.write');
		const form = await request.formData();
		const recommendationId = formText(form, 'recommendationId');
		const scope = formText(form, 'scope');
		const newTheme = formText(form, 'newTheme');
		const values = { scope, leadAgencyId: formText(form, 'leadAgencyId'), addressedTo: formText(form, 'addressedTo'), theme: newTheme || formText(form, 'theme'), newTheme };
		const key = `rec-${recommendationId}`;
		if (!(planScopes as readonly string[]).includes(scope)) return fail(400, { form: key, errors: [{ field: 'scope', message: 'Choose the scope of the recommendation' }], values });
		const outcome = setRecommendationDetails(locals.db, actor, params.reviewId, { recommendationId, scope: scope as PlanScope, leadAgencyId: values.leadAgencyId || null, addressedTo: values.addressedTo, theme: values.theme });
		if (!outcome.ok) return fail(outcome.status, { form: key, errors: outcome.errors, values });
		done(params.reviewId, 'recommendation', `recommendation-${recommendationId}`);
	},

	/** The chair turns a recommendation into an action. */
	addAction: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'actionplan.write');
		const form = await request.formData();
		const recommendationId = formText(form, 'recommendationId');
		const key = `add-${recommendationId}`;
		const errors: FieldError[] = [];
		const targetDate = formDate(form, `targetDate-${key}`, 'Target date', errors, false);
		const values = { text: formText(form, 'text'), leadAgencyId: formText(form, 'leadAgencyId'), ownerUserId: formText(form, 'ownerUserId'), milestones: formText(form, 'milestones'), evidencePlan: formText(form, 'evidencePlan'), targetDate: formDateParts(form, `targetDate-${key}`) };
		const fieldErrors = errors.map((e) => ({ field: 'targetDate', message: e.message }));
		if (!values.leadAgencyId) fieldErrors.unshift({ field: 'leadAgencyId', message: 'Choose the lead agency' });
		if (fieldErrors.length) return fail(400, { form: key, errors: fieldErrors, values });
		const outcome = addAction(locals.db, actor, params.reviewId, { recommendationId, text: values.text, leadAgencyId: values.leadAgencyId, ownerUserId: values.ownerUserId || null, milestones: values.milestones, targetDate, evidencePlan: values.evidencePlan });
		if (!outcome.ok) return fail(outcome.status, { form: key, errors: outcome.errors, values });
		done(params.reviewId, 'added', `action-${outcome.value.id}`);
	},

	/** The chair completes a draft action: its owner, milestones, target date and evidence. */
	changeAction: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'actionplan.write');
		const form = await request.formData();
		const actionId = formText(form, 'actionId');
		const key = `change-${actionId}`;
		const errors: FieldError[] = [];
		const targetDate = formDate(form, `targetDate-${key}`, 'Target date', errors, false);
		const values = { ownerUserId: formText(form, 'ownerUserId'), milestones: formText(form, 'milestones'), evidencePlan: formText(form, 'evidencePlan'), targetDate: formDateParts(form, `targetDate-${key}`) };
		if (errors.length) return fail(400, { form: key, errors: errors.map((e) => ({ field: 'targetDate', message: e.message })), values });
		const outcome = changeAction(locals.db, actor, params.reviewId, actionId, { ownerUserId: values.ownerUserId || null, milestones: values.milestones, targetDate, evidencePlan: values.evidencePlan });
		if (!outcome.ok) return fail(outcome.status, { form: key, errors: outcome.errors, values });
		done(params.reviewId, 'changed', `action-${actionId}`);
	},

	/** Progress on an action, from its agency's representative or the chair; with evidence. */
	progress: async ({ locals, url, params, request }) => {
		requireReviewAction(locals, url, params.reviewId, 'actionplan.read');
		// An evidence file over the server's body limit is answered plainly, like any upload.
		const read = await readUploadForm(request);
		if (!read.ok) return fail(read.status, { form: 'progress', errors: [{ field: 'evidenceFile', message: read.error }] });
		const form = read.form;
		const actionId = formText(form, 'actionId');
		const action = findAction(locals.db, params.reviewId, actionId);
		if (!action) error(404, 'That action does not exist');
		// Only that agency's representatives, or the chair: refused with 403 otherwise.
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'actionplan.update', { agencyId: action.leadAgencyId });
		const status = formText(form, 'status');
		const key = `update-${actionId}`;
		const values = { status, note: formText(form, 'note'), evidenceText: formText(form, 'evidenceText') };
		if (!isActionStatus(status)) return fail(400, { form: key, errors: [{ field: 'status', message: 'Choose the action’s status' }], values });
		const file = await uploadedFile(form, 'evidenceFile');
		const evidenceFile = file ? { name: file.fileName, bytes: file.bytes } : null;
		const outcome = await recordProgress(locals.db, actor, params.reviewId, actionId, { status, note: values.note, evidenceText: values.evidenceText, evidenceFile });
		if (!outcome.ok) return fail(outcome.status, { form: key, errors: outcome.errors, values });
		done(params.reviewId, 'progress', `action-${actionId}`);
	}
};
