import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { changeAction, findAction, recordProgress } from '$lib/server/action-plan';
import { actionStatuses } from '$lib/domain/action-plan';
import { isIsoDate } from '$lib/domain/dates';
import type { RequestHandler } from './$types';

const change = z.object({
	status: z.enum(actionStatuses).optional(),
	note: z.string().max(4_000).optional(),
	evidenceText: z.string().max(4_000).optional(),
	// The chair only: completing a draft.
	ownerUserId: z.string().max(80).nullable().optional(),
	milestones: z.string().max(4_000).optional(),
	targetDate: z.string().refine(isIsoDate, 'a real date as YYYY-MM-DD').nullable().optional(),
	evidencePlan: z.string().max(4_000).optional()
});

/**
 * Progress on an action, from its agency's representative or the chair (`{status, note}`,
 * kept beside the earlier updates); the chair may also set its owner, milestones and date.
 */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'actionplan.read');
	const input = await readJson(request, change);
	const action = findAction(locals.db, params.reviewId, params.actionId);
	if (!action) throw new ApiError(404, 'That action does not exist');
	const actor = actorOf(locals);
	const definition = { ownerUserId: input.ownerUserId, milestones: input.milestones, targetDate: input.targetDate, evidencePlan: input.evidencePlan };
	const changesDefinition = Object.values(definition).some((value) => value !== undefined);
	if (!changesDefinition && !input.status) throw new ApiError(400, 'Send a status, with a note, to report progress');
	if (changesDefinition) apiReviewAccess(locals, params.reviewId, 'actionplan.write');
	if (input.status) apiReviewAccess(locals, params.reviewId, 'actionplan.update', { agencyId: action.leadAgencyId });
	if (changesDefinition) unwrap(changeAction(locals.db, actor, params.reviewId, params.actionId, definition));
	const update = input.status ? unwrap(await recordProgress(locals.db, actor, params.reviewId, params.actionId, { status: input.status, note: input.note ?? '', evidenceText: input.evidenceText })) : null;
	return json({ id: params.actionId, updateId: update?.id ?? null });
});
