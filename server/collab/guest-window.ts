/**
 * A guest's live connection lasts only while their learning event's window is open
 * (issue 13): the window is checked on connecting, and again by the session sweep
 * (the window ends with time) and whenever the event's plan changes (which can move
 * its end), as finalising the report rechecks editors through `accessEvents`.
 */
import type { AppDatabase } from '../../src/lib/server/db/client';
import { findEvent, windowClosesAt } from '../../src/lib/server/events';
import type { DocumentRef, Membership } from '../../src/lib/domain/permissions';

export interface LiveConnection {
	ref: DocumentRef;
	membership: Membership;
}

/** Among `connections`, the guests' whose event window has closed (or whose event is gone). */
export function guestsPastTheirWindow<C extends LiveConnection>(db: AppDatabase, connections: Iterable<C>, now: Date): C[] {
	const closesAt = new Map<string, Date | null>();
	const past: C[] = [];
	for (const connection of connections) {
		const { ref, membership } = connection;
		if (membership.role !== 'guest' || ref.kind !== 'event') continue;
		if (!closesAt.has(ref.eventId)) {
			const event = findEvent(db, ref.reviewId, ref.eventId);
			closesAt.set(ref.eventId, event ? windowClosesAt(event) : null);
		}
		const end = closesAt.get(ref.eventId);
		if (!end || now > end) past.push(connection);
	}
	return past;
}
