/**
 * Read-only views of the report for sign-off (issue 6): a named version or the
 * current text as sections of passages, and an agency's place in it: which passages
 * concern it, and what changed since it signed.
 */
import type { AppDatabase } from './db/client';
import { readReportDocument, readVersionDocument, reportSections, versionChronology, type VersionEntry } from './report';
import { createSqliteDocumentStore } from './document-store';
import { readDocument } from './live-documents';
import { loadSignoff, reportTextHash } from './signoff';
import { reportContent } from '../collab/report-content';
import { entriesOf } from '../collab/chronology-doc';
import { documentName } from '../domain/permissions';
import { concernsAgency, passageChanges, passagesOf, type Passage, type PassageChange, type SectionContent } from '../domain/report-passages';
import { agencyStanding, agencyStatus, type AgencyDecision, type AgencyStanding, type AgencyStatus } from '../domain/signoff';

/** A named version's sections, or null when the review has no such version. */
export function versionReportContent(db: AppDatabase, reviewId: string, versionId: string): { name: string; sections: SectionContent[] } | null {
	const version = readVersionDocument(db, reviewId, versionId);
	if (!version) return null;
	try {
		return { name: version.name, sections: reportContent(version.doc, reportSections(db, reviewId)) };
	} finally {
		version.doc.destroy();
	}
}

/** The report as stored now, read once for both its hash and its content. */
function currentReport(db: AppDatabase, reviewId: string): { hash: string; sections: SectionContent[] } {
	const doc = readReportDocument(db, reviewId);
	try {
		return { hash: reportTextHash(db, reviewId, doc), sections: reportContent(doc, reportSections(db, reviewId)) };
	} finally {
		doc.destroy();
	}
}

/** The ids of an agency's chronology entries (removed entries no longer count). */
function agencyEntryIds(db: AppDatabase, reviewId: string, agencyId: string): Set<string> {
	const doc = readDocument(createSqliteDocumentStore(db), documentName({ kind: 'chronology', reviewId, agencyId }));
	try {
		return new Set(entriesOf(doc).toArray().map((entry) => String(entry.get('id'))));
	} finally {
		doc.destroy();
	}
}

export interface AgencyInReportView {
	status: AgencyStatus;
	standing: AgencyStanding;
	decision: AgencyDecision | null;
	round: { versionId: string; versionName: string } | null;
	/** The round's version, passage by passage, with the passages concerning the agency marked. */
	sections: { key: string; title: string; passages: (Passage & { concerns: boolean })[] }[];
	concerningCount: number;
	/** What changed since the agency last signed (null when it has not, or nothing can be compared). */
	changesSinceSigned: PassageChange[] | null;
	/** The round's text is the report's current text. */
	roundIsCurrent: boolean;
	/** The agency's chronology as it stood when the round's version was named (null when not kept). */
	chronology: VersionEntry[] | null;
}

export function agencyInReport(db: AppDatabase, reviewId: string, agency: { id: string; name: string }): AgencyInReportView {
	const state = loadSignoff(db, reviewId);
	const stored = currentReport(db, reviewId);
	const current = stored.hash;
	const chronology = state.round ? versionChronology(db, reviewId, state.round.versionId)?.filter((entry) => entry.agencyId === agency.id) ?? null : null;
	// Entries as they stood then count as well as today's, so a passage citing a since-removed entry still shows.
	const entryIds = new Set([...agencyEntryIds(db, reviewId, agency.id), ...(chronology ?? []).map((entry) => entry.id)]);
	const concerns = (passage: Passage) => concernsAgency(passage, { id: agency.id, name: agency.name, entryIds });
	const round = state.round ? versionReportContent(db, reviewId, state.round.versionId) : null;
	const shown = round?.sections ?? stored.sections;
	const sections = shown.map((section) => ({
		key: section.key,
		title: section.title,
		passages: passagesOf([section]).map((passage) => ({ ...passage, concerns: concerns(passage) }))
	}));
	const decision = state.decisions[agency.id] ?? null;
	const status = agencyStatus(state, agency.id, current);
	let changesSinceSigned: PassageChange[] | null = null;
	// Whatever the agency decided, it is shown what changed since (a dispute stays a dispute meanwhile).
	if (decision && decision.textHash !== current) {
		const signed = versionReportContent(db, reviewId, decision.versionId);
		if (signed) changesSinceSigned = passageChanges(passagesOf(signed.sections), passagesOf(stored.sections), concerns);
	}
	return {
		status,
		standing: agencyStanding(state, agency.id, current),
		decision,
		round: state.round && round ? { versionId: state.round.versionId, versionName: round.name } : null,
		sections,
		concerningCount: sections.reduce((count, section) => count + section.passages.filter((p) => p.concerns).length, 0),
		changesSinceSigned,
		roundIsCurrent: state.round?.textHash === current,
		chronology
	};
}
