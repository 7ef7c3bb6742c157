import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { findMeetingFor, listActions, listAttendees, listDecisions, listResponses, meetingNotFoundMessage, type CirculatedMinutes } from '$lib/server/meetings';
import { getReviewOverview } from '$lib/server/reviews';
import { recordAudit } from '$lib/server/audit';

/** The minutes as circulated, and once agreed, frozen: printable, with who agreed and when. */
export const load: PageServerLoad = ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const found = findMeetingFor(locals.db, params.reviewId, params.meetingId, user.id);
	if (!found) error(404, meetingNotFoundMessage);
	const { meeting } = found;
	if (!meeting.circulatedAt) error(404, 'The minutes of this meeting have not been circulated yet');
	const overview = getReviewOverview(locals.db, params.reviewId)!;
	recordAudit(locals.db, { action: 'meeting.minutes_read', actorUserId: user.id, reviewId: meeting.reviewId, detail: { meetingId: meeting.id }, ipAddress: locals.clientAddress });
	return {
		review: { id: overview.review.id, title: overview.review.title, partnership: overview.review.partnership },
		meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, link: meeting.link, circulatedAt: meeting.circulatedAt, agreedAt: meeting.agreedAt },
		minutes: (meeting.minutesText ?? []) as CirculatedMinutes[],
		attendees: listAttendees(locals.db, meeting),
		decisions: listDecisions(locals.db, meeting.id),
		actions: listActions(locals.db, meeting.id),
		responses: listResponses(locals.db, meeting.id)
	};
};
