import { describe, expect, it } from 'vitest';
import {
	checkEntry,
	crossAgencyDuplicates,
	draftFromEntry,
	entryIdentity,
	fieldsFromDraft,
	filterEntries,
	citationLabel,
	entryDateInput,
	formatEntryDate,
	mergeChronologies,
	mergeEdit,
	parseUkDate,
	summarySimilarity,
	type ChronologyEntry,
	type EntryAnalysis,
	type EntryFields
} from './chronology';

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

	it('shows an uncertain date as "about", never with a question mark', () => {
		expect(formatEntryDate({ date: '2016-05-22', datePrecision: 'day', approximate: true })).toBe('about 22 May 2016');
		expect(formatEntryDate({ date: '2025-02-01', datePrecision: 'month', approximate: true })).toBe('about February 2025');
		expect(formatEntryDate({ date: '2016-05-01', datePrecision: 'month', approximate: false })).toBe('May 2016');
		expect(citationLabel({ date: '2025-02-01', datePrecision: 'month', approximate: true, agencyName: 'Northmoor Police' })).toBe('about February 2025 · Northmoor Police');
	});

	it('reads back the uncertain dates it writes, and a spreadsheet\'s leading "?"', () => {
		expect(parseUkDate('about February 2025')).toEqual({ date: '2025-02-01', precision: 'month', approximate: true });
		expect(parseUkDate('?February 2025')).toEqual({ date: '2025-02-01', precision: 'month', approximate: true });
	});

	it('puts an entry\'s date back in the date box without a "?": the approximate box says that', () => {
		const entry = { date: '2025-02-01', datePrecision: 'month' as const, approximate: true };
		expect(entryDateInput(entry)).toBe('February 2025');
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

describe('filterEntries', () => {
	const entry = (id: string, agency: string, date: string, summary: string, subjects: ChronologyEntry['subjects'] = ['victim']): ChronologyEntry & { agency: string } => ({
		...fields, id, date, summary, subjects, createdBy: 'u', createdAt: '', updatedAt: '', agency
	});
	const all = mergeChronologies([
		{ agency: { id: 'p', name: 'Police' }, entries: [entry('p1', 'p', '2019-01-05', 'Threats to kill reported', ['victim', 'perpetrator']), entry('p2', 'p', '2019-06-01', 'Alarm fitted')] },
		{ agency: { id: 'g', name: 'GP' }, entries: [entry('g1', 'g', '2019-03-01', 'Bruising noted', ['victim']), entry('g2', 'g', '2019-09-01', 'Child seen', ['child'])] }
	]);
	const analysis = new Map<string, EntryAnalysis>([
		['p1', { tags: ['disclosure', 'risk assessment'], keyEpisode: true, note: '' }],
		['g1', { tags: ['missed opportunity'], keyEpisode: false, note: '' }]
	]);
	const ids = (filter: Parameters<typeof filterEntries>[1]) => filterEntries(all, filter, (id) => analysis.get(id)).map((e) => e.id);

	it('keeps everything with no filter, in order', () => {
		expect(ids({})).toEqual(['p1', 'g1', 'p2', 'g2']);
	});

	it('filters by agency, subject, tag, key episode, date range and words, together', () => {
		expect(ids({ agencyIds: ['g'] })).toEqual(['g1', 'g2']);
		expect(ids({ subjects: ['child'] })).toEqual(['g2']);
		expect(ids({ tag: 'missed opportunity' })).toEqual(['g1']);
		expect(ids({ keyEpisodesOnly: true })).toEqual(['p1']);
		expect(ids({ from: '2019-03-01', to: '2019-06-01' })).toEqual(['g1', 'p2']);
		expect(ids({ text: '  ALARM ' })).toEqual(['p2']);
		expect(ids({ text: 'police' })).toEqual(['p1', 'p2']);
		expect(ids({ agencyIds: ['p'], keyEpisodesOnly: true, text: 'threats' })).toEqual(['p1']);
		expect(ids({ agencyIds: ['p'], tag: 'missed opportunity' })).toEqual([]);
	});
});

describe('likely duplicates', () => {
	const make = (id: string, summary: string, date = '2020-05-04', datePrecision: ChronologyEntry['datePrecision'] = 'day'): ChronologyEntry => ({
		...fields, id, date, datePrecision, summary, createdBy: 'u', createdAt: '', updatedAt: ''
	});

	it('flags the same event recorded by two agencies on one day, both ways, and nothing else', () => {
		const merged = mergeChronologies([
			{ agency: { id: 'h', name: 'Housing' }, entries: [make('h1', 'Joint visit with the IDVA to A at home to discuss moving'), make('h2', 'Repair raised')] },
			{ agency: { id: 'i', name: 'IDVA' }, entries: [make('i1', 'Joint visit with housing to A at home to discuss moving'), make('i2', 'Joint visit with housing to A at home', '2020-05-05')] }
		]);
		const duplicates = crossAgencyDuplicates(merged);
		expect(duplicates.get('h1')?.map((e) => e.id)).toEqual(['i1']);
		expect(duplicates.get('i1')?.map((e) => e.id)).toEqual(['h1']);
		expect(duplicates.has('h2')).toBe(false);
		expect(duplicates.has('i2')).toBe(false);
	});

	it('does not compare an agency with itself or entries dated only to a month', () => {
		const merged = mergeChronologies([
			{ agency: { id: 'h', name: 'Housing' }, entries: [make('a', 'Visit to A at home'), make('b', 'Visit to A at home')] },
			{ agency: { id: 'i', name: 'IDVA' }, entries: [make('c', 'Visit to A at home', '2020-05-01', 'month')] }
		]);
		expect(crossAgencyDuplicates(merged).size).toBe(0);
	});

	it('measures similarity by shared words and identity by date, source and summary', () => {
		expect(summarySimilarity('A seen at home', 'a SEEN at home!')).toBe(1);
		expect(summarySimilarity('Alarm fitted', 'Threats reported')).toBe(0);
		expect(entryIdentity({ date: '2020-01-01', source: ' Log  1 ', summary: 'Seen  at home' })).toBe(entryIdentity({ date: '2020-01-01', source: 'log 1', summary: 'seen at home' }));
		expect(entryIdentity({ date: '2020-01-02', source: 'log 1', summary: 'seen at home' })).not.toBe(entryIdentity({ date: '2020-01-01', source: 'log 1', summary: 'seen at home' }));
	});
});

describe('the entry form', () => {
	const context = { dateOfDeath: '2020-06-01', today: '2026-11-23' };
	const stored: ChronologyEntry = { ...fields, id: 'e1', datePrecision: 'month', date: '2019-03-01', approximate: true, createdBy: 'u', createdAt: '', updatedAt: '' };

	it('turns what was typed into an entry, reading the date and the approximate mark', () => {
		const draft = draftFromEntry(stored);
		expect(draft.dateText).toBe('March 2019');
		expect(draft.approximate).toBe(true);
		const checked = fieldsFromDraft({ ...draft, dateText: '?12/03/2019', approximate: false }, context);
		expect(checked).toMatchObject({ ok: true, fields: { date: '2019-03-12', datePrecision: 'day', approximate: true } });
	});

	it('explains an empty or unreadable date, and a missing source', () => {
		const empty = fieldsFromDraft({ ...draftFromEntry(stored), dateText: '', source: ' ' }, context);
		expect(empty.ok).toBe(false);
		if (!empty.ok) {
			expect(empty.errors.map((e) => e.field)).toEqual(['date', 'source']);
			expect(empty.errors[0].message).toBe('Enter the date of the contact, for example 12/03/2019');
		}
		const unreadable = fieldsFromDraft({ ...draftFromEntry(stored), dateText: '31/02/2019' }, context);
		expect(!unreadable.ok && unreadable.errors[0].message).toContain('Enter a real date');
	});

	it('keeps changes others made meanwhile to fields this person did not touch', () => {
		const original: EntryFields = { ...fields };
		const edited: EntryFields = { ...fields, summary: 'Officers attended; A seen alone.' };
		const current: EntryFields = { ...fields, source: 'Custody record 12/3457', subjects: ['victim', 'child'] };
		expect(mergeEdit(original, edited, current)).toEqual({ ...current, summary: 'Officers attended; A seen alone.' });
		// A field both changed takes this person's value: they saw it and chose it.
		expect(mergeEdit(original, { ...edited, source: 'Mine' }, current).source).toBe('Mine');
	});
});
