import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { moveKeyLine, readKeyLines, removeKeyLine, saveKeyLine } from './terms-doc';

describe('key lines of enquiry in the terms document', () => {
	it('adds, changes, moves and removes lines, keeping each one’s id', () => {
		const doc = new Y.Doc();
		saveKeyLine(doc, { id: 'a', text: 'What did agencies know of the abuse?' });
		saveKeyLine(doc, { id: 'b', text: 'Was risk assessed?' });
		saveKeyLine(doc, { id: 'a', text: 'What did each agency know of the abuse?' });
		expect(readKeyLines(doc)).toEqual([
			{ id: 'a', text: 'What did each agency know of the abuse?' },
			{ id: 'b', text: 'Was risk assessed?' }
		]);
		moveKeyLine(doc, 'b', -1);
		expect(readKeyLines(doc).map((line) => line.id)).toEqual(['b', 'a']);
		moveKeyLine(doc, 'b', -1);
		expect(readKeyLines(doc).map((line) => line.id)).toEqual(['b', 'a']);
		removeKeyLine(doc, 'b');
		expect(readKeyLines(doc).map((line) => line.id)).toEqual(['a']);
	});

	it('two people adding lines at once keep both', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		saveKeyLine(one, { id: 'x', text: 'Housing' });
		saveKeyLine(two, { id: 'y', text: 'Health' });
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(readKeyLines(one).map((line) => line.id).sort()).toEqual(['x', 'y']);
		expect(readKeyLines(two)).toEqual(readKeyLines(one));
	});
});
