/**
 * The `live` map of a document someone runs live (a learning event's board, a panel
 * meeting): the agenda position that the agenda clock reads, and what is in focus for
 * those who follow ("follow me"). One reader and writer for both kinds of document.
 */
import type * as Y from 'yjs';
import type { AgendaPosition } from '../domain/agenda-clock';

export const liveMapOf = (doc: Y.Doc) => doc.getMap('live');

export const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

export function readAgendaPosition(live: Y.Map<unknown>): AgendaPosition {
	const phaseIndex = live.get('phaseIndex');
	return { phaseIndex: typeof phaseIndex === 'number' ? phaseIndex : -1, phaseStartedAt: textOrNull(live.get('phaseStartedAt')) };
}

/** Writes the changed keys of the live state in one transaction (one update for followers). */
export function writeLiveState(doc: Y.Doc, change: Record<string, unknown>): void {
	const live = liveMapOf(doc);
	doc.transact(() => {
		for (const [key, value] of Object.entries(change)) live.set(key, value ?? null);
	});
}
