/**
 * Turning the spreadsheet an agency sends into chronology entries: which column is
 * which field, what each row becomes, and why a row is refused. Pure: the server
 * reads the file into rows of text first (csv-parse, read-excel-file).
 */
import { checkEntry, entryIdentity, entrySubjects, parseUkDate, type EntryContext, type EntryFields, type EntrySubject } from './chronology';
import { stripFormula } from './spreadsheet-safety';

export const importFields = ['date', 'time', 'subjects', 'source', 'summary', 'action'] as const;
export type ImportField = (typeof importFields)[number];

export const importFieldLabels: Record<ImportField, string> = {
	date: 'Date',
	time: 'Time',
	subjects: 'Who it is about',
	source: 'Source',
	summary: 'What happened',
	action: 'Action taken'
};

export const requiredImportFields: ImportField[] = ['date', 'source', 'summary'];

/** Column index for each field, or null when the file has no such column. */
export type ColumnMapping = Record<ImportField, number | null>;

export const maxImportRows = 5_000;

const headerWords: Record<ImportField, RegExp> = {
	date: /\bdate\b|\bwhen\b/i,
	time: /\btime\b/i,
	subjects: /\bsubjects?\b|\babout\b|\bperson\b|\bwho\b/i,
	source: /\bsource\b|\brecord\b|\breference\b|\bref\b|\bsystem\b/i,
	summary: /\bsummary\b|\bhappened\b|\bdetails?\b|\bevent\b|\bcontact\b|\bdescription\b|\bnarrative\b/i,
	action: /\baction\b|\boutcome\b|\bresponse\b/i
};

/** A first guess at the mapping from the header row; the person checks it in the preview. */
export function suggestMapping(headers: string[]): ColumnMapping {
	const mapping = Object.fromEntries(importFields.map((field) => [field, null])) as ColumnMapping;
	const taken = new Set<number>();
	// Time before date, so "Date and time" goes to the date and a lone "Time" to the time.
	for (const field of ['time', 'date', 'action', 'source', 'subjects', 'summary'] as const) {
		const index = headers.findIndex((header, i) => !taken.has(i) && headerWords[field].test(header) && !(field === 'time' && headerWords.date.test(header)));
		if (index !== -1) {
			mapping[field] = index;
			taken.add(index);
		}
	}
	return mapping;
}

export function mappingProblems(mapping: ColumnMapping, columnCount: number): string[] {
	const problems: string[] = [];
	for (const field of requiredImportFields) {
		if (mapping[field] === null) problems.push(`Choose the column that holds "${importFieldLabels[field]}"`);
	}
	const used = importFields.map((field) => mapping[field]).filter((index): index is number => index !== null);
	if (used.some((index) => index < 0 || index >= columnCount)) problems.push('A chosen column is not in the file');
	if (new Set(used).size !== used.length) problems.push('Each column can be used for one field only');
	return problems;
}

const subjectWords: Record<string, EntrySubject> = {
	victim: 'victim',
	v: 'victim',
	perpetrator: 'perpetrator',
	p: 'perpetrator',
	'alleged perpetrator': 'perpetrator',
	child: 'child',
	children: 'child',
	family: 'family',
	'family member': 'family',
	other: 'other'
};

/** "Victim; perpetrator", "V & P", "victim, child" → subjects; words not understood come back separately. */
export function parseSubjects(cell: string): { subjects: EntrySubject[]; unknown: string[] } {
	const subjects: EntrySubject[] = [];
	const unknown: string[] = [];
	for (const word of cell.split(/[;,/&+]|\band\b/i).map((part) => part.trim().toLowerCase()).filter(Boolean)) {
		const subject = subjectWords[word] ?? (entrySubjects as readonly string[]).find((known) => known === word);
		if (subject) {
			if (!subjects.includes(subject as EntrySubject)) subjects.push(subject as EntrySubject);
		} else unknown.push(word);
	}
	return { subjects, unknown };
}

/** "14:05", "14.05", "1405", "9:30" → "14:05"; "" stays ""; anything else is returned as typed for the check to refuse. */
export function normaliseTime(cell: string): string {
	const text = cell.trim();
	const match = /^(\d{1,2})[:.]?(\d{2})(?::\d{2})?$/.exec(text);
	return match ? `${match[1].padStart(2, '0')}:${match[2]}` : text;
}

export interface ImportedRow {
	/** The row's line in the file, counting the header as line 1. */
	line: number;
	fields: EntryFields;
	warnings: string[];
}

export interface RejectedRow {
	line: number;
	reasons: string[];
}

export interface ImportCheck {
	accepted: ImportedRow[];
	rejected: RejectedRow[];
	/** Rows that match an entry already in the chronology, or an earlier row of the file: not imported. */
	duplicates: ImportedRow[];
}

/**
 * What each data row (after the header) becomes. `existing` holds the identities
 * (`entryIdentity`) of the agency's entries already recorded.
 */
export function checkImportRows(rows: string[][], mapping: ColumnMapping, context: EntryContext, existing: ReadonlySet<string>): ImportCheck {
	const result: ImportCheck = { accepted: [], rejected: [], duplicates: [] };
	const seen = new Set(existing);
	rows.forEach((row, index) => {
		const line = index + 2;
		if (row.every((cell) => cell.trim() === '')) return;
		const warnings: string[] = [];
		const cell = (field: ImportField): string => {
			const column = mapping[field];
			const raw = column === null ? '' : (row[column] ?? '').trim();
			const stripped = stripFormula(raw);
			if (stripped === null) return raw;
			warnings.push(`"${importFieldLabels[field]}" began like a spreadsheet formula; it was kept as plain text without the leading symbol`);
			return stripped.trim();
		};
		const dateText = cell('date');
		const parsed = parseUkDate(dateText);
		const subjects = parseSubjects(cell('subjects'));
		if (subjects.unknown.length > 0) warnings.push(`Did not understand "${subjects.unknown.join('", "')}" in "${importFieldLabels.subjects}"; left out`);
		const fields: EntryFields = {
			date: parsed?.date ?? '',
			datePrecision: parsed?.precision ?? 'day',
			approximate: parsed?.approximate ?? false,
			time: normaliseTime(cell('time')),
			subjects: subjects.subjects,
			source: cell('source'),
			summary: cell('summary'),
			action: cell('action'),
			afterDeath: false
		};
		if (parsed && fields.date > context.dateOfDeath) {
			fields.afterDeath = true;
			warnings.push('Dated after the death, so marked as after the death');
		}
		const problems = checkEntry(fields, context).map((error) => error.message);
		if (!parsed) problems.unshift(dateText ? `"${dateText}" is not a date we can read, for example 12/03/2019, March 2019 or 2019` : 'There is no date');
		if (problems.length > 0) {
			result.rejected.push({ line, reasons: [...new Set(problems.filter((p) => !(parsed === null && p.startsWith('Enter a real date'))))] });
			return;
		}
		const identity = entryIdentity(fields);
		if (seen.has(identity)) {
			result.duplicates.push({ line, fields, warnings });
			return;
		}
		seen.add(identity);
		result.accepted.push({ line, fields, warnings });
	});
	return result;
}
