/** A review's own language terms and dismissed flags (the chair adds terms; members dismiss). */
import { asc, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { languageDismissal, languageTerm } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { customTerm, customTermProblems, type LanguageTerm } from '../domain/language-check';
import { dismissalReasonProblems } from '../domain/language-dismissal';

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
