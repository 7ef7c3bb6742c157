/**
 * The publication pack's exports (issue 17): the overview report, the executive summary
 * and the action plan, as Word or PDF, in the restricted edition (any named version,
 * with the marking) or the publication edition (pseudonyms applied, no marking, only
 * once the report is final and ready). Every export is recorded with its SHA-256, in the
 * audit log and in `publication_export`, so a submission can say which file went.
 */
import { createHash, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { AppDatabase } from './db/client';
import { publicationExport, type PublicationExport } from './db/schema';
import { recordAudit } from './audit';
import type { Actor } from './actor';
import { listVersions, readReportDocument, readVersionDocument, reportSections, versionChronology, type VersionEntry } from './report';
import { loadSignoff } from './signoff';
import { disagreementAppendix } from './signoff-record';
import { openFlagsInCurrentReport, openFlagsInVersion } from './language';
import { getReviewOverview } from './reviews';
import { loadIntegratedChronology } from './chronology';
import { glossaryFor } from './glossary';
import { readinessChecks, reportWords } from './readiness';
import { protectiveMarking, markingForFileName } from './config';
import { openFindingsInExportedVersion, publicationPseudonyms } from './publication-anonymisation';
import { actionPlanSections } from './publication-action-plan';
import { loadActionPlan } from './action-plan';
import { convertDocxToPdf, PdfConversionError } from './pdf-conversion';
import { publicationDocx, type CitationNote, type PublicationModel, type PublicationSection } from './publication-docx';
import { reportContent } from '../collab/report-content';
import { readRecommendations } from '../collab/recommendations-doc';
import { formatEntryDate } from '../domain/chronology';
import { formatDate, todayInUk } from '../domain/dates';

export const exportDocuments = ['overview', 'executive-summary', 'action-plan'] as const;
export type ExportDocument = (typeof exportDocuments)[number];
export const exportFormats = ['docx', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportEditions = ['restricted', 'publication'] as const;
export type ExportEdition = (typeof exportEditions)[number];

export const documentTitles: Record<ExportDocument, string> = {
	overview: 'Overview report',
	'executive-summary': 'Executive summary',
	'action-plan': 'Action plan'
};

export const editionLabels: Record<ExportEdition, string> = {
	restricted: 'Restricted edition',
	publication: 'Publication edition'
};

export const mediaTypes: Record<ExportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf'
};

export interface ExportRequest {
	document: ExportDocument;
	format: ExportFormat;
	edition: ExportEdition;
	/** A named version of the report; by default the sign-off round's, else the latest. */
	versionId: string | null;
}

export interface ExportedFile {
	bytes: Buffer;
	fileName: string;
	mediaType: string;
	sha256: string;
}

export type ExportOutcome =
	| { ok: true; file: ExportedFile }
	/** 409 carries `reasons`: everything that stands in the way, not only the first. */
	| { ok: false; status: 404 | 409 | 500 | 503 | 504; message: string; reasons?: string[] };

export interface ChosenVersion {
	id: string | null;
	name: string;
	doc: Y.Doc;
}

/** The version asked for, or the round's, or the latest named one, or (when none is named) the text as it stands. */
function chooseVersion(db: AppDatabase, reviewId: string, versionId: string | null): ChosenVersion | null {
	const id = versionId ?? loadSignoff(db, reviewId).round?.versionId ?? listVersions(db, reviewId)[0]?.id ?? null;
	if (!id) return { id: null, name: 'Working draft (not a named version)', doc: readReportDocument(db, reviewId) };
	const version = readVersionDocument(db, reviewId, id);
	return version ? { id, name: version.name, doc: version.doc } : null;
}

function citationNotes(entries: Pick<VersionEntry, 'id' | 'date' | 'datePrecision' | 'approximate' | 'agencyName'>[]): Map<string, CitationNote> {
	return new Map(entries.map((entry) => [entry.id, { kind: 'entry', date: formatEntryDate(entry), agencyName: entry.agencyName } as const]));
}

/** Actions still drafts without an owner or a target date (finished ones no longer need them). */
export function incompleteDraftActions(db: AppDatabase, reviewId: string, now = new Date()): number {
	const plan = loadActionPlan(db, reviewId, now);
	return (plan?.recommendations ?? []).flatMap((r) => r.actions).filter((a) => a.missing.length > 0 && a.status !== 'done' && a.status !== 'closed').length;
}

/** Why the publication edition (of `document`, when given) cannot be made now; empty when it can. */
export function publicationRefusals(db: AppDatabase, reviewId: string, versionId: string | null, now = new Date(), document?: ExportDocument): string[] {
	const reasons: string[] = [];
	if (document === 'action-plan') {
		// The published plan names who owns each action and by when: a draft without them is not publishable.
		const drafts = incompleteDraftActions(db, reviewId, now);
		if (drafts) reasons.push(`${drafts} ${drafts === 1 ? 'action in the action plan is an incomplete draft' : 'actions in the action plan are incomplete drafts'}: give each a named owner and a target date.`);
	}
	if (loadSignoff(db, reviewId).stage !== 'final') reasons.push('The report is not final: the publication edition is made only from the final report.');
	const flags = versionId ? (openFlagsInVersion(db, reviewId, versionId) ?? []) : openFlagsInCurrentReport(db, reviewId);
	if (flags.length) reasons.push(`${flags.length} language ${flags.length === 1 ? 'flag is' : 'flags are'} still open in this version.`);
	const findings = openFindingsInExportedVersion(db, reviewId, versionId);
	if (findings) reasons.push(`${findings} possible ${findings === 1 ? 'identifier is' : 'identifiers are'} still open in this version: replace ${findings === 1 ? 'it' : 'them'} with the pseudonym or mark ${findings === 1 ? 'it' : 'them'} "Not identifying" in the report.`);
	for (const check of readinessChecks(db, reviewId, now)) {
		if (check.status === 'not_met' && !reasons.includes(check.detail)) reasons.push(`${check.label}: ${check.detail}`);
	}
	return reasons;
}

function safeFileNamePart(words: string): string {
	return words.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'review';
}

/** Gathers the model for the Word builder from a version of the report. */
export function publicationModel(db: AppDatabase, reviewId: string, document: ExportDocument, version: ChosenVersion, marking: string | null, transform: ((text: string) => string) | undefined, now: Date): PublicationModel {
	const overview = getReviewOverview(db, reviewId)!;
	const all = reportContent(version.doc, reportSections(db, reviewId));
	const parts = reportSections(db, reviewId);
	const partOf = new Map(parts.map((section) => [section.key, section.part]));
	let sections: PublicationSection[];
	if (document === 'action-plan') sections = actionPlanSections(db, reviewId, version.doc);
	else sections = all.filter((section) => partOf.get(section.key) === document).map(({ title, blocks }) => ({ title, blocks }));
	const kept = version.id ? versionChronology(db, reviewId, version.id) : null;
	// Entries as they stood when the version was named, then today's: a citation to neither is shown as removed.
	const entries = [...loadIntegratedChronology(db, overview.review, overview.agencies), ...(kept ?? [])];
	const recommendations = readRecommendations(version.doc);
	const glossary = glossaryFor(db, reviewId, reportWords(document === 'action-plan' ? [] : all.filter((s) => partOf.get(s.key) === document), recommendations)).entries;
	const appendix = document === 'overview' ? disagreementAppendix(db, reviewId, overview.agencies) : null;
	return {
		documentTitle: documentTitles[document],
		reviewName: overview.review.title,
		partnership: overview.review.partnership,
		versionName: version.name,
		date: formatDate(todayInUk(now)),
		marking,
		sections,
		citations: citationNotes(entries),
		agencyNames: new Map(overview.agencies.map((agency) => [agency.id, agency.name])),
		glossary,
		disagreements: appendix ? { agencies: appendix.agencies, family: appendix.family } : null,
		transform,
		landscape: document === 'action-plan'
	};
}

/**
 * Makes one export, or says why not. Publication is refused (409, with every reason)
 * unless the report is final and ready; every export made is audited with its SHA-256.
 */
export async function exportPublication(db: AppDatabase, actor: Actor, reviewId: string, request: ExportRequest, now = new Date()): Promise<ExportOutcome> {
	const overview = getReviewOverview(db, reviewId);
	if (!overview) return { ok: false, status: 404, message: 'Review not found' };
	const version = chooseVersion(db, reviewId, request.versionId);
	if (!version) return { ok: false, status: 404, message: 'That version does not exist in this review' };
	let bytes: Buffer;
	let transform: ((text: string) => string) | undefined;
	try {
		if (request.edition === 'publication') {
			const reasons = publicationRefusals(db, reviewId, version.id, now, request.document);
			if (reasons.length) {
				recordAudit(db, { action: 'report.export_refused', actorUserId: actor.userId, reviewId, detail: { document: request.document, format: request.format, edition: request.edition, reasons: reasons.length }, ipAddress: actor.ipAddress, at: now });
				return { ok: false, status: 409, message: 'The publication edition cannot be made yet.', reasons };
			}
			transform = publicationPseudonyms(db, reviewId);
		}
		const marking = request.edition === 'restricted' ? protectiveMarking() : null;
		const docx = await publicationDocx(publicationModel(db, reviewId, request.document, version, marking, transform, now));
		bytes = request.format === 'pdf' ? await convertDocxToPdf(docx) : docx;
	} catch (caught) {
		if (caught instanceof PdfConversionError) return { ok: false, status: caught.status as 500 | 503 | 504, message: caught.message };
		throw caught;
	} finally {
		version.doc.destroy();
	}
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	// The review's title is a pseudonym from the start; the register still applies, as to every word published.
	const fileName = [safeFileNamePart(transform ? transform(overview.review.title) : overview.review.title), request.document, request.edition, ...(request.edition === 'restricted' ? [markingForFileName(protectiveMarking())] : [])].join('-') + `.${request.format}`;
	db.transaction((tx) => {
		tx.insert(publicationExport)
			.values({ id: randomUUID(), reviewId, document: request.document, format: request.format, edition: request.edition, versionId: version.id, versionName: version.name, sha256, byteSize: bytes.length, exportedBy: actor.userId, exportedAt: now })
			.run();
		recordAudit(tx, { action: 'report.exported', actorUserId: actor.userId, reviewId, detail: { document: request.document, format: request.format, edition: request.edition, versionId: version.id, sha256 }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, file: { bytes, fileName, mediaType: mediaTypes[request.format], sha256 } };
}

/** The exports made so far, newest first (for the submissions page's "which file was sent"). */
export function listExports(db: AppDatabase, reviewId: string): PublicationExport[] {
	return db.select().from(publicationExport).where(eq(publicationExport.reviewId, reviewId)).orderBy(desc(publicationExport.exportedAt)).all();
}
