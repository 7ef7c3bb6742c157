/**
 * The terms of reference document (`review/<id>/terms`): one TipTap fragment per part
 * (`terms:<key>`) and the key lines of enquiry, `Y.Array<Y.Map>` named `keyLinesOfEnquiry`
 * with `id` and `text`, like the report's `recommendations`.
 */
import * as Y from 'yjs';
import type { KeyLineOfEnquiry } from '../domain/terms-of-reference';

function list(doc: Y.Doc): Y.Array<Y.Map<string>> {
	return doc.getArray<Y.Map<string>>('keyLinesOfEnquiry');
}

export function readKeyLines(doc: Y.Doc): KeyLineOfEnquiry[] {
	return list(doc)
		.toArray()
		.map((item) => ({ id: item.get('id') ?? '', text: item.get('text') ?? '' }))
		.filter((line) => line.id);
}

/** Adds the line, or changes its text when it exists (others' lines are left as they are). */
export function saveKeyLine(doc: Y.Doc, line: KeyLineOfEnquiry): void {
	doc.transact(() => {
		const existing = list(doc)
			.toArray()
			.find((item) => item.get('id') === line.id);
		if (existing) {
			if (existing.get('text') !== line.text) existing.set('text', line.text);
			return;
		}
		const created = new Y.Map<string>();
		created.set('id', line.id);
		created.set('text', line.text);
		list(doc).push([created]);
	});
}

export function removeKeyLine(doc: Y.Doc, id: string): void {
	const index = list(doc)
		.toArray()
		.findIndex((item) => item.get('id') === id);
	if (index >= 0) list(doc).delete(index, 1);
}

/** Moves a line up (-1) or down (1); a move past either end does nothing. */
export function moveKeyLine(doc: Y.Doc, id: string, direction: -1 | 1): void {
	doc.transact(() => {
		const items = list(doc).toArray();
		const index = items.findIndex((item) => item.get('id') === id);
		const to = index + direction;
		if (index < 0 || to < 0 || to >= items.length) return;
		const line = { id, text: items[index].get('text') ?? '' };
		list(doc).delete(index, 1);
		const moved = new Y.Map<string>();
		moved.set('id', line.id);
		moved.set('text', line.text);
		list(doc).insert(to, [moved]);
	});
}
