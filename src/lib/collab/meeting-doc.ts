/**
 * A panel meeting's Yjs document (`review/<id>/meeting/<meetingId>`): `live` (Y.Map: the
 * agenda position, read by the shared agenda clock, and the link in focus for those who
 * follow) and one TipTap fragment per agenda item, `minutes:<itemId>`, co-written live.
 * Decisions and actions are structured rows in SQLite (checked by the server), not here.
 */
import * as Y from 'yjs';
import { minutesFragmentName, type MeetingLive } from '../domain/meetings';
import { liveMapOf, readAgendaPosition, textOrNull, writeLiveState } from './live-state';

export function readMeetingLive(doc: Y.Doc): MeetingLive {
	const live = liveMapOf(doc);
	return { ...readAgendaPosition(live), focus: textOrNull(live.get('focus')) };
}

export function writeMeetingLive(doc: Y.Doc, change: Partial<MeetingLive>): void {
	writeLiveState(doc, change);
}

function textOf(node: Y.XmlElement | Y.XmlText, out: string[]): void {
	if (node instanceof Y.XmlText) {
		for (const part of node.toDelta() as { insert: unknown }[]) if (typeof part.insert === 'string') out.push(part.insert);
		return;
	}
	for (const child of node.toArray()) if (child instanceof Y.XmlElement || child instanceof Y.XmlText) textOf(child, out);
}

/** One item's minutes as plain text, a line per paragraph or list item, for circulating and print. */
export function minutesText(doc: Y.Doc, itemId: string): string {
	const lines: string[] = [];
	const blocks = (node: Y.XmlFragment | Y.XmlElement) => {
		for (const child of node.toArray()) {
			if (child instanceof Y.XmlText) {
				lines.push(child.toString());
				continue;
			}
			if (!(child instanceof Y.XmlElement)) continue;
			// Lists hold paragraphs: each list item is a line of its own.
			if (['bulletList', 'orderedList', 'listItem', 'blockquote'].includes(child.nodeName)) {
				blocks(child);
				continue;
			}
			const out: string[] = [];
			textOf(child, out);
			lines.push(out.join(''));
		}
	};
	blocks(doc.getXmlFragment(minutesFragmentName(itemId)));
	return lines
		.map((line) => line.trim())
		.filter(Boolean)
		.join('\n');
}

/** Writes plain paragraphs into an item's minutes (demo data and tests; people use the editor). */
export function appendMinutesParagraph(doc: Y.Doc, itemId: string, text: string): void {
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment(minutesFragmentName(itemId)).push([paragraph]);
}
