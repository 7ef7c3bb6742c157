import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { addComment, listThreads } from '$lib/server/comments';
import type { RequestHandler } from './$types';

/** The report's comment threads, oldest first. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	return json(listThreads(locals.db, params.reviewId), { headers: { 'cache-control': 'no-store' } });
});

const body = z.object({
	sectionKey: z.string().max(80).default(''),
	body: z.string().max(10_000),
	parentId: z.string().max(80).nullish(),
	anchor: z.string().max(2_000).nullish(),
	quote: z.string().max(2_000).optional(),
	mentions: z.array(z.string().max(80)).max(50).optional()
});

/** Starts a thread on a passage, or replies to one (`parentId`). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'comment.write');
	const input = await readJson(request, body);
	const { id } = unwrap(addComment(locals.db, actorOf(locals), params.reviewId, input));
	return json({ id }, { status: 201 });
});
