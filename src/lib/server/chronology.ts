/**
 * The integrated chronology on the server: read from the stored documents for the
 * exports and the print page (every accepted edit is stored before anyone sees it,
 * so the store is always current).
 */
import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { AppDatabase } from './db/client';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument, readDocument } from './live-documents';
import { recordAudit } from './audit';
import type { Actor } from './actor';
import { addEntry, readAnalysis, readEntries } from '../collab/chronology-doc';
import { checkImportRows, type ColumnMapping, type ImportCheck } from '../domain/chronology-import';
import { emptyAnalysis, entryIdentity, formatEntryDate, mergeChronologies, subjectLabels, type EntryAnalysis, type IntegratedEntry } from '../domain/chronology';
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

/**
 * Adds accepted rows to one agency's chronology as a single update (one SQLite
 * transaction: all of them or none), skipping likely duplicates of what is there.
 * The check runs against the document as it is at this moment, inside the change.
 */
export function importChronology(
	db: AppDatabase,
	actor: Actor,
	target: { reviewId: string; agencyId: string; dateOfDeath: string; fileName: string },
	rows: string[][],
	mapping: ColumnMapping,
	today: string
): ImportCheck {
	let outcome: ImportCheck = { accepted: [], rejected: [], duplicates: [] };
	const now = new Date();
	changeDocument(createSqliteDocumentStore(db), {
		docName: documentName({ kind: 'chronology', reviewId: target.reviewId, agencyId: target.agencyId }),
		userId: actor.userId,
		change: (doc) => {
			const existing = new Set(readEntries(doc).map(entryIdentity));
			outcome = checkImportRows(rows, mapping, { dateOfDeath: target.dateOfDeath, today }, existing);
			doc.transact(() => {
				for (const row of outcome.accepted) addEntry(doc, randomUUID(), row.fields, actor.userId, now);
			});
		}
	});
	recordAudit(db, {
		action: 'chronology.imported',
		actorUserId: actor.userId,
		reviewId: target.reviewId,
		detail: { fileName: target.fileName, agencyId: target.agencyId, entries: outcome.accepted.length, rejected: outcome.rejected.length, duplicates: outcome.duplicates.length },
		ipAddress: actor.ipAddress,
		at: now
	});
	return outcome;
}

/** The identities of an agency's stored entries, for a preview's duplicate check. */
export function existingIdentities(db: AppDatabase, reviewId: string, agencyId: string): Set<string> {
	const doc = readDocument(createSqliteDocumentStore(db), documentName({ kind: 'chronology', reviewId, agencyId }));
	try {
		return new Set(readEntries(doc).map(entryIdentity));
	} finally {
		doc.destroy();
	}
}
