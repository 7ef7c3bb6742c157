import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { decisionLog } from '$lib/server/meetings';

/** Every decision of every meeting on one page: how and when the panel decided things (the Home Office QA panel asks). */
export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'meetings.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	return { review: { id: review.id, title: review.title }, decisions: decisionLog(locals.db, review.id) };
};
