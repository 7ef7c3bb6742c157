import { json } from '@sveltejs/kit';
import { ApiError, apiReviewAccess, endpoint } from '$lib/server/api';
import { getReviewOverview } from '$lib/server/reviews';
import { membersSeenBy } from '$lib/server/members';
import { can } from '$lib/domain/permissions';
import { assessTimescales } from '$lib/domain/timescales';
import { todayInUk } from '$lib/domain/dates';
import { reviewNotFoundMessage } from '$lib/server/guards';
import { loadReviewStart } from '$lib/server/review-start';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(({ locals, params }) => {
	const { membership } = apiReviewAccess(locals, params.reviewId, 'review.read');
	const overview = getReviewOverview(locals.db, params.reviewId);
	if (!overview) throw new ApiError(404, reviewNotFoundMessage);
	const { review, agencies, members, extensions } = overview;
	const start = loadReviewStart(locals.db, review.id);
	return json({
		id: review.id,
		title: review.title,
		partnership: review.partnership,
		dateOfDeath: review.dateOfDeath,
		notifiedOn: review.notifiedOn,
		decisionOn: review.decisionOn,
		victimDateOfBirth: review.victimDateOfBirth,
		materialDeletedAt: review.materialDeletedAt?.toISOString() ?? null,
		role: membership.role,
		agencyId: membership.agencyId,
		agencies: agencies.map(({ id, name, kind }) => ({ id, name, kind })),
		// The member list is for roles that may read it (not the family advocate), guests unnamed to most.
		...(can(membership, 'members.read')
			? { members: membersSeenBy(locals.db, review.id, members, membership).map(({ userId, name, role, agencyId }) => ({ userId, name, role, agencyId })) }
			: {}),
		// The review type (issue 20) and, once the partnership decided not to review, the date the record closed.
		reviewType: start.notification?.reviewType ?? null,
		closedOn: start.closedOn,
		timescales: assessTimescales({ ...review, closedOn: start.closedOn }, extensions, todayInUk(new Date()), start.rules.timescales).map(({ key, statutoryDueOn, dueOn, completedOn, status, daysRemaining }) => ({
			key,
			statutoryDueOn,
			dueOn,
			completedOn,
			status,
			daysRemaining
		}))
	});
});
