import { json } from '@sveltejs/kit';
import { apiReviewAccess, endpoint } from '$lib/server/api';
import { mentionableMembers } from '$lib/server/comments';
import type { RequestHandler } from './$types';

/** The members a comment may mention with @: only those who can read the report. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'comment.write');
	return json(mentionableMembers(locals.db, params.reviewId), { headers: { 'cache-control': 'no-store' } });
});
