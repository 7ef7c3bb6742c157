import { json } from '@sveltejs/kit';
import { ApiError, apiReviewAccess, endpoint } from '$lib/server/api';
import { findMeetingFor, meetingNotFoundMessage, recordPresence } from '$lib/server/meetings';
import type { RequestHandler } from './$types';

/**
 * Attendance from presence: the meeting page says "I am here" once the meeting is running
 * (whenever the presenter started it, early or late). The server checks it is running.
 */
export const POST: RequestHandler = endpoint(({ locals, params }) => {
	const { user } = apiReviewAccess(locals, params.reviewId, 'meetings.read');
	const found = findMeetingFor(locals.db, params.reviewId, params.meetingId, user.id);
	if (!found) throw new ApiError(404, meetingNotFoundMessage);
	return json({ recorded: recordPresence(locals.db, found.meeting, user.id) });
});
