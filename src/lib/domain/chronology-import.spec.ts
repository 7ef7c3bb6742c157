import { describe, expect, it } from 'vitest';
import { checkImportRows, mappingProblems, normaliseTime, parseSubjects, suggestMapping } from './chronology-import';
import { entryIdentity } from './chronology';

const context = { dateOfDeath: '2020-06-01', today: '2026-11-23' };

describe('column mapping', () => {
	it('guesses the columns agencies commonly use', () => {
		expect(suggestMapping(['Date and time', 'Record ref', 'Details of contact', 'Outcome'])).toEqual({ date: 0, time: null, subjects: null, source: 1, summary: 2, action: 3 });
		expect(suggestMapping(['Date', 'Time', 'Subject', 'Source', 'Summary', 'Action taken'])).toEqual({ date: 0, time: 1, subjects: 2, source: 3, summary: 4, action: 5 });
	});

	it('asks for the required fields and refuses a column used twice or out of range', () => {
		const mapping = { date: 0, time: null, subjects: null, source: null, summary: 0, action: 7 };
		const problems = mappingProblems(mapping, 3);
		expect(problems).toContain('Choose the column that holds "Source"');
		expect(problems).toContain('A chosen column is not in the file');
		expect(problems).toContain('Each column can be used for one field only');
	});
});

describe('reading cells', () => {
	it('reads subjects written in different ways and reports words it does not know', () => {
		expect(parseSubjects('Victim; Perpetrator')).toEqual({ subjects: ['victim', 'perpetrator'], unknown: [] });
		expect(parseSubjects('V & P and children')).toEqual({ subjects: ['victim', 'perpetrator', 'child'], unknown: [] });
		expect(parseSubjects('victim, neighbour')).toEqual({ subjects: ['victim'], unknown: ['neighbour'] });
	});

	it('normalises times', () => {
		expect(normaliseTime('9:30')).toBe('09:30');
		expect(normaliseTime('1405')).toBe('14:05');
		expect(normaliseTime('14.05')).toBe('14:05');
		expect(normaliseTime('14:05:00')).toBe('14:05');
		expect(normaliseTime('')).toBe('');
		expect(normaliseTime('teatime')).toBe('teatime');
	});
});

describe('checkImportRows', () => {
	const mapping = { date: 0, time: 1, subjects: null, source: 2, summary: 3, action: null };

	it('accepts good rows, rejects bad ones with reasons, skips duplicates and blank rows', () => {
		const existing = new Set([entryIdentity({ date: '2019-01-02', source: 'Log 1', summary: 'Already there' })]);
		const result = checkImportRows(
			[
				['12/03/2019', '14:05', 'Log 2', 'Seen at home'],
				['', '', '', ''],
				['not a date', '', 'Log 3', 'x'],
				['02/01/2019', '', 'log 1', 'already  there'],
				['13/03/2019', '25:00', '', 'Bad time and no source'],
				['12/03/2019', '14:05', 'Log 2', 'Seen at home'],
				['01/07/2020', '', 'Log 4', 'After the death']
			],
			mapping,
			context,
			existing
		);
		expect(result.accepted.map((row) => row.line)).toEqual([2, 8]);
		expect(result.accepted[1].fields.afterDeath).toBe(true);
		expect(result.accepted[1].warnings).toContain('Dated after the death, so marked as after the death');
		expect(result.rejected.map((row) => row.line)).toEqual([4, 6]);
		expect(result.rejected[0].reasons).toEqual(['"not a date" is not a date we can read, for example 12/03/2019, March 2019 or 2019']);
		expect(result.rejected[1].reasons.join(' ')).toMatch(/hours and minutes.*record this entry comes from/);
		expect(result.duplicates.map((row) => row.line)).toEqual([5, 7]);
	});

	it('keeps formula-looking text as plain words and says so', () => {
		const result = checkImportRows([['12/03/2019', '', '@Log', '=HYPERLINK("http://x","y")']], mapping, context, new Set());
		expect(result.accepted[0].fields.summary).toBe('HYPERLINK("http://x","y")');
		expect(result.accepted[0].fields.source).toBe('Log');
		expect(result.accepted[0].warnings).toHaveLength(2);
	});
});
