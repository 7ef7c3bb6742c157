import { describe, expect, it } from 'vitest';
import { dismissalReasonProblems, occurrenceKey } from './language-dismissal';

describe('occurrenceKey', () => {
	it('is stable across spacing, changes with the paragraph or the occurrence, and does not contain the text', () => {
		const key = occurrenceKey('argument', 0, 'There was an  argument.');
		expect(occurrenceKey('argument', 0, ' There was an argument. ')).toBe(key);
		expect(occurrenceKey('argument', 1, 'There was an argument.')).not.toBe(key);
		expect(occurrenceKey('argument', 0, 'There was an argument at home.')).not.toBe(key);
		expect(key).not.toContain('There');
	});

	it('needs a reason', () => {
		expect(dismissalReasonProblems(' ')).toHaveLength(1);
		expect(dismissalReasonProblems('Quoted from the custody record.')).toEqual([]);
	});
});
