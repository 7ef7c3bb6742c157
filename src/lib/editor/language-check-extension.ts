/**
 * The blame-free language check inside the editor: flagged passages are underlined
 * (decorations, never marks, so nothing is written into the shared document) and the
 * flags are kept in plugin state for the explanation panel and the list of open flags.
 *
 * The check is incremental (issue 15): a keystroke re-checks only the paragraphs the
 * transaction touched, and every other flag is mapped through the change. Re-checking
 * every paragraph of a 10,700-word section (and re-hashing each flagged one for its
 * dismissal key) on every keystroke made typing in a long report twice as slow as in a
 * short one; see bench/editor-typing.ts.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { Mapping, StepMap } from '@tiptap/pm/transform';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { LanguageFlag, LanguageTerm } from '../domain/language-check';
import { openFlagsInParagraph, type ParagraphFlag } from '../domain/open-flags';

export interface PlacedFlag extends LanguageFlag {
	from: number;
	to: number;
	/** Identifies this occurrence for dismissal (see language-dismissal.ts). */
	key: string;
}

/** The open flags of one paragraph's text: the same rule the server applies (open-flags.ts). */
export type ParagraphCheck = (text: string, terms: LanguageTerm[], dismissed: ReadonlySet<string>) => ParagraphFlag[];

export interface LanguageCheckOptions {
	/** Terms the chair added for this review. */
	terms: () => LanguageTerm[];
	/** Occurrence keys someone has dismissed with a reason. */
	dismissed: () => ReadonlySet<string>;
	/** The per-paragraph check; only tests and the typing bench pass another (a counting wrapper). */
	checkParagraph?: ParagraphCheck;
}

interface CheckState {
	decorations: DecorationSet;
}

/** What a flag's decoration carries, so flags can be read back at their mapped positions. */
interface FlagSpec {
	flag: ParagraphFlag;
}

export const languageCheckKey = new PluginKey<CheckState>('languageCheck');
/** Transaction meta asking for a fresh check (terms or dismissals changed). */
export const refreshLanguageCheck = 'languageCheckRefresh';

/**
 * The typing bench (bench/editor-typing.ts) sets `window.languageCheckBench` before the page
 * loads, to time the check and to compare with the full re-check this replaced. Nothing
 * else sets it, and the check reads it once per transaction.
 */
interface LanguageCheckBench {
	/** `none` leaves the flags as they were, to show what typing costs without any check. */
	mode: 'incremental' | 'full' | 'none';
	ms: number;
	transactions: number;
}

/** A textblock and its position in the document. */
export interface Textblock {
	node: ProseMirrorNode;
	pos: number;
}

/**
 * A block's text, with each character's document position; any inline node other than
 * text counts as one space, as the server reads the stored report. Shared with the
 * identifier marks (identifier-marks-extension.ts).
 */
export function textblockText({ node, pos }: Textblock): { text: string; positions: number[] } {
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
	return { text, positions };
}

/** The flags of one textblock, placed in the document. */
function checkTextblock(block: Textblock, terms: LanguageTerm[], dismissed: ReadonlySet<string>, checkParagraph: ParagraphCheck): Decoration[] {
	const { text, positions } = textblockText(block);
	return checkParagraph(text, terms, dismissed).map((flag) => {
		const spec: FlagSpec = { flag };
		return Decoration.inline(
			positions[flag.start],
			positions[flag.end - 1] + 1,
			{ class: `app-flag app-flag--${flag.category}`, title: `${flag.label}: ${flag.why}` },
			spec
		);
	});
}

export function everyTextblock(doc: ProseMirrorNode): Textblock[] {
	const blocks: Textblock[] = [];
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		blocks.push({ node, pos });
		return false;
	});
	return blocks;
}

/** Checks every paragraph: on opening, when terms or dismissals change, and (for the bench) the old way. */
export function checkDocument(doc: ProseMirrorNode, options: LanguageCheckOptions): DecorationSet {
	const terms = options.terms();
	const dismissed = options.dismissed();
	const checkParagraph = options.checkParagraph ?? openFlagsInParagraph;
	const decorations = everyTextblock(doc).flatMap((block) => checkTextblock(block, terms, dismissed, checkParagraph));
	return DecorationSet.create(doc, decorations);
}

/** A transaction's changes: how old positions move, and the ranges of the new document that changed. */
export interface DocumentChange {
	mapping: Mapping;
	ranges: { from: number; to: number }[];
}

/**
 * y-prosemirror applies a change from another person by replacing the whole document with
 * the new one (one step from 0 to the end), which says nothing about what differs.
 */
function replacesWholeDocument(tr: Transaction): boolean {
	return tr.mapping.maps.some((map, i) => {
		let whole = false;
		const size = tr.docs[i].content.size;
		map.forEach((oldStart, oldEnd) => {
			if (oldStart === 0 && oldEnd >= size && size > 0) whole = true;
		});
		return whole;
	});
}

/**
 * Where a transaction changed the document. Normally its own step maps say so; for a
 * whole-document replacement the two documents are compared instead (ProseMirror's
 * `findDiffStart`/`findDiffEnd`, quick because unchanged nodes compare equal at once),
 * giving the one range between the first and the last difference.
 */
export function documentChange(tr: Transaction): DocumentChange {
	if (!replacesWholeDocument(tr)) {
		const ranges: DocumentChange['ranges'] = [];
		tr.mapping.maps.forEach((map, i) => {
			// Later steps may move this step's range; follow it to the final document.
			const after = tr.mapping.slice(i + 1);
			map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
				ranges.push({ from: after.map(newStart, -1), to: after.map(newEnd, 1) });
			});
		});
		return { mapping: tr.mapping, ranges };
	}
	const before = tr.before.content;
	const after = tr.doc.content;
	const start = before.findDiffStart(after);
	if (start == null) return { mapping: new Mapping(), ranges: [] };
	let { a: endBefore, b: endAfter } = before.findDiffEnd(after) ?? { a: before.size, b: after.size };
	// Repeated text ("aa" to "aaa") lets the common prefix and suffix overlap: the change
	// then lies after the prefix, so move both ends on by the overlap.
	const overlap = Math.max(0, start - Math.min(endBefore, endAfter));
	endBefore += overlap;
	endAfter += overlap;
	return { mapping: new Mapping([new StepMap([start, endBefore - start, endAfter - start])]), ranges: [{ from: start, to: endAfter }] };
}

/**
 * The textblocks of `doc` (the document after the change) that a change touched: each one
 * overlapping or bordering a changed range. Only these are checked again.
 */
export function touchedTextblocks(doc: ProseMirrorNode, ranges: DocumentChange['ranges']): Textblock[] {
	const size = doc.content.size;
	const seen = new Set<number>();
	const blocks: Textblock[] = [];
	for (const range of ranges) {
		// One position either side, so that an insertion at a paragraph's edge or a
		// deletion that joins two paragraphs still finds the paragraph it ends up in.
		const from = Math.max(0, Math.min(range.from, range.to) - 1);
		const to = Math.min(size, Math.max(range.from, range.to) + 1);
		if (from >= to) continue;
		doc.nodesBetween(from, to, (node, pos) => {
			if (!node.isTextblock) return true;
			if (!seen.has(pos)) {
				seen.add(pos);
				blocks.push({ node, pos });
			}
			return false;
		});
	}
	return blocks.sort((a, b) => a.pos - b.pos);
}

/** The flags after a transaction: mapped where nothing changed, checked again where it did. */
export function checkChange(previous: DecorationSet, tr: Transaction, options: LanguageCheckOptions): DecorationSet {
	const { mapping, ranges } = documentChange(tr);
	const touched = touchedTextblocks(tr.doc, ranges);
	let decorations = previous.map(mapping, tr.doc);
	if (touched.length === 0) return decorations;
	const terms = options.terms();
	const dismissed = options.dismissed();
	const checkParagraph = options.checkParagraph ?? openFlagsInParagraph;
	const stale: Decoration[] = [];
	const fresh: Decoration[] = [];
	for (const block of touched) {
		stale.push(...decorations.find(block.pos, block.pos + block.node.nodeSize));
		fresh.push(...checkTextblock(block, terms, dismissed, checkParagraph));
	}
	decorations = decorations.remove(stale);
	return decorations.add(tr.doc, fresh);
}

function benchSettings(): LanguageCheckBench | undefined {
	return (globalThis as { languageCheckBench?: LanguageCheckBench }).languageCheckBench;
}

function apply(tr: Transaction, previous: CheckState, state: EditorState, options: LanguageCheckOptions): CheckState {
	if (tr.getMeta(refreshLanguageCheck)) return { decorations: checkDocument(state.doc, options) };
	if (!tr.docChanged) return previous;
	return { decorations: checkChange(previous.decorations, tr, options) };
}

/** The plugin itself, also used directly (without an editor view) by the tests. */
export function languageCheckPlugin(options: LanguageCheckOptions): Plugin<CheckState> {
	return new Plugin<CheckState>({
		key: languageCheckKey,
		state: {
			init: (_, state) => ({ decorations: checkDocument(state.doc, options) }),
			apply: (tr, previous, _old, state) => {
				const bench = benchSettings();
				if (!bench) return apply(tr, previous, state, options);
				const started = performance.now();
				const next =
					bench.mode === 'full' && tr.docChanged
						? { decorations: checkDocument(state.doc, options) }
						: bench.mode === 'none'
							? { decorations: previous.decorations.map(tr.mapping, tr.doc) }
							: apply(tr, previous, state, options);
				bench.ms += performance.now() - started;
				if (tr.docChanged) bench.transactions++;
				return next;
			}
		},
		props: {
			decorations: (state) => languageCheckKey.getState(state)?.decorations
		}
	});
}

// Read back once per state: the editor asks on every transaction, the page on every change.
const flagsBySet = new WeakMap<DecorationSet, PlacedFlag[]>();

export function flagsOf(state: EditorState): PlacedFlag[] {
	const decorations = languageCheckKey.getState(state)?.decorations;
	if (!decorations) return [];
	let flags = flagsBySet.get(decorations);
	if (!flags) {
		flags = decorations
			.find()
			.map((decoration) => ({ ...(decoration.spec as FlagSpec).flag, from: decoration.from, to: decoration.to }))
			// Reading order; a paragraph's flags never overlap (checkLanguage keeps the longest).
			.sort((a, b) => a.from - b.from);
		flagsBySet.set(decorations, flags);
	}
	return flags;
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
		return [languageCheckPlugin(this.options)];
	}
});
