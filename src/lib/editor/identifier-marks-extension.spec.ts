import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { createScanner, type RegisterTerm, type Scanner } from '../domain/anonymisation';
import { findingAtSelection, findingsOf, identifierMarksPlugin, refreshIdentifierMarks, replaceFindings } from './identifier-marks-extension';

const schema = getSchema([StarterKit]);
const register: RegisterTerm[] = [{ id: '1', real: 'Mark Taylor', pseudonym: 'Adult B', kind: 'person', aliases: [] }];

function documentOf(texts: string[]): ProseMirrorNode {
	return schema.node('doc', null, texts.map((text) => schema.node('paragraph', null, [schema.text(text)])));
}

/** The real scanner, counting the paragraphs it is asked about. */
function countingScanner(): Scanner & { scanned: string[] } {
	const real = createScanner(register);
	const scanned: string[] = [];
	return { scanned, scan: (text) => (scanned.push(text), real.scan(text)) };
}

describe('identifier marks in the editor', () => {
	it('marks register terms and other identifiers, and scans again only the paragraph a keystroke touches', () => {
		const scanner = countingScanner();
		const texts = ["Mark Taylor's car was outside.", 'The GP saw Adult A.', 'Mark rang 07700 900123.', ...Array.from({ length: 50 }, (_, i) => `Paragraph ${i} of the analysis.`)];
		let state = EditorState.create({ schema, doc: documentOf(texts), plugins: [identifierMarksPlugin({ scanner: () => scanner, dismissed: () => new Set() })] });
		expect(findingsOf(state).map((f) => [f.text, f.pseudonym])).toEqual([
			['Mark Taylor', 'Adult B'],
			['Mark', 'Adult B'],
			['07700 900123', null]
		]);
		scanner.scanned.length = 0;
		state = state.apply(state.tr.insertText(' Mark Taylor', state.doc.child(1).nodeSize + state.doc.child(0).nodeSize - 2));
		expect(scanner.scanned).toEqual(['The GP saw Adult A Mark Taylor.']);
		expect(findingsOf(state)).toHaveLength(4);
	});

	it('replaces one finding, or all of them, with the pseudonym, keeping the possessive', () => {
		const scanner = createScanner(register);
		let state = EditorState.create({ schema, doc: documentOf(["Mark Taylor's car; Mark left."]), plugins: [identifierMarksPlugin({ scanner: () => scanner, dismissed: () => new Set() })] });
		state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3)));
		const one = findingAtSelection(state)!;
		expect(one.text).toBe('Mark Taylor');
		const after = state.apply(replaceFindings(state, [one])!);
		expect(after.doc.textContent).toBe("Adult B's car; Mark left.");
		const all = state.apply(replaceFindings(state, findingsOf(state))!);
		expect(all.doc.textContent).toBe("Adult B's car; Adult B left.");
		expect(findingsOf(all)).toEqual([]);
	});

	it('leaves out findings recorded as "Not identifying", and shows none without a register', () => {
		const scanner = createScanner(register);
		const dismissed = new Set<string>();
		let state = EditorState.create({ schema, doc: documentOf(['Mark Taylor rang.']), plugins: [identifierMarksPlugin({ scanner: () => scanner, dismissed: () => dismissed })] });
		dismissed.add(findingsOf(state)[0].key);
		state = state.apply(state.tr.setMeta(refreshIdentifierMarks, true));
		expect(findingsOf(state)).toEqual([]);
		const none = EditorState.create({ schema, doc: documentOf(['Mark Taylor rang.']), plugins: [identifierMarksPlugin({ scanner: () => null, dismissed: () => new Set() })] });
		expect(findingsOf(none)).toEqual([]);
	});
});
