/** A review's own language terms and dismissed flags (the chair adds terms; members dismiss). */
import { asc, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { languageDismissal, languageTerm } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { customTerm, customTermProblems, type LanguageTerm } from '../domain/language-check';
import { dismissalReasonProblems } from '../domain/language-dismissal';
import { openFlagsInReport, type OpenFlag } from '../domain/open-flags';
import type { FieldError } from '../domain/validation';
import { readReportDocument, readVersionDocument, reportSections } from './report';
import { reportContent } from '../collab/report-content';
import type * as Y from 'yjs';

export function reviewTerms(db: AppDatabase, reviewId: string): LanguageTerm[] {
	return db
		.select()
		.from(languageTerm)
		.where(eq(languageTerm.reviewId, reviewId))
		.orderBy(asc(languageTerm.createdAt))
		.all()
		.map((row) => customTerm(row.id, row.phrase, row.why, row.suggestion));
}

export function dismissedKeys(db: AppDatabase, reviewId: string): string[] {
	return db
		.select({ key: languageDismissal.occurrenceKey })
		.from(languageDismissal)
		.where(eq(languageDismissal.reviewId, reviewId))
		.all()
		.map((row) => row.key);
}

export interface NewTerm {
	phrase: string;
	why: string;
	suggestion: string;
}

export function addTerm(db: AppDatabase, actor: Actor, reviewId: string, input: NewTerm, now = new Date()): Outcome<{ id: string }> {
	const problems = customTermProblems(input.phrase);
	if (problems.length) return refused(400, 'phrase', problems[0]);
	if (!input.why.trim()) return refused(400, 'why', 'Say why this wording should be flagged');
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(languageTerm)
			.values({ id, reviewId, phrase: input.phrase.trim(), why: input.why.trim(), suggestion: input.suggestion.trim() || 'Reword this passage.', createdBy: actor.userId, createdAt: now })
			.run();
		recordAudit(tx, { action: 'language.term_added', actorUserId: actor.userId, reviewId, detail: { termId: id }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

export interface Dismissal {
	occurrenceKey: string;
	termId: string;
	sectionKey: string;
	reason: string;
}

export function dismissFlag(db: AppDatabase, actor: Actor, reviewId: string, input: Dismissal, now = new Date()): Outcome<null> {
	const problems = dismissalReasonProblems(input.reason);
	if (problems.length) return refused(400, 'reason', problems[0]);
	db.transaction((tx) => {
		tx.insert(languageDismissal)
			.values({ reviewId, occurrenceKey: input.occurrenceKey, termId: input.termId, sectionKey: input.sectionKey, reason: input.reason.trim(), userId: actor.userId, createdAt: now })
			.onConflictDoNothing()
			.run();
		// The reason is recorded in the audit log too, where the chair can read it back.
		recordAudit(tx, {
			action: 'language.flag_dismissed',
			actorUserId: actor.userId,
			reviewId,
			detail: { termId: input.termId, section: input.sectionKey, reason: input.reason.trim() },
			ipAddress: actor.ipAddress,
			at: now
		});
	});
	return { ok: true, value: null };
}

// ---- Before the report's words leave the panel (issue 14, item 6) ----

function openFlagsInDocument(db: AppDatabase, reviewId: string, doc: Y.Doc): OpenFlag[] {
	return openFlagsInReport(reportContent(doc, reportSections(db, reviewId)), reviewTerms(db, reviewId), new Set(dismissedKeys(db, reviewId)));
}

/** The language flags still open in a named version (null when the review has no such version). */
export function openFlagsInVersion(db: AppDatabase, reviewId: string, versionId: string): OpenFlag[] | null {
	const version = readVersionDocument(db, reviewId, versionId);
	if (!version) return null;
	try {
		return openFlagsInDocument(db, reviewId, version.doc);
	} finally {
		version.doc.destroy();
	}
}

/** The language flags still open in the report as stored now. */
export function openFlagsInCurrentReport(db: AppDatabase, reviewId: string): OpenFlag[] {
	const doc = readReportDocument(db, reviewId);
	try {
		return openFlagsInDocument(db, reviewId, doc);
	} finally {
		doc.destroy();
	}
}

/** The chair is asked before words with open flags leave the panel; this refusal carries the list. */
export interface OpenFlagsWarning {
	ok: false;
	status: 409;
	errors: FieldError[];
	openFlags: OpenFlag[];
}

export function openFlagsWarning(openFlags: OpenFlag[], going: 'round' | 'share'): OpenFlagsWarning {
	const count = openFlags.length === 1 ? 'One wording flagged by the language check is' : `${openFlags.length} wordings flagged by the language check are`;
	const ask = going === 'round' ? 'open the sign-off round anyway' : 'share this version with the family anyway';
	return { ok: false, status: 409, errors: [{ field: 'openFlags', message: `${count} still open. Check them in the report, or confirm that you want to ${ask}.` }], openFlags };
}

export function isOpenFlagsWarning(outcome: { ok: boolean }): outcome is OpenFlagsWarning {
	return !outcome.ok && 'openFlags' in outcome;
}
