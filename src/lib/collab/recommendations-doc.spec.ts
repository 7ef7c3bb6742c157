import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRecommendations, removeRecommendation, saveRecommendation } from './recommendations-doc';
import { emptyRecommendation } from '../domain/recommendations';

describe('recommendations in the report document', () => {
	it('adds, merges concurrent edits of different fields, and removes', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const base = { ...emptyRecommendation('r1'), text: 'Train call handlers on stalking', addressedTo: 'Northmoor Police' };
		saveRecommendation(a, base);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		saveRecommendation(a, { ...base, outcome: 'All call handlers trained by the date' });
		saveRecommendation(b, { ...base, targetDate: '2027-03-31' });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readRecommendations(a)).toEqual(readRecommendations(b));
		expect(readRecommendations(a)[0]).toMatchObject({ outcome: 'All call handlers trained by the date', targetDate: '2027-03-31' });
		removeRecommendation(a, 'r1');
		expect(readRecommendations(a)).toEqual([]);
	});
});
