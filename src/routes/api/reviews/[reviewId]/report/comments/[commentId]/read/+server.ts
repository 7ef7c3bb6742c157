import { apiReviewAccess, endpoint, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { markThreadRead } from '$lib/server/comments';
import type { RequestHandler } from './$types';

/** The caller has read this thread: its replies and mentions leave their "What needs me". */
export const POST: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	unwrap(markThreadRead(locals.db, actorOf(locals), params.reviewId, params.commentId));
	return new Response(null, { status: 204 });
});
