/**
 * A learning event's board in its Yjs document (`review/<id>/event/<eventId>`):
 * `live` (Y.Map: phase, clock, focused episode, who is speaking), `contributions`
 * (Y.Array<Y.Map>, written only by the server) and `themes` (Y.Array<Y.Map>). The
 * moderator's page groups, merges and marks contributions by changing their maps.
 */
import * as Y from 'yjs';
import type { ContributionTiming, LiveState } from '../domain/learning-events';
import { liveMapOf, readAgendaPosition, textOrNull, writeLiveState } from './live-state';

export interface BoardContribution {
	id: string;
	prompt: string;
	episodeId: string | null;
	text: string;
	/** Null when posted without a name: the document never holds its author. */
	authorName: string | null;
	timing: ContributionTiming;
	createdAt: string;
	themeId: string | null;
	/** Set when the moderator merged it into another as a duplicate. */
	mergedInto: string | null;
	mark: 'learning' | 'question' | null;
}

export interface BoardTheme {
	id: string;
	title: string;
}

export interface BoardLive extends LiveState {
	/** The name of who has the floor, set by the moderator. */
	speaking: string | null;
}

export const contributionsOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('contributions');
export const themesOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('themes');

const text = textOrNull;

export function readLive(doc: Y.Doc): BoardLive {
	const live = liveMapOf(doc);
	return { ...readAgendaPosition(live), focusEpisodeId: text(live.get('focusEpisodeId')), speaking: text(live.get('speaking')) };
}

export function writeLive(doc: Y.Doc, change: Partial<BoardLive>): void {
	writeLiveState(doc, change);
}

export function readContributions(doc: Y.Doc): BoardContribution[] {
	return contributionsOf(doc)
		.toArray()
		.map((map) => ({
			id: String(map.get('id') ?? ''),
			prompt: String(map.get('prompt') ?? ''),
			episodeId: text(map.get('episodeId')),
			text: String(map.get('text') ?? ''),
			authorName: text(map.get('authorName')),
			timing: (text(map.get('timing')) ?? 'live') as ContributionTiming,
			createdAt: String(map.get('createdAt') ?? ''),
			themeId: text(map.get('themeId')),
			mergedInto: text(map.get('mergedInto')),
			mark: (text(map.get('mark')) as BoardContribution['mark']) ?? null
		}));
}

export function readThemes(doc: Y.Doc): BoardTheme[] {
	return themesOf(doc)
		.toArray()
		.map((map) => ({ id: String(map.get('id') ?? ''), title: String(map.get('title') ?? '') }));
}

/** The server's write of a new contribution. */
export function appendContribution(doc: Y.Doc, contribution: Omit<BoardContribution, 'themeId' | 'mergedInto' | 'mark'>): void {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries({ ...contribution, themeId: null, mergedInto: null, mark: null })) map.set(key, value);
	contributionsOf(doc).push([map]);
}

export function addTheme(doc: Y.Doc, id: string, title: string): void {
	const map = new Y.Map<unknown>();
	map.set('id', id);
	map.set('title', title);
	themesOf(doc).push([map]);
}

/** The moderator's changes to a contribution: its theme, a merge, a mark. */
export function changeContribution(doc: Y.Doc, id: string, change: Partial<Pick<BoardContribution, 'themeId' | 'mergedInto' | 'mark'>>): boolean {
	const map = contributionsOf(doc)
		.toArray()
		.find((m) => m.get('id') === id);
	if (!map) return false;
	doc.transact(() => {
		for (const [key, value] of Object.entries(change)) map.set(key, value ?? null);
	});
	return true;
}
