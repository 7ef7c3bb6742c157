import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { listReviewAudit, presentAudit } from '$lib/server/audit';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireReviewAction(locals, url, params.reviewId, 'audit.read');
	const overview = requireReviewOverview(locals.db, params.reviewId);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		events: presentAudit(listReviewAudit(locals.db, params.reviewId))
	};
};
