import { describe, expect, it } from 'vitest';
import { checkEntry, formatEntryDate, mergeChronologies, parseUkDate, type ChronologyEntry, type EntryFields } from './chronology';

describe('parseUkDate', () => {
	it('reads the date forms agencies send, day first', () => {
		expect(parseUkDate('12/03/2019')).toEqual({ date: '2019-03-12', precision: 'day', approximate: false });
		expect(parseUkDate('12 March 2019')).toEqual({ date: '2019-03-12', precision: 'day', approximate: false });
		expect(parseUkDate('12th Mar 2019')).toEqual({ date: '2019-03-12', precision: 'day', approximate: false });
		expect(parseUkDate('March 2019')).toEqual({ date: '2019-03-01', precision: 'month', approximate: false });
		expect(parseUkDate('?12/03/2019')).toEqual({ date: '2019-03-12', precision: 'day', approximate: true });
		expect(parseUkDate('2019')).toEqual({ date: '2019-01-01', precision: 'year', approximate: false });
		expect(parseUkDate('12-03-19')).toEqual({ date: '2019-03-12', precision: 'day', approximate: false });
	});

	it('refuses dates that do not exist or are not dates', () => {
		expect(parseUkDate('31/02/2019')).toBeNull();
		expect(parseUkDate('Smarch 2019')).toBeNull();
		expect(parseUkDate('')).toBeNull();
	});

	it('shows an uncertain date with a question mark', () => {
		expect(formatEntryDate({ date: '2016-05-22', datePrecision: 'day', approximate: true })).toBe('?22 May 2016');
		expect(formatEntryDate({ date: '2016-05-01', datePrecision: 'month', approximate: false })).toBe('May 2016');
	});
});

const fields: EntryFields = {
	date: '2019-03-12', datePrecision: 'day', approximate: false, time: '', subjects: ['victim'],
	source: 'Custody record 12/3456', summary: 'Officers attended.', action: 'DASH completed.', afterDeath: false
};
const context = { dateOfDeath: '2020-06-01', today: '2025-01-01' };

describe('checkEntry', () => {
	it('accepts a complete entry', () => {
		expect(checkEntry(fields, context)).toEqual([]);
	});

	it('always needs a source', () => {
		expect(checkEntry({ ...fields, source: ' ' }, context).map((e) => e.field)).toEqual(['source']);
	});

	it('refuses a date after the death unless the entry is marked as after it', () => {
		expect(checkEntry({ ...fields, date: '2020-07-01' }, context).map((e) => e.field)).toEqual(['date']);
		expect(checkEntry({ ...fields, date: '2020-07-01', afterDeath: true }, context)).toEqual([]);
	});

	it('refuses a time that is not HH:MM', () => {
		expect(checkEntry({ ...fields, time: '25:00' }, context).map((e) => e.field)).toEqual(['time']);
	});
});

describe('mergeChronologies', () => {
	const entry = (id: string, date: string, time = ''): ChronologyEntry => ({ ...fields, id, date, time, createdBy: 'u', createdAt: '', updatedAt: '' });

	it('orders by date, time and agency, with intervals and the victim’s age', () => {
		const merged = mergeChronologies(
			[
				{ agency: { id: 'p', name: 'Police' }, entries: [entry('p1', '2019-03-12', '14:00'), entry('p2', '2019-01-01')] },
				{ agency: { id: 'g', name: 'GP' }, entries: [entry('g1', '2019-03-12', '09:30'), entry('g2', '2019-03-12', '14:00')] }
			],
			'1990-03-12'
		);
		expect(merged.map((e) => e.id)).toEqual(['p2', 'g1', 'g2', 'p1']);
		expect(merged.map((e) => e.daysSincePrevious)).toEqual([null, 70, 0, 0]);
		expect(merged[1].victimAge).toBe(29);
		expect(merged[0].victimAge).toBe(28);
	});
});
