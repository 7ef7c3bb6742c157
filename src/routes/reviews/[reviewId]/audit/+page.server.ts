import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireReviewAction, reviewNotFoundMessage } from '$lib/server/guards';
import { getReviewOverview } from '$lib/server/reviews';
import { listReviewAudit, presentAudit } from '$lib/server/audit';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'audit.read');
	const overview = getReviewOverview(locals.db, params.reviewId);
	if (!overview) error(404, reviewNotFoundMessage);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		events: presentAudit(listReviewAudit(locals.db, params.reviewId))
	};
};
