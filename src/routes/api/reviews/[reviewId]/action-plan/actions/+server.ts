import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { addAction } from '$lib/server/action-plan';
import { isIsoDate } from '$lib/domain/dates';
import type { RequestHandler } from './$types';

const newAction = z.object({
	recommendationId: z.string().min(1).max(80),
	text: z.string().max(2_000),
	leadAgencyId: z.string().min(1).max(80),
	ownerUserId: z.string().max(80).nullable().optional(),
	milestones: z.string().max(4_000).optional(),
	targetDate: z.string().refine(isIsoDate, 'a real date as YYYY-MM-DD').nullable().optional(),
	evidencePlan: z.string().max(4_000).optional()
});

/** The chair turns a recommendation into an action (a draft may wait for its owner and date). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'actionplan.write');
	const input = await readJson(request, newAction);
	const { id } = unwrap(addAction(locals.db, actorOf(locals), params.reviewId, input));
	return json({ id }, { status: 201 });
});
