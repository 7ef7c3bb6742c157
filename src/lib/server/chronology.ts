/**
 * The integrated chronology on the server: read from the stored documents for the
 * exports and the print page (every accepted edit is stored before anyone sees it,
 * so the store is always current).
 */
import { stringify } from 'csv-stringify/sync';
import type { AppDatabase } from './db/client';
import { createSqliteDocumentStore } from './document-store';
import { readDocument } from './live-documents';
import { readAnalysis, readEntries } from '../collab/chronology-doc';
import { emptyAnalysis, formatEntryDate, mergeChronologies, subjectLabels, type EntryAnalysis, type IntegratedEntry } from '../domain/chronology';
import { documentName } from '../domain/permissions';
import { neutraliseFormula } from '../domain/spreadsheet-safety';

export interface ExportedEntry extends IntegratedEntry {
	tags: string[];
	keyEpisode: boolean;
	note: string;
}

export function loadIntegratedChronology(
	db: AppDatabase,
	review: { id: string; victimDateOfBirth: string | null },
	agencies: { id: string; name: string }[]
): ExportedEntry[] {
	const store = createSqliteDocumentStore(db);
	const chronologies = agencies.map((agency) => {
		const doc = readDocument(store, documentName({ kind: 'chronology', reviewId: review.id, agencyId: agency.id }));
		try {
			return { agency: { id: agency.id, name: agency.name }, entries: readEntries(doc) };
		} finally {
			doc.destroy();
		}
	});
	const analysisDoc = readDocument(store, documentName({ kind: 'analysis', reviewId: review.id }));
	let analysis: Map<string, EntryAnalysis>;
	try {
		analysis = readAnalysis(analysisDoc);
	} finally {
		analysisDoc.destroy();
	}
	return mergeChronologies(chronologies, review.victimDateOfBirth).map((entry) => ({ ...entry, ...(analysis.get(entry.id) ?? emptyAnalysis) }));
}

export const csvColumns = [
	'Date',
	'Time',
	'Agency',
	'About',
	'Source',
	'What happened',
	'Action taken or why none',
	'Days since previous entry',
	"Victim's age",
	'Panel tags',
	'Key practice episode',
	'Analysis note',
	'Entry id'
];

/** The integrated chronology as CSV, with every cell that a spreadsheet could run as a formula neutralised. */
export function chronologyCsv(entries: ExportedEntry[]): string {
	const rows = entries.map((entry) => [
		formatEntryDate(entry),
		entry.time,
		entry.agencyName,
		entry.subjects.map((subject) => subjectLabels[subject]).join('; '),
		entry.source,
		entry.summary,
		entry.action,
		entry.daysSincePrevious ?? '',
		entry.victimAge ?? '',
		entry.tags.join('; '),
		entry.keyEpisode ? 'Yes' : '',
		entry.note,
		entry.id
	]);
	return stringify([csvColumns, ...rows].map((row) => row.map((cell) => neutraliseFormula(String(cell)))), { bom: true, record_delimiter: 'windows' });
}
