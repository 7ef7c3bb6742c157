import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { listExtensions, listReviewsForUser } from '$lib/server/reviews';
import { eventIdsForGuest } from '$lib/server/events';
import { assessTimescales } from '$lib/domain/timescales';
import { todayInUk } from '$lib/domain/dates';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	const today = todayInUk(new Date());
	// A guest practitioner's way in is their event, not the review.
	const guestEvents = eventIdsForGuest(locals.db, user.id);
	const reviews = listReviewsForUser(locals.db, user.id).map((listing) => {
		const event = listing.role === 'guest' ? guestEvents.find((e) => e.reviewId === listing.id) : undefined;
		const href = event ? `/reviews/${listing.id}/events/${event.eventId}` : `/reviews/${listing.id}`;
		// The listing carries the dates the timescales need; no need to load each review whole.
		const milestones = assessTimescales(listing, listExtensions(locals.db, listing.id), today);
		const next = milestones.find((milestone) => !milestone.completedOn && milestone.dueOn) ?? null;
		return { ...listing, href, next: next && { label: next.label, dueOn: next.dueOn!, status: next.status } };
	});
	return { reviews, isAdmin: user.isAdmin };
};
