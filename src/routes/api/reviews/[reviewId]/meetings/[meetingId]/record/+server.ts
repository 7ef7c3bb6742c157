import { json } from '@sveltejs/kit';
import { ApiError, apiReviewAccess, endpoint } from '$lib/server/api';
import { findMeetingFor, listActions, listAttendees, listDecisions, meetingNotFoundMessage } from '$lib/server/meetings';
import type { RequestHandler } from './$types';

/**
 * A meeting's decisions, actions and attendance as they stand: open meeting pages fetch
 * it again when the server signals a change (as an automatic refresh, not as activity).
 */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	const { user } = apiReviewAccess(locals, params.reviewId, 'meetings.read');
	const found = findMeetingFor(locals.db, params.reviewId, params.meetingId, user.id);
	if (!found) throw new ApiError(404, meetingNotFoundMessage);
	return json(
		{ decisions: listDecisions(locals.db, found.meeting.id), actions: listActions(locals.db, found.meeting.id), attendees: listAttendees(locals.db, found.meeting) },
		{ headers: { 'cache-control': 'no-store' } }
	);
});
