/**
 * Reading and writing chronology and analysis documents (DESIGN.md schema): an
 * agency's entries are a `Y.Array<Y.Map>` named `entries`; the panel's analysis is a
 * `Y.Map` named `annotations`, entry id → `Y.Map {tags, keyEpisode, note}`.
 * Used by the browser, the demo seed and the exports alike.
 */
import * as Y from 'yjs';
import { emptyAnalysis, type ChronologyEntry, type EntryAnalysis, type EntryFields, type EntrySubject } from '../domain/chronology';

export function entriesOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>('entries');
}

export function annotationsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>('annotations');
}

function text(value: unknown): string {
	return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

/** A plain copy of one entry; missing or mistyped fields read as empty, never throw. */
export function readEntry(map: Y.Map<unknown>): ChronologyEntry {
	const subjects = map.get('subjects');
	return {
		id: String(map.get('id') ?? ''),
		date: String(map.get('date') ?? ''),
		datePrecision: (['day', 'month', 'year'].includes(map.get('datePrecision') as string) ? map.get('datePrecision') : 'day') as ChronologyEntry['datePrecision'],
		approximate: map.get('approximate') === true,
		time: String(map.get('time') ?? ''),
		subjects: (subjects instanceof Y.Array ? subjects.toArray() : []).filter((s): s is EntrySubject => typeof s === 'string') as EntrySubject[],
		source: String(map.get('source') ?? ''),
		summary: text(map.get('summary')),
		action: text(map.get('action')),
		afterDeath: map.get('afterDeath') === true,
		createdBy: String(map.get('createdBy') ?? ''),
		createdAt: String(map.get('createdAt') ?? ''),
		updatedAt: String(map.get('updatedAt') ?? '')
	};
}

export function readEntries(doc: Y.Doc): ChronologyEntry[] {
	return entriesOf(doc)
		.toArray()
		.filter((map): map is Y.Map<unknown> => map instanceof Y.Map)
		.map(readEntry)
		.filter((entry) => entry.id !== '');
}

function replaceText(target: Y.Text, value: string): void {
	if (target.toString() === value) return;
	target.delete(0, target.length);
	target.insert(0, value);
}

export function addEntry(doc: Y.Doc, id: string, fields: EntryFields, userId: string, now: Date): void {
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		const summary = new Y.Text();
		summary.insert(0, fields.summary);
		const action = new Y.Text();
		action.insert(0, fields.action);
		const subjects = new Y.Array<string>();
		subjects.push(fields.subjects);
		map.set('id', id);
		map.set('date', fields.date);
		map.set('datePrecision', fields.datePrecision);
		map.set('approximate', fields.approximate);
		map.set('time', fields.time);
		map.set('subjects', subjects);
		map.set('source', fields.source.trim());
		map.set('summary', summary);
		map.set('action', action);
		map.set('afterDeath', fields.afterDeath);
		map.set('createdBy', userId);
		map.set('createdAt', now.toISOString());
		map.set('updatedAt', now.toISOString());
		entriesOf(doc).push([map]);
	});
}

function findEntry(doc: Y.Doc, id: string): { map: Y.Map<unknown>; index: number } | null {
	const entries = entriesOf(doc);
	for (let index = 0; index < entries.length; index++) {
		const map = entries.get(index);
		if (map instanceof Y.Map && map.get('id') === id) return { map, index };
	}
	return null;
}

/** Writes only the fields that changed, so concurrent edits to other fields survive. */
export function updateEntry(doc: Y.Doc, id: string, fields: EntryFields, now: Date): boolean {
	const found = findEntry(doc, id);
	if (!found) return false;
	const { map } = found;
	const before = readEntry(map);
	doc.transact(() => {
		for (const key of ['date', 'datePrecision', 'approximate', 'time', 'afterDeath'] as const) {
			if (before[key] !== fields[key]) map.set(key, fields[key]);
		}
		if (before.source !== fields.source.trim()) map.set('source', fields.source.trim());
		if (before.subjects.join() !== fields.subjects.join()) {
			const subjects = new Y.Array<string>();
			subjects.push(fields.subjects);
			map.set('subjects', subjects);
		}
		for (const key of ['summary', 'action'] as const) {
			const current = map.get(key);
			if (current instanceof Y.Text) replaceText(current, fields[key]);
			else {
				const fresh = new Y.Text();
				fresh.insert(0, fields[key]);
				map.set(key, fresh);
			}
		}
		map.set('updatedAt', now.toISOString());
	});
	return true;
}

export function removeEntry(doc: Y.Doc, id: string): boolean {
	const found = findEntry(doc, id);
	if (!found) return false;
	entriesOf(doc).delete(found.index, 1);
	return true;
}

export function readAnalysis(doc: Y.Doc): Map<string, EntryAnalysis> {
	const result = new Map<string, EntryAnalysis>();
	annotationsOf(doc).forEach((value, entryId) => {
		if (!(value instanceof Y.Map)) return;
		const tags = value.get('tags');
		result.set(entryId, {
			tags: tags instanceof Y.Array ? tags.toArray().filter((t): t is string => typeof t === 'string') : [],
			keyEpisode: value.get('keyEpisode') === true,
			note: text(value.get('note'))
		});
	});
	return result;
}

export function writeAnalysis(doc: Y.Doc, entryId: string, analysis: EntryAnalysis): void {
	const annotations = annotationsOf(doc);
	doc.transact(() => {
		let map = annotations.get(entryId);
		if (!(map instanceof Y.Map)) {
			map = new Y.Map<unknown>();
			map.set('tags', new Y.Array<string>());
			map.set('keyEpisode', false);
			map.set('note', new Y.Text());
			annotations.set(entryId, map);
		}
		const before = readAnalysis(doc).get(entryId) ?? emptyAnalysis;
		if (before.tags.join('\u0000') !== analysis.tags.join('\u0000')) {
			const tags = new Y.Array<string>();
			tags.push(analysis.tags);
			map.set('tags', tags);
		}
		if (before.keyEpisode !== analysis.keyEpisode) map.set('keyEpisode', analysis.keyEpisode);
		const note = map.get('note');
		if (note instanceof Y.Text) replaceText(note, analysis.note);
		else {
			const fresh = new Y.Text();
			fresh.insert(0, analysis.note);
			map.set('note', fresh);
		}
	});
}
