import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { changeComment, deleteComment } from '$lib/server/comments';
import type { RequestHandler } from './$types';

const change = z.union([z.object({ body: z.string().max(10_000), mentions: z.array(z.string().max(80)).max(50).optional() }), z.object({ resolved: z.boolean() })]);

/** `{body}` changes the text (its author only); `{resolved}` resolves or reopens a thread. */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { membership } = apiReviewAccess(locals, params.reviewId, 'comment.write');
	const input = await readJson(request, change);
	unwrap(changeComment(locals.db, actorOf(locals), membership, params.reviewId, params.commentId, input));
	return new Response(null, { status: 204 });
});

export const DELETE: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'comment.write');
	unwrap(deleteComment(locals.db, actorOf(locals), params.reviewId, params.commentId));
	return new Response(null, { status: 204 });
});
