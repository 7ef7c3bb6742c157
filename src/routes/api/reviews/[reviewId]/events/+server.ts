import { json } from '@sveltejs/kit';
import { apiReviewAccess, endpoint } from '$lib/server/api';
import { eventTimes, listEvents } from '$lib/server/events';
import type { RequestHandler } from './$types';

/** The review's learning events (DESIGN.md): plans only, never contributions or their authors. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'events.read');
	return json(
		listEvents(locals.db, params.reviewId).map((event) => ({ id: event.id, title: event.title, kind: event.kind, ...eventTimes(event), agenda: event.agenda, episodeIds: event.episodeIds })),
		{ headers: { 'cache-control': 'no-store' } }
	);
});
