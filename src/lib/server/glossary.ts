/**
 * A review's glossary (issue 17): the domain list of abbreviations (domain/glossary.ts)
 * and the abbreviations the chair added for this review; the glossary of an export is
 * built from the text exported.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { glossaryTerm, type GlossaryTerm } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { abbreviationProblem, buildGlossary, type Glossary } from '../domain/glossary';

export function reviewGlossaryTerms(db: AppDatabase, reviewId: string): GlossaryTerm[] {
	return db.select().from(glossaryTerm).where(eq(glossaryTerm.reviewId, reviewId)).orderBy(asc(glossaryTerm.abbreviation)).all();
}

/** The glossary of a text, with the review's own abbreviations. */
export function glossaryFor(db: AppDatabase, reviewId: string, text: string): Glossary {
	return buildGlossary(text, Object.fromEntries(reviewGlossaryTerms(db, reviewId).map((term) => [term.abbreviation, term.expansion])));
}

/** Adds an abbreviation, or changes its meaning. */
export function addGlossaryTerm(db: AppDatabase, actor: Actor, reviewId: string, input: { abbreviation: string; expansion: string }, now = new Date()): Outcome<null> {
	const problem = abbreviationProblem(input.abbreviation, input.expansion);
	if (problem) return refused(400, problem.includes('abbreviation as') ? 'abbreviation' : 'expansion', problem);
	const abbreviation = input.abbreviation.trim();
	const expansion = input.expansion.trim();
	db.transaction((tx) => {
		tx.insert(glossaryTerm)
			.values({ reviewId, abbreviation, expansion, addedBy: actor.userId, addedAt: now })
			.onConflictDoUpdate({ target: [glossaryTerm.reviewId, glossaryTerm.abbreviation], set: { expansion, addedBy: actor.userId, addedAt: now } })
			.run();
		recordAudit(tx, { action: 'glossary.term_added', actorUserId: actor.userId, reviewId, detail: { abbreviation }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: null };
}

export function removeGlossaryTerm(db: AppDatabase, actor: Actor, reviewId: string, abbreviation: string, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const removed = tx.delete(glossaryTerm).where(and(eq(glossaryTerm.reviewId, reviewId), eq(glossaryTerm.abbreviation, abbreviation))).run().changes;
		if (!removed) return refused<null>(404, 'abbreviation', 'That abbreviation is not in the review’s glossary');
		recordAudit(tx, { action: 'glossary.term_removed', actorUserId: actor.userId, reviewId, detail: { abbreviation }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}
