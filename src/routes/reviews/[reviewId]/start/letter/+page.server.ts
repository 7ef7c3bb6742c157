import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { loadReviewStart } from '$lib/server/review-start';
import { recordAudit } from '$lib/server/audit';
import { noReviewLetter } from '$lib/domain/review-types';
import { formatDate, todayInUk } from '$lib/domain/dates';

/** The letter to the Home Office for a decision not to review: a page to print and send. */
export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user } = requireReviewAction(locals, url, params.reviewId, 'start.manage');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const start = loadReviewStart(locals.db, review.id);
	if (!start.decision || start.decision.outcome !== 'no_review') error(404, 'There is no decision not to review, so there is no letter');
	const letter = noReviewLetter(start.rules, {
		partnership: review.partnership,
		title: review.title,
		notifiedOn: formatDate(review.notifiedOn),
		decidedOn: formatDate(start.decision.decidedOn),
		notifiedBy: start.notification?.notifiedBy ?? 'an agency'
	});
	recordAudit(locals.db, { action: 'review.no_review_letter_read', actorUserId: user.id, reviewId: review.id, ipAddress: locals.clientAddress });
	return {
		review: { id: review.id, title: review.title, partnership: review.partnership },
		letter,
		reasons: start.decision.reasons,
		decidedBy: start.decision.decidedBy,
		typeLabel: start.rules.label,
		basis: start.rules.basis,
		dated: formatDate(todayInUk(new Date()))
	};
};
