import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { loadIntegratedChronology } from '$lib/server/chronology';
import { recordAudit } from '$lib/server/audit';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user } = requireReviewAction(locals, url, params.reviewId, 'chronology.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	const entries = loadIntegratedChronology(locals.db, review, agencies);
	recordAudit(locals.db, { action: 'chronology.printed', actorUserId: user.id, reviewId: review.id, detail: { entries: entries.length }, ipAddress: locals.clientAddress });
	return { review: { id: review.id, title: review.title, partnership: review.partnership }, entries, printedBy: user.name, printedAt: new Date() };
};
