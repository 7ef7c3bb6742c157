import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiUser, endpoint, readJson, unwrap } from '$lib/server/api';
import { createReview, listReviewsForUser } from '$lib/server/reviews';
import { checkReviewDetails } from '$lib/domain/review-details';
import { todayInUk } from '$lib/domain/dates';
import { actorOf } from '$lib/server/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(({ locals }) => {
	const user = apiUser(locals);
	return json(listReviewsForUser(locals.db, user.id));
});

const newReviewBody = z.object({
	title: z.string(),
	partnership: z.string(),
	dateOfDeath: z.string(),
	notifiedOn: z.string(),
	decisionOn: z.string().nullable().optional(),
	chairEmail: z.string().trim().min(1, 'enter the email address of the chair')
});

export const POST: RequestHandler = endpoint(async ({ request, locals }) => {
	const user = apiUser(locals);
	if (!user.isAdmin) throw new ApiError(403, 'Only the DHR co-ordinator can create a review');
	const body = await readJson(request, newReviewBody);
	const checked = checkReviewDetails(body, todayInUk(new Date()));
	if (!checked.ok) throw new ApiError(400, checked.errors.map((e) => e.message).join('. '));
	const { id } = unwrap(createReview(locals.db, actorOf(locals), { ...checked.value, chairEmail: body.chairEmail }));
	return json({ id }, { status: 201 });
});
