/**
 * The identifier scan inside the editor (issue 16): possible identifiers are marked
 * (decorations, so nothing is written into the shared document) in a style distinct from
 * the language flags, and kept in plugin state for the explanation panel, the replace
 * actions and the outline's count of open findings per section.
 *
 * Incremental in the same way as the language check, and with its pieces
 * (`documentChange`, `touchedTextblocks`, `textblockText`): a keystroke scans again only
 * the paragraphs the transaction touched and maps every other mark through the change,
 * so typing in an 80-page report costs what it does in a short one.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { Scanner } from '../domain/anonymisation';
import { findingKindLabels } from '../domain/anonymisation';
import { openFindingsInParagraph, type ParagraphFinding } from '../domain/open-findings';
import { documentChange, everyTextblock, textblockText, touchedTextblocks, type Textblock } from './language-check-extension';

export interface PlacedFinding extends ParagraphFinding {
	from: number;
	to: number;
}

export interface IdentifierMarksOptions {
	/** The scanner compiled from the review's register (null: no marks, e.g. for roles that may not read the register). */
	scanner: () => Scanner | null;
	/** Occurrence keys recorded as "Not identifying". */
	dismissed: () => ReadonlySet<string>;
}

interface MarksState {
	decorations: DecorationSet;
}

interface FindingSpec {
	finding: ParagraphFinding;
}

export const identifierMarksKey = new PluginKey<MarksState>('identifierMarks');
/** Transaction meta asking for a fresh scan (the register or the dismissals changed). */
export const refreshIdentifierMarks = 'identifierMarksRefresh';

function scanTextblock(block: Textblock, scanner: Scanner, dismissed: ReadonlySet<string>): Decoration[] {
	const { text, positions } = textblockText(block);
	return openFindingsInParagraph(text, scanner, dismissed).map((finding) => {
		const spec: FindingSpec = { finding };
		const why = finding.pseudonym ? `In the pseudonym register: replace with “${finding.pseudonym}”` : `${findingKindLabels[finding.kind]}: may identify someone`;
		return Decoration.inline(positions[finding.start], positions[finding.end - 1] + 1, { class: `app-identifier app-identifier--${finding.source}`, title: why }, spec);
	});
}

export function scanDocument(doc: ProseMirrorNode, options: IdentifierMarksOptions): DecorationSet {
	const scanner = options.scanner();
	if (!scanner) return DecorationSet.empty;
	const dismissed = options.dismissed();
	return DecorationSet.create(doc, everyTextblock(doc).flatMap((block) => scanTextblock(block, scanner, dismissed)));
}

/** The marks after a transaction: mapped where nothing changed, scanned again where it did. */
export function scanChange(previous: DecorationSet, tr: Transaction, options: IdentifierMarksOptions): DecorationSet {
	const scanner = options.scanner();
	if (!scanner) return DecorationSet.empty;
	const { mapping, ranges } = documentChange(tr);
	const touched = touchedTextblocks(tr.doc, ranges);
	let decorations = previous.map(mapping, tr.doc);
	if (touched.length === 0) return decorations;
	const dismissed = options.dismissed();
	const stale: Decoration[] = [];
	const fresh: Decoration[] = [];
	for (const block of touched) {
		stale.push(...decorations.find(block.pos, block.pos + block.node.nodeSize));
		fresh.push(...scanTextblock(block, scanner, dismissed));
	}
	decorations = decorations.remove(stale);
	return decorations.add(tr.doc, fresh);
}

export function identifierMarksPlugin(options: IdentifierMarksOptions): Plugin<MarksState> {
	return new Plugin<MarksState>({
		key: identifierMarksKey,
		state: {
			init: (_, state) => ({ decorations: scanDocument(state.doc, options) }),
			apply: (tr, previous, _old, state) => {
				if (tr.getMeta(refreshIdentifierMarks)) return { decorations: scanDocument(state.doc, options) };
				if (!tr.docChanged) return previous;
				return { decorations: scanChange(previous.decorations, tr, options) };
			}
		},
		props: {
			decorations: (state) => identifierMarksKey.getState(state)?.decorations
		}
	});
}

const findingsBySet = new WeakMap<DecorationSet, PlacedFinding[]>();

export function findingsOf(state: EditorState): PlacedFinding[] {
	const decorations = identifierMarksKey.getState(state)?.decorations;
	if (!decorations) return [];
	let findings = findingsBySet.get(decorations);
	if (!findings) {
		findings = decorations
			.find()
			.map((decoration) => ({ ...(decoration.spec as FindingSpec).finding, from: decoration.from, to: decoration.to }))
			.sort((a, b) => a.from - b.from);
		findingsBySet.set(decorations, findings);
	}
	return findings;
}

export function findingAtSelection(state: EditorState): PlacedFinding | null {
	const { from } = state.selection;
	return findingsOf(state).find((finding) => from >= finding.from && from <= finding.to) ?? null;
}

/**
 * A transaction replacing findings with their pseudonyms, last first so earlier positions
 * hold; marks (bold, links) of the replaced words are kept.
 */
export function replaceFindings(state: EditorState, findings: PlacedFinding[]): Transaction | null {
	const replaceable = findings.filter((finding) => finding.pseudonym).sort((a, b) => b.from - a.from);
	if (replaceable.length === 0) return null;
	const tr = state.tr;
	for (const finding of replaceable) {
		const marks = state.doc.resolve(finding.from).marksAcross(state.doc.resolve(finding.to)) ?? undefined;
		tr.replaceWith(finding.from, finding.to, state.schema.text(finding.pseudonym!, marks));
	}
	return tr;
}

export const IdentifierMarks = Extension.create<IdentifierMarksOptions>({
	name: 'identifierMarks',

	addOptions() {
		return { scanner: () => null, dismissed: () => new Set<string>() };
	},

	addProseMirrorPlugins() {
		return [identifierMarksPlugin(this.options)];
	}
});
