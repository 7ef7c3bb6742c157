/**
 * The pseudonym register and the report's open identifier findings (issue 16). The chair
 * keeps the register; the scan (domain/anonymisation.ts) uses it in the editor, the API,
 * the gate before the report leaves the panel, and the publication exports.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { AppDatabase } from './db/client';
import { anonymisationDismissal, pseudonymEntry, type PseudonymEntry } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { createScanner, registerEntryProblems, type FindingKind, type RegisterEntryInput, type RegisterTerm } from '../domain/anonymisation';
import { dismissalReasonProblems } from '../domain/language-dismissal';
import { openFindingsInReport, type OpenFinding } from '../domain/open-findings';
import type { FieldError } from '../domain/validation';
import { readReportDocument, readVersionDocument, reportSections } from './report';
import { reportContent } from '../collab/report-content';

export type { OpenFinding };

function termOf(row: PseudonymEntry): RegisterTerm {
	return { id: row.id, real: row.real, pseudonym: row.pseudonym, kind: row.kind as RegisterTerm['kind'], aliases: row.aliases };
}

/** The register's entries, oldest first (restricted: only for roles with `pseudonyms.read`). */
export function listRegister(db: AppDatabase, reviewId: string): PseudonymEntry[] {
	return db.select().from(pseudonymEntry).where(eq(pseudonymEntry.reviewId, reviewId)).orderBy(asc(pseudonymEntry.createdAt)).all();
}

/** The register as the scan takes it. */
export function loadRegister(db: AppDatabase, reviewId: string): RegisterTerm[] {
	return listRegister(db, reviewId).map(termOf);
}

function cleanInput(input: RegisterEntryInput): RegisterEntryInput {
	return {
		...input,
		real: input.real.trim(),
		pseudonym: input.pseudonym.trim(),
		aliases: [...new Set(input.aliases.map((a) => a.trim()).filter(Boolean))],
		choice: input.kind === 'person' ? input.choice : null,
		note: input.note.trim()
	};
}

function problemsOf(db: AppDatabase, reviewId: string, input: RegisterEntryInput, exceptId?: string): Outcome<never> | null {
	const others = db
		.select()
		.from(pseudonymEntry)
		.where(and(eq(pseudonymEntry.reviewId, reviewId), exceptId ? ne(pseudonymEntry.id, exceptId) : undefined))
		.all()
		.map(termOf);
	const problems = registerEntryProblems(input, others);
	return problems.length ? refused(400, 'entry', problems.join('. ')) : null;
}

// The audit detail names the entry and its kind, never the real name (the audit log is read more widely).
export function addRegisterEntry(db: AppDatabase, actor: Actor, reviewId: string, raw: RegisterEntryInput, now = new Date()): Outcome<{ id: string }> {
	const input = cleanInput(raw);
	const id = crypto.randomUUID();
	return db.transaction((tx) => {
		const problem = problemsOf(tx as unknown as AppDatabase, reviewId, input);
		if (problem) return problem;
		tx.insert(pseudonymEntry)
			.values({ id, reviewId, ...input, createdBy: actor.userId, createdAt: now, updatedAt: now })
			.run();
		recordAudit(tx, { action: 'pseudonym.added', actorUserId: actor.userId, reviewId, detail: { entryId: id, kind: input.kind, pseudonym: input.pseudonym }, ipAddress: actor.ipAddress, at: now });
		return { ok: true as const, value: { id } };
	});
}

export function changeRegisterEntry(db: AppDatabase, actor: Actor, reviewId: string, entryId: string, patch: Partial<RegisterEntryInput>, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const row = tx.select().from(pseudonymEntry).where(and(eq(pseudonymEntry.reviewId, reviewId), eq(pseudonymEntry.id, entryId))).get();
		if (!row) return refused<null>(404, 'entry', 'There is no such entry in the register');
		const input = cleanInput({
			real: patch.real ?? row.real,
			pseudonym: patch.pseudonym ?? row.pseudonym,
			kind: patch.kind ?? (row.kind as RegisterEntryInput['kind']),
			aliases: patch.aliases ?? row.aliases,
			choice: patch.choice !== undefined ? patch.choice : (row.choice as RegisterEntryInput['choice']),
			note: patch.note ?? row.note
		});
		const problem = problemsOf(tx as unknown as AppDatabase, reviewId, input, entryId);
		if (problem) return problem;
		tx.update(pseudonymEntry).set({ ...input, updatedAt: now }).where(eq(pseudonymEntry.id, entryId)).run();
		recordAudit(tx, { action: 'pseudonym.changed', actorUserId: actor.userId, reviewId, detail: { entryId, kind: input.kind, pseudonym: input.pseudonym }, ipAddress: actor.ipAddress, at: now });
		return { ok: true as const, value: null };
	});
}

export function removeRegisterEntry(db: AppDatabase, actor: Actor, reviewId: string, entryId: string, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const removed = tx.delete(pseudonymEntry).where(and(eq(pseudonymEntry.reviewId, reviewId), eq(pseudonymEntry.id, entryId))).run().changes;
		if (!removed) return refused<null>(404, 'entry', 'There is no such entry in the register');
		recordAudit(tx, { action: 'pseudonym.removed', actorUserId: actor.userId, reviewId, detail: { entryId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true as const, value: null };
	});
}

// ---- "Not identifying" ----

export function dismissedFindingKeys(db: AppDatabase, reviewId: string): string[] {
	return db
		.select({ key: anonymisationDismissal.occurrenceKey })
		.from(anonymisationDismissal)
		.where(eq(anonymisationDismissal.reviewId, reviewId))
		.all()
		.map((row) => row.key);
}

export interface FindingDismissal {
	occurrenceKey: string;
	kind: FindingKind;
	sectionKey: string;
	reason: string;
}

export function dismissFinding(db: AppDatabase, actor: Actor, reviewId: string, input: FindingDismissal, now = new Date()): Outcome<null> {
	const problems = dismissalReasonProblems(input.reason);
	if (problems.length) return refused(400, 'reason', problems[0].replace('this wording is right here', 'this is not identifying'));
	// The same limits for the page's form as for the API: the keys are ours, never long.
	if (!input.occurrenceKey || input.occurrenceKey.length > 200 || !input.sectionKey || input.sectionKey.length > 80) {
		return refused(400, 'reason', 'Move into the marked words again and choose “Not identifying”');
	}
	db.transaction((tx) => {
		tx.insert(anonymisationDismissal)
			.values({ reviewId, occurrenceKey: input.occurrenceKey, kind: input.kind, sectionKey: input.sectionKey, reason: input.reason.trim(), userId: actor.userId, createdAt: now })
			.onConflictDoNothing()
			.run();
		recordAudit(tx, {
			action: 'anonymisation.finding_dismissed',
			actorUserId: actor.userId,
			reviewId,
			// Not the reason: it usually quotes the words found, and the audit trail outlives the material.
			detail: { kind: input.kind, section: input.sectionKey },
			ipAddress: actor.ipAddress,
			at: now
		});
	});
	return { ok: true, value: null };
}

// ---- Before the report leaves the panel ----

function openFindingsInDocument(db: AppDatabase, reviewId: string, doc: Y.Doc): OpenFinding[] {
	const scanner = createScanner(loadRegister(db, reviewId));
	return openFindingsInReport(reportContent(doc, reportSections(db, reviewId)), scanner, new Set(dismissedFindingKeys(db, reviewId)));
}

/** The findings in the live report minus those recorded as "Not identifying", in reading order. */
export function openReportFindings(db: AppDatabase, reviewId: string): OpenFinding[] {
	const doc = readReportDocument(db, reviewId);
	try {
		return openFindingsInDocument(db, reviewId, doc);
	} finally {
		doc.destroy();
	}
}

/** The same for a named version (null when the review has no such version). */
export function openVersionFindings(db: AppDatabase, reviewId: string, versionId: string): OpenFinding[] | null {
	const version = readVersionDocument(db, reviewId, versionId);
	if (!version) return null;
	try {
		return openFindingsInDocument(db, reviewId, version.doc);
	} finally {
		version.doc.destroy();
	}
}

/** The gate's refusal: the chair is shown the open findings and asked to confirm. */
export interface OpenFindingsWarning {
	ok: false;
	status: 409;
	errors: FieldError[];
	openFindings: OpenFinding[];
}

export function openFindingsWarning(openFindings: OpenFinding[], going: 'round' | 'share'): OpenFindingsWarning {
	const count = openFindings.length === 1 ? 'One possible identifier found by the anonymisation check is' : `${openFindings.length} possible identifiers found by the anonymisation check are`;
	const ask = going === 'round' ? 'open the sign-off round anyway' : 'share this version with the family anyway';
	return { ok: false, status: 409, errors: [{ field: 'openFindings', message: `${count} still open. Replace them or mark them "Not identifying" in the report, or confirm that you want to ${ask}.` }], openFindings };
}

export function isOpenFindingsWarning(outcome: { ok: boolean }): outcome is OpenFindingsWarning {
	return !outcome.ok && 'openFindings' in outcome;
}
