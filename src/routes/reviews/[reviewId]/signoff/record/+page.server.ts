import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { signoffRecord } from '$lib/server/signoff-record';
import { listFamilyContacts } from '$lib/server/family';
import { recordAudit } from '$lib/server/audit';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, actor } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	recordAudit(locals.db, { action: 'signoff.record_read', actorUserId: actor.userId, reviewId: review.id, detail: {}, ipAddress: actor.ipAddress, at: new Date() });
	return {
		review: { id: review.id, title: review.title, partnership: review.partnership },
		record: signoffRecord(locals.db, review.id, agencies),
		// Contact with the family is the chair's to see, not every reader's.
		contacts: can(membership, 'signoff.manage') ? listFamilyContacts(locals.db, review.id) : null
	};
};
