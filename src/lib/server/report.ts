/**
 * The overview report's sections (order and titles). A review's report starts from the
 * statutory template the first time anyone opens it; only the chair changes it after.
 */
import * as Y from 'yjs';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { reportSection, reportVersion, user, type ReportSection } from './db/schema';
import { createSqliteDocumentStore } from './document-store';
import { readDocument } from './live-documents';
import { documentName } from '../domain/permissions';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { getReviewOverview } from './reviews';
import { loadIntegratedChronology } from './chronology';
import type { IntegratedEntry } from '../domain/chronology';
import { moveItem, newSectionKey, reportTemplate, sectionTitleProblems, templateSection, type ReportPart } from '../domain/report-template';

export interface SectionView {
	key: string;
	title: string;
	part: ReportPart;
	/** What belongs in the section (template sections only). */
	guidance: string | null;
}

function toView(row: ReportSection): SectionView {
	return { key: row.key, title: row.title, part: row.part, guidance: templateSection(row.key)?.guidance ?? null };
}

/** The review's sections in order, creating them from the template on first use. */
export function reportSections(db: AppDatabase, reviewId: string): SectionView[] {
	let rows = db.select().from(reportSection).where(eq(reportSection.reviewId, reviewId)).orderBy(asc(reportSection.position)).all();
	if (rows.length === 0) {
		db.insert(reportSection)
			.values(reportTemplate.map((section, position) => ({ reviewId, key: section.key, title: section.title, part: section.part, position })))
			.onConflictDoNothing()
			.run();
		rows = db.select().from(reportSection).where(eq(reportSection.reviewId, reviewId)).orderBy(asc(reportSection.position)).all();
	}
	return rows.map(toView);
}

export function addSection(db: AppDatabase, actor: Actor, reviewId: string, title: string, part: ReportPart, now = new Date()): Outcome<{ key: string }> {
	const problems = sectionTitleProblems(title);
	if (problems.length) return refused(400, 'title', problems[0]);
	return db.transaction((tx) => {
		const existing = reportSections(db, reviewId);
		const key = newSectionKey(title, existing.map((s) => s.key));
		// Added at the end of its part, so the executive summary stays on its own.
		const lastOfPart = existing.findLastIndex((s) => s.part === part);
		const position = lastOfPart + 1;
		const ordered = [...existing.map((s) => s.key)];
		ordered.splice(position, 0, key);
		tx.insert(reportSection).values({ reviewId, key, title: title.trim(), part, position }).run();
		renumber(tx as unknown as AppDatabase, reviewId, ordered);
		recordAudit(tx, { action: 'report.structure_changed', actorUserId: actor.userId, reviewId, detail: { added: key, title: title.trim() }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { key } } as const;
	});
}

export function renameSection(db: AppDatabase, actor: Actor, reviewId: string, key: string, title: string, now = new Date()): Outcome<null> {
	const problems = sectionTitleProblems(title);
	if (problems.length) return refused(400, 'title', problems[0]);
	return db.transaction((tx) => {
		const result = tx
			.update(reportSection)
			.set({ title: title.trim() })
			.where(and(eq(reportSection.reviewId, reviewId), eq(reportSection.key, key)))
			.run();
		if (result.changes === 0) return refused<null>(404, 'key', 'That section does not exist');
		recordAudit(tx, { action: 'report.structure_changed', actorUserId: actor.userId, reviewId, detail: { renamed: key, title: title.trim() }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

export function moveSection(db: AppDatabase, actor: Actor, reviewId: string, key: string, direction: -1 | 1, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const sections = reportSections(db, reviewId);
		const index = sections.findIndex((s) => s.key === key);
		if (index < 0) return refused<null>(404, 'key', 'That section does not exist');
		const neighbour = sections[index + direction];
		if (!neighbour || neighbour.part !== sections[index].part) return { ok: true, value: null } as const;
		renumber(tx as unknown as AppDatabase, reviewId, moveItem(sections, index, direction).map((s) => s.key));
		recordAudit(tx, { action: 'report.structure_changed', actorUserId: actor.userId, reviewId, detail: { moved: key, direction: direction < 0 ? 'up' : 'down' }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

function renumber(db: AppDatabase, reviewId: string, keys: string[]): void {
	keys.forEach((key, position) => {
		db.update(reportSection).set({ position }).where(and(eq(reportSection.reviewId, reviewId), eq(reportSection.key, key))).run();
	});
}

/** The report as stored now (every edit anyone has seen relayed is stored). The caller destroys it. */
export function readReportDocument(db: AppDatabase, reviewId: string): Y.Doc {
	return readDocument(createSqliteDocumentStore(db), documentName({ kind: 'report', reviewId }));
}

/** A named version of the report as a document, or null when the review has no such version. The caller destroys it. */
export function readVersionDocument(db: AppDatabase, reviewId: string, versionId: string): { name: string; doc: Y.Doc } | null {
	const version = db.select({ name: reportVersion.name, state: reportVersion.state }).from(reportVersion).where(and(eq(reportVersion.id, versionId), eq(reportVersion.reviewId, reviewId))).get();
	if (!version) return null;
	const doc = new Y.Doc({ gc: false });
	Y.applyUpdate(doc, new Uint8Array(version.state));
	return { name: version.name, doc };
}

export interface VersionListing {
	id: string;
	name: string;
	createdAt: Date;
	createdBy: string;
	createdByName: string;
}

export const maxVersionNameLength = 120;

/** Names the report as it is stored now (everything anyone has seen relayed is stored). */
export function createVersion(db: AppDatabase, actor: Actor, reviewId: string, name: string, now = new Date()): Outcome<{ id: string }> {
	const trimmed = name.trim();
	if (!trimmed) return refused(400, 'name', 'Enter a name for the version, for example “Draft for agencies, 3 March 2025”');
	if (trimmed.length > maxVersionNameLength) return refused(400, 'name', `Keep the name to ${maxVersionNameLength} characters or fewer`);
	const doc = readReportDocument(db, reviewId);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	const chronology = chronologyAsItStands(db, reviewId);
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(reportVersion).values({ id, reviewId, name: trimmed, state: Buffer.from(state), chronology, createdBy: actor.userId, createdAt: now }).run();
		recordAudit(tx, { action: 'report.version_created', actorUserId: actor.userId, reviewId, detail: { versionId: id, name: trimmed }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

/** An entry of the integrated chronology as a named version keeps it: the agency's facts, not the panel's analysis. */
export type VersionEntry = Pick<IntegratedEntry, 'id' | 'agencyId' | 'agencyName' | 'date' | 'datePrecision' | 'approximate' | 'time' | 'subjects' | 'source' | 'summary' | 'action' | 'afterDeath'>;

function chronologyAsItStands(db: AppDatabase, reviewId: string): VersionEntry[] {
	const overview = getReviewOverview(db, reviewId);
	if (!overview) return [];
	return loadIntegratedChronology(db, overview.review, overview.agencies).map(
		({ id, agencyId, agencyName, date, datePrecision, approximate, time, subjects, source, summary, action, afterDeath }) => ({ id, agencyId, agencyName, date, datePrecision, approximate, time, subjects, source, summary, action, afterDeath })
	);
}

/** The chronology kept with a named version, or null for a version made before versions kept it. */
export function versionChronology(db: AppDatabase, reviewId: string, versionId: string): VersionEntry[] | null {
	const row = db.select({ chronology: reportVersion.chronology }).from(reportVersion).where(and(eq(reportVersion.id, versionId), eq(reportVersion.reviewId, reviewId))).get();
	return (row?.chronology as VersionEntry[] | null | undefined) ?? null;
}

export function listVersions(db: AppDatabase, reviewId: string): VersionListing[] {
	return db
		.select({ id: reportVersion.id, name: reportVersion.name, createdAt: reportVersion.createdAt, createdBy: reportVersion.createdBy, createdByName: user.name })
		.from(reportVersion)
		.innerJoin(user, eq(user.id, reportVersion.createdBy))
		.where(eq(reportVersion.reviewId, reviewId))
		.orderBy(desc(reportVersion.createdAt))
		.all();
}
