/**
 * Comment anchors in a section editor: a passage is kept as two Yjs relative positions,
 * so it follows the text as others edit around it, and is highlighted with decorations.
 */
import * as Y from 'yjs';
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';

export interface AnchoredThread {
	id: string;
	anchor: string | null;
	resolved: boolean;
}

export const refreshCommentAnchors = 'commentAnchorsRefresh';
const key = new PluginKey<DecorationSet>('commentAnchors');

interface SyncState {
	doc: Y.Doc;
	type: Y.XmlFragment;
	binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
	const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
	return sync?.binding ? sync : null;
}

/** The selected passage as a stored anchor, and its text; null without a selection. */
export function selectionAnchor(state: EditorState): { anchor: string; quote: string } | null {
	const { from, to } = state.selection;
	const sync = syncState(state);
	if (from === to || !sync) return null;
	const mapping = sync.binding!.mapping as Parameters<typeof absolutePositionToRelativePosition>[2];
	const relative = (pos: number) => Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, sync.type, mapping));
	return { anchor: JSON.stringify({ from: relative(from), to: relative(to) }), quote: state.doc.textBetween(from, to, ' ').slice(0, 500) };
}

/** Where an anchor is now, or null when its text has gone. */
export function resolveAnchor(state: EditorState, anchor: string): { from: number; to: number } | null {
	const sync = syncState(state);
	if (!sync) return null;
	try {
		const parsed = JSON.parse(anchor) as { from: unknown; to: unknown };
		const mapping = sync.binding!.mapping as Parameters<typeof relativePositionToAbsolutePosition>[3];
		const from = relativePositionToAbsolutePosition(sync.doc, sync.type, Y.createRelativePositionFromJSON(parsed.from), mapping);
		const to = relativePositionToAbsolutePosition(sync.doc, sync.type, Y.createRelativePositionFromJSON(parsed.to), mapping);
		return from !== null && to !== null && to > from ? { from, to } : null;
	} catch {
		return null;
	}
}

export const CommentAnchors = Extension.create<{ threads: () => AnchoredThread[] }>({
	name: 'commentAnchors',

	addOptions() {
		return { threads: () => [] };
	},

	addProseMirrorPlugins() {
		const options = this.options;
		const build = (state: EditorState) =>
			DecorationSet.create(
				state.doc,
				options
					.threads()
					.filter((thread) => thread.anchor && !thread.resolved)
					.map((thread) => ({ thread, range: resolveAnchor(state, thread.anchor!) }))
					.filter((item): item is { thread: AnchoredThread; range: { from: number; to: number } } => item.range !== null)
					.map(({ thread, range }) => Decoration.inline(range.from, range.to, { class: 'app-comment-anchor', 'data-thread': thread.id }))
			);
		return [
			new Plugin<DecorationSet>({
				key,
				state: {
					init: () => DecorationSet.empty,
					apply: (tr, previous, _old, state) => (tr.docChanged || tr.getMeta(refreshCommentAnchors) ? build(state) : previous.map(tr.mapping, tr.doc))
				},
				props: { decorations: (state) => key.getState(state) }
			})
		];
	}
});
