/**
 * Tells the collaboration server that someone's access has ended, so it can close
 * their open connections at once (issue 2: "Removing a member ends their access at
 * once"). Process-wide, because the app and the websocket server are bundled apart.
 */
import { EventEmitter } from 'node:events';

export interface AccessEvents {
	'membership-changed': [{ reviewId: string; userId: string }];
	'sessions-ended': [{ sessionIds: string[] }];
	/** Something that limits every member's access changed, such as the report becoming final. */
	'review-changed': [{ reviewId: string }];
	/** A learning event's plan changed, which can move the end of its guests' window. */
	'event-changed': [{ reviewId: string; eventId: string }];
	/**
	 * The review's working material is about to be deleted (retention, issue 13). Emitted
	 * before the deletion's transaction: listeners store what they hold, close every
	 * connection to the review's documents and drop them, synchronously, without writing back.
	 */
	'review-material-deleting': [{ reviewId: string }];
}

const key = Symbol.for('dhr-panel-workspace.access-events');
const store = globalThis as Record<symbol, unknown>;

export const accessEvents: EventEmitter<AccessEvents> =
	(store[key] as EventEmitter<AccessEvents>) ?? (store[key] = new EventEmitter<AccessEvents>());
