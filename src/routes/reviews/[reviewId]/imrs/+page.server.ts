import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview, reviewNotFoundMessage } from '$lib/server/guards';
import { listImrs } from '$lib/server/imrs';
import { findMembership } from '$lib/server/reviews';
import { documentAccess } from '$lib/domain/permissions';

export const load: PageServerLoad = ({ locals, url, params }) => {
	// The family advocate and guests never see IMRs, not even that they exist.
	const member = locals.user ? findMembership(locals.db, params.reviewId, locals.user.id) : null;
	if (member && !['chair', 'panel_member', 'agency_rep', 'moderator', 'observer'].includes(member.role)) error(404, reviewNotFoundMessage);
	const { membership, facts } = requireReviewAction(locals, url, params.reviewId, 'chronology.read');
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
