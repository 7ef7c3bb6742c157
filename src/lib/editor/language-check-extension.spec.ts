import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { Fragment, Slice, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { openFlagsInParagraph } from '../domain/open-flags';
import { occurrenceKey } from '../domain/language-dismissal';
import { checkDocument, documentChange, flagAtSelection, flagsOf, languageCheckPlugin, touchedTextblocks, type LanguageCheckOptions } from './language-check-extension';

const schema = getSchema([StarterKit]);

const paragraphs = [
	'The panel read the records of every agency involved.',
	'She declined to engage with the IDVA on two occasions.',
	'Her GP recorded a volatile relationship in March.',
	'The housing officer visited and found nobody at home.',
	'Officers noted that she failed to attend the appointment.'
];

function documentOf(texts: string[]): ProseMirrorNode {
	return schema.node(
		'doc',
		null,
		texts.map((text) => schema.node('paragraph', null, text ? [schema.text(text)] : []))
	);
}

/** The real per-paragraph check, counting the paragraphs it is asked about. */
function countingOptions(dismissed: ReadonlySet<string> = new Set()): LanguageCheckOptions & { checked: string[] } {
	const checked: string[] = [];
	return {
		checked,
		terms: () => [],
		dismissed: () => dismissed,
		checkParagraph: (text, terms, keys) => {
			checked.push(text);
			return openFlagsInParagraph(text, terms, keys);
		}
	};
}

function stateWith(texts: string[], options: LanguageCheckOptions): EditorState {
	return EditorState.create({ schema, doc: documentOf(texts), plugins: [languageCheckPlugin(options)] });
}

/** Where a paragraph's text starts in the document built by documentOf. */
function startOf(doc: ProseMirrorNode, index: number): number {
	let pos = 0;
	for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
	return pos + 1;
}

/** The flags a fresh check of the whole document gives (what the editor did on every change before). */
function fullCheck(doc: ProseMirrorNode, options: LanguageCheckOptions) {
	const state = EditorState.create({ schema, doc, plugins: [languageCheckPlugin({ ...options, checkParagraph: undefined })] });
	return flagsOf(state);
}

describe('the editor language check, incrementally', () => {
	it('typing in one paragraph checks only that paragraph again, and moves the flags after it', () => {
		const options = countingOptions();
		let state = stateWith(paragraphs, options);
		expect(options.checked).toHaveLength(paragraphs.length);
		const before = flagsOf(state);
		expect(before.map((flag) => flag.text)).toEqual(['declined to engage', 'volatile relationship', 'failed to attend']);

		options.checked.length = 0;
		state = state.apply(state.tr.insertText('Briefly, ', startOf(state.doc, 0)));
		expect(options.checked).toEqual(['Briefly, The panel read the records of every agency involved.']);
		const after = flagsOf(state);
		// Mapped, not recomputed: the same words, nine characters on, with the same keys.
		expect(after.map((flag) => [flag.text, flag.from - 9, flag.key])).toEqual(before.map((flag) => [flag.text, flag.from, flag.key]));
		expect(after).toEqual(fullCheck(state.doc, options));
	});

	it('typing inside a flagged paragraph re-checks it, gives its flag a new key, and leaves the others alone', () => {
		const options = countingOptions();
		let state = stateWith(paragraphs, options);
		const before = flagsOf(state);
		options.checked.length = 0;
		// "She declined to engage with the IDVA on two occasions." → "…on three occasions."
		const at = startOf(state.doc, 1) + 'She declined to engage with the IDVA on '.length;
		state = state.apply(state.tr.insertText('three', at, at + 'two'.length));
		expect(options.checked).toEqual(['She declined to engage with the IDVA on three occasions.']);
		const after = flagsOf(state);
		expect(after[0].text).toBe('declined to engage');
		expect(after[0].key).toBe(occurrenceKey('declined-to-engage', 0, 'She declined to engage with the IDVA on three occasions.'));
		expect(after[0].key).not.toBe(before[0].key);
		expect(after.slice(1).map((flag) => flag.key)).toEqual(before.slice(1).map((flag) => flag.key));
		expect(after).toEqual(fullCheck(state.doc, options));
	});

	it('writing a flagged phrase flags it at once, and the caret inside it finds it', () => {
		const options = countingOptions();
		let state = stateWith(paragraphs, options);
		const end = startOf(state.doc, 3) + paragraphs[3].length;
		state = state.apply(state.tr.insertText(' He said it was a tempestuous relationship.', end));
		const flag = flagsOf(state).find((candidate) => candidate.text === 'tempestuous relationship');
		expect(flag).toBeDefined();
		expect(state.doc.textBetween(flag!.from, flag!.to)).toBe('tempestuous relationship');
		state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, flag!.from + 3)));
		expect(flagAtSelection(state)?.key).toBe(flag!.key);
		expect(flagsOf(state)).toEqual(fullCheck(state.doc, options));
	});

	it('splitting, joining and deleting paragraphs keeps the same flags as a full check', () => {
		const options = countingOptions();
		let state = stateWith(paragraphs, options);
		// Enter in the middle of the flagged second paragraph.
		const middle = startOf(state.doc, 1) + 'She declined'.length;
		state = state.apply(state.tr.split(middle));
		expect(flagsOf(state)).toEqual(fullCheck(state.doc, options));
		expect(flagsOf(state).map((flag) => flag.text)).not.toContain('declined to engage');
		// Backspace at the start of the new paragraph joins them again.
		state = state.apply(state.tr.join(middle + 1));
		expect(flagsOf(state).map((flag) => flag.text)).toContain('declined to engage');
		expect(flagsOf(state)).toEqual(fullCheck(state.doc, options));
		// Deleting the whole third paragraph takes its flag with it.
		const third = startOf(state.doc, 2) - 1;
		state = state.apply(state.tr.delete(third, third + state.doc.child(2).nodeSize));
		expect(flagsOf(state).map((flag) => flag.text)).toEqual(['declined to engage', 'failed to attend']);
		expect(flagsOf(state)).toEqual(fullCheck(state.doc, options));
	});

	it('a change from another person (y-prosemirror replaces the whole document) re-checks only what differs', () => {
		const options = countingOptions();
		let state = stateWith(paragraphs, options);
		options.checked.length = 0;
		const changed = [...paragraphs];
		changed[3] = 'The housing officer visited and found nobody at home; she was non-compliant.';
		// New nodes for every paragraph, as y-prosemirror builds them from the Yjs document.
		const incoming = documentOf(changed);
		state = state.apply(state.tr.replace(0, state.doc.content.size, new Slice(Fragment.from(incoming.content), 0, 0)));
		expect(options.checked).toEqual([changed[3]]);
		expect(flagsOf(state)).toEqual(fullCheck(state.doc, options));
		expect(flagsOf(state).map((flag) => flag.text)).toContain('non-compliant');
	});

	it('a dismissed occurrence stays dismissed while its paragraph is untouched, and comes back when it is rewritten', () => {
		const key = occurrenceKey('failed-to-attend', 0, paragraphs[4]);
		const options = countingOptions(new Set([key]));
		let state = stateWith(paragraphs, options);
		expect(flagsOf(state).map((flag) => flag.text)).not.toContain('failed to attend');
		state = state.apply(state.tr.insertText('Also, ', startOf(state.doc, 0)));
		expect(flagsOf(state).map((flag) => flag.text)).not.toContain('failed to attend');
		state = state.apply(state.tr.insertText(' twice', startOf(state.doc, 4) + paragraphs[4].length - 1));
		expect(flagsOf(state).map((flag) => flag.text)).toContain('failed to attend');
		expect(flagsOf(state)).toEqual(fullCheck(state.doc, options));
	});

	it('finds the paragraphs a change touched from its step maps', () => {
		const doc = documentOf(paragraphs);
		const state = EditorState.create({ schema, doc });
		// The later edit first, so the earlier one's position still holds.
		const tr = state.tr.insertText('y', startOf(doc, 4)).insertText('x', startOf(doc, 2) + 4);
		const touched = touchedTextblocks(tr.doc, documentChange(tr).ranges);
		expect(touched.map((block) => block.node.textContent)).toEqual([
			'Her x' + paragraphs[2].slice(4),
			'y' + paragraphs[4]
		]);
	});

	it('keeps the same flags as a full check through a run of random edits', () => {
		const options = countingOptions();
		let state = stateWith(paragraphs, options);
		const words = ['declined', ' to engage', ' stormy relationship', 'x', ' ', 'should have known', 'failed to'];
		let seed = 7;
		const random = (n: number) => {
			seed = (seed * 16807) % 2147483647;
			return seed % n;
		};
		for (let i = 0; i < 200; i++) {
			const size = state.doc.content.size;
			const at = 1 + random(size - 1);
			const $at = state.doc.resolve(at);
			if (!$at.parent.isTextblock) continue;
			const action = random(4);
			if (action === 0 && $at.parentOffset > 0) state = state.apply(state.tr.delete(at - 1, at));
			else if (action === 1 && state.doc.childCount < 12) state = state.apply(state.tr.split(at));
			else state = state.apply(state.tr.insertText(words[random(words.length)], at));
		}
		expect(flagsOf(state)).toEqual(fullCheck(state.doc, options));
		expect(checkDocument(state.doc, options).find().length).toBe(flagsOf(state).length);
	});
});
