import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview, reviewNotFoundMessage } from '$lib/server/guards';
import { listImrs } from '$lib/server/imrs';
import { documentAccess } from '$lib/domain/permissions';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, facts } = requireReviewAction(locals, url, params.reviewId, 'review.read');
	// The family advocate and guests never see IMRs, not even that they exist.
	if (!['chair', 'panel_member', 'agency_rep', 'moderator', 'observer'].includes(membership.role)) error(404, reviewNotFoundMessage);
	const overview = requireReviewOverview(locals.db, params.reviewId);
	const names = new Map(overview.agencies.map((agency) => [agency.id, agency.name]));
	return {
		review: { id: overview.review.id, title: overview.review.title },
		imrs: listImrs(locals.db, params.reviewId).map((row) => ({
			...row,
			agencyName: names.get(row.agencyId) ?? '',
			canOpen: documentAccess(membership, { kind: 'imr', reviewId: params.reviewId, agencyId: row.agencyId }, { ...facts, imrStatus: row.status }) !== 'none'
		}))
	};
};
