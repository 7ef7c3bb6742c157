import { json } from '@sveltejs/kit';
import { ApiError, apiUser, endpoint } from '$lib/server/api';
import { eventNotFoundMessage, findEventFor, recordAttendance } from '$lib/server/events';
import type { RequestHandler } from './$types';

/**
 * Attendance from the board: an open page says "I am here" once the moderator starts the
 * event, so an event started before its planned time still records who was there.
 */
export const POST: RequestHandler = endpoint(({ locals, params }) => {
	const user = apiUser(locals);
	const found = findEventFor(locals.db, params.reviewId, params.eventId, user.id);
	if (!found) throw new ApiError(404, eventNotFoundMessage);
	return json({ recorded: recordAttendance(locals.db, found.event, user.id) });
});
