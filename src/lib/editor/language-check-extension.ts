/**
 * The blame-free language check inside the editor: flagged passages are underlined
 * (decorations, never marks, so nothing is written into the shared document) and the
 * flags are kept in plugin state for the explanation panel and the list of open flags.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { LanguageFlag, LanguageTerm } from '../domain/language-check';
import { openFlagsInParagraph } from '../domain/open-flags';

export interface PlacedFlag extends LanguageFlag {
	from: number;
	to: number;
	/** Identifies this occurrence for dismissal (see language-dismissal.ts). */
	key: string;
}

export interface LanguageCheckOptions {
	/** Terms the chair added for this review. */
	terms: () => LanguageTerm[];
	/** Occurrence keys someone has dismissed with a reason. */
	dismissed: () => ReadonlySet<string>;
}

interface CheckState {
	flags: PlacedFlag[];
	decorations: DecorationSet;
}

export const languageCheckKey = new PluginKey<CheckState>('languageCheck');
/** Transaction meta asking for a fresh check (terms or dismissals changed). */
export const refreshLanguageCheck = 'languageCheckRefresh';

function check(doc: ProseMirrorNode, options: LanguageCheckOptions): CheckState {
	const flags: PlacedFlag[] = [];
	const dismissed = options.dismissed();
	const terms = options.terms();
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		// The block's text, with each character's document position.
		let text = '';
		const positions: number[] = [];
		node.forEach((child, offset) => {
			if (child.isText && child.text) {
				for (let i = 0; i < child.text.length; i++) positions.push(pos + 1 + offset + i);
				text += child.text;
			} else {
				positions.push(pos + 1 + offset);
				text += ' ';
			}
		});
		// The same per-paragraph rule the server uses before the report leaves the panel (open-flags.ts).
		for (const flag of openFlagsInParagraph(text, terms, dismissed)) {
			flags.push({ ...flag, from: positions[flag.start], to: positions[flag.end - 1] + 1 });
		}
		return false;
	});
	const decorations = DecorationSet.create(
		doc,
		flags.map((flag) =>
			Decoration.inline(flag.from, flag.to, { class: `app-flag app-flag--${flag.category}`, title: `${flag.label}: ${flag.why}` })
		)
	);
	return { flags, decorations };
}

export function flagsOf(state: EditorState): PlacedFlag[] {
	return languageCheckKey.getState(state)?.flags ?? [];
}

/** The flag the caret (or selection start) is in, if any. */
export function flagAtSelection(state: EditorState): PlacedFlag | null {
	const { from } = state.selection;
	return flagsOf(state).find((flag) => from >= flag.from && from <= flag.to) ?? null;
}

export const LanguageCheck = Extension.create<LanguageCheckOptions>({
	name: 'languageCheck',

	addOptions() {
		return { terms: () => [], dismissed: () => new Set<string>() };
	},

	addProseMirrorPlugins() {
		const options = this.options;
		return [
			new Plugin<CheckState>({
				key: languageCheckKey,
				state: {
					init: (_, state) => check(state.doc, options),
					apply: (tr, previous, _old, state) => (tr.docChanged || tr.getMeta(refreshLanguageCheck) ? check(state.doc, options) : previous)
				},
				props: {
					decorations: (state) => languageCheckKey.getState(state)?.decorations
				}
			})
		];
	}
});
