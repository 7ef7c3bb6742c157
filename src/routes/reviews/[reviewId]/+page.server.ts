import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { assessTimescales } from '$lib/domain/timescales';
import { todayInUk } from '$lib/domain/dates';
import { allowedActions, can } from '$lib/domain/permissions';
import { reportChangesSince } from '$lib/server/report-changes';
import { membersSeenBy } from '$lib/server/members';
import { findDeletion } from '$lib/server/retention';
import { reviewTasksAndGlance } from '$lib/server/tasks';
import { loadReviewStart } from '$lib/server/review-start';
import { listMeetings } from '$lib/server/meetings';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, user } = requireReviewAction(locals, url, params.reviewId, 'review.read');
	const { review, agencies, members, extensions } = requireReviewOverview(locals.db, params.reviewId);
	const showMembers = can(membership, 'members.read');
	const deletion = review.materialDeletedAt ? findDeletion(locals.db, review.id) : null;
	// What needs this member here, and the review's state in one glance (issue 14).
	const { tasks, glance } = reviewTasksAndGlance(locals.db, user.id, review.id);
	const start = loadReviewStart(locals.db, review.id);
	return {
		tasks,
		glance,
		nextMeeting: !deletion && can(membership, 'meetings.read') ? (listMeetings(locals.db, review.id).find((m) => m.startsAt.getTime() + 3 * 3_600_000 > Date.now() && m.status === 'planned') ?? null) : null,
		// The tombstone of a retention deletion: when, by whom, what was kept (never the removed content).
		deletion: deletion ? { deletedAt: deletion.deletedAt, deletedByName: deletion.deletedByName, kept: deletion.kept } : null,
		review: { id: review.id, title: review.title, partnership: review.partnership, dateOfDeath: review.dateOfDeath, notifiedOn: review.notifiedOn, decisionOn: review.decisionOn, victimDateOfBirth: review.victimDateOfBirth },
		membership,
		allowed: allowedActions(membership),
		milestones: assessTimescales({ ...review, closedOn: start.closedOn }, extensions, todayInUk(new Date()), start.rules.timescales),
		reviewType: start.rules.label,
		closedOn: start.closedOn,
		agencies: agencies.map(({ id, name, kind }) => ({ id, name, kind })),
		reportChanges: !deletion && can(membership, 'report.read') ? reportChangesSince(locals.db, review.id, user.id) : null,
		members: showMembers ? membersSeenBy(locals.db, review.id, members, membership).map(({ userId, name, role, agencyId }) => ({ userId, name, role, agencyId })) : []
	};
};
