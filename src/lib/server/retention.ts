/**
 * Retention and deletion of a review's working material (issue 13), for the DHR
 * co-ordinator. The rule says how long the material is kept after publication; the
 * deletion is deliberate (the title typed to confirm, a reason), allowed only once the
 * report is final, and audited. It keeps the review's record, the sign-off record, the
 * final report version and the audit trail, and leaves a tombstone (review_deletion)
 * saying what went, when and by whom.
 *
 * Deleting must not leave the words behind: open documents are closed and dropped by
 * the collaboration server first (so nothing is written back), the rows are deleted with
 * SQLite's secure_delete on, and the file is then vacuumed and its WAL checkpointed and
 * truncated, so the bytes are gone from the database file and its -wal.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AppDatabase, DbExecutor } from './db/client';
import {
	glossaryTerm,
	readinessAttestation,
	qaItem,
	submissionStep,
	accountInvitation,
	auditEvent,
	docClient,
	docMark,
	docSnapshot,
	docUpdate,
	eventContribution,
	eventInvitation,
	eventParticipant,
	familyComment,
	familyContact,
	familyShare,
	imrComment,
	informationRequest,
	languageDismissal,
	anonymisationDismissal,
	pseudonymEntry,
	languageTerm,
	learningEvent,
	meeting,
	membership,
	reportComment,
	reportVersion,
	reportVisit,
	review,
	reviewDeletion,
	reviewFile,
	planAction,
	planActionUpdate,
	planRecommendation,
	earlyLearning,
	enquiryAnswer,
	termsAgreement,
	documentLink,
	reviewNotification,
	reviewDecision,
	independenceDeclaration,
	reviewRetention,
	user,
	type ReviewDeletion,
	type ReviewRetention
} from './db/schema';
import { recordAudit, type AuditListing } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { loadSignoff } from './signoff';
import { findMembership } from './reviews';
import { accessEvents } from './access-events';
import { todayInUk } from '../domain/dates';
import { deletionProblems, retentionStanding, type DeletionRequest, type RetentionStanding } from '../domain/retention';

export const materialDeletedMessage = 'The working material of this review was deleted under its retention rule. The review’s record, the final report and the audit trail are kept.';

/** When the review's working material was deleted, or null (also null for no such review). */
export function materialDeletedAt(db: AppDatabase, reviewId: string): Date | null {
	return db.select({ at: review.materialDeletedAt }).from(review).where(eq(review.id, reviewId)).get()?.at ?? null;
}

export function findRetentionRule(db: AppDatabase, reviewId: string): ReviewRetention | null {
	return db.select().from(reviewRetention).where(eq(reviewRetention.reviewId, reviewId)).get() ?? null;
}

export interface RuleInput {
	keepYears: number;
	publishedOn: string | null;
	note: string;
}

/** Sets (or replaces) a review's rule, with its audit record. */
export function setRetentionRule(db: AppDatabase, actor: Actor, reviewId: string, input: RuleInput, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const found = tx.select({ id: review.id }).from(review).where(eq(review.id, reviewId)).get();
		if (!found) return refused<null>(404, 'review', 'That review does not exist');
		const values = { keepYears: input.keepYears, publishedOn: input.publishedOn, note: input.note.trim(), setBy: actor.userId, setAt: now };
		tx.insert(reviewRetention)
			.values({ reviewId, ...values })
			.onConflictDoUpdate({ target: reviewRetention.reviewId, set: values })
			.run();
		recordAudit(tx, { action: 'retention.rule_set', actorUserId: actor.userId, reviewId, detail: { keepYears: input.keepYears, publishedOn: input.publishedOn }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

export interface DeletionRecord extends ReviewDeletion {
	deletedByName: string;
}

/** The tombstone of a review's deletion, with the deleter's name. */
export function findDeletion(db: AppDatabase, reviewId: string): DeletionRecord | null {
	const row = db
		.select({ deletion: reviewDeletion, name: user.name })
		.from(reviewDeletion)
		.innerJoin(user, eq(user.id, reviewDeletion.deletedBy))
		.where(eq(reviewDeletion.reviewId, reviewId))
		.get();
	return row ? { ...row.deletion, deletedByName: row.name } : null;
}

/** A review's rule and where it stands today, for the admin's pages. */
export function retentionOf(db: AppDatabase, reviewId: string, now = new Date()): { rule: ReviewRetention | null; standing: RetentionStanding } {
	const rule = findRetentionRule(db, reviewId);
	return { rule, standing: retentionStanding(rule, materialDeletedAt(db, reviewId) !== null, todayInUk(now)) };
}

/** Every review's standing at once, for the admin's register (one query each for rules and deletions). */
export function retentionRegister(db: AppDatabase, now = new Date()): Map<string, { keepYears: number | null; standing: RetentionStanding }> {
	const today = todayInUk(now);
	const rules = new Map(db.select().from(reviewRetention).all().map((rule) => [rule.reviewId, rule]));
	const register = new Map<string, { keepYears: number | null; standing: RetentionStanding }>();
	for (const row of db.select({ id: review.id, deletedAt: review.materialDeletedAt }).from(review).all()) {
		const rule = rules.get(row.id) ?? null;
		register.set(row.id, { keepYears: rule?.keepYears ?? null, standing: retentionStanding(rule, row.deletedAt !== null, today) });
	}
	return register;
}

/** Documents are named `review/<id>/...`: a range on the indexed name, so no LIKE wildcards to escape. */
function documentsOf(column: SQLiteColumn, reviewId: string): SQL {
	const prefix = `review/${reviewId}/`;
	// '0' is the character after '/', so this is exactly "starts with the prefix".
	return and(gte(column, prefix), lt(column, `review/${reviewId}0`))!;
}

type Removal = (tx: DbExecutor, reviewId: string, keptVersionId: string | null) => number;

/**
 * Everything of a review's working material, kind by kind, in an order the foreign keys
 * allow. To add a kind, add an entry here: its count goes into
 * the tombstone and the page lists it. Files kept outside the database would also need
 * removing after the transaction commits.
 */
const workingMaterial: [kind: string, remove: Removal][] = [
	[
		'documents',
		(tx, reviewId) =>
			tx
				.select({ count: sql<number>`count(distinct ${docUpdate.docName})` })
				.from(docUpdate)
				.where(documentsOf(docUpdate.docName, reviewId))
				.get()!.count
	],
	['documentUpdates', (tx, reviewId) => tx.delete(docUpdate).where(documentsOf(docUpdate.docName, reviewId)).run().changes],
	['documentSnapshots', (tx, reviewId) => tx.delete(docSnapshot).where(documentsOf(docSnapshot.docName, reviewId)).run().changes],
	['historyMarks', (tx, reviewId) => tx.delete(docMark).where(documentsOf(docMark.docName, reviewId)).run().changes],
	['documentAuthors', (tx, reviewId) => tx.delete(docClient).where(documentsOf(docClient.docName, reviewId)).run().changes],
	['familyComments', (tx, reviewId) => tx.delete(familyComment).where(eq(familyComment.reviewId, reviewId)).run().changes],
	['familyShares', (tx, reviewId) => tx.delete(familyShare).where(eq(familyShare.reviewId, reviewId)).run().changes],
	['familyContacts', (tx, reviewId) => tx.delete(familyContact).where(eq(familyContact.reviewId, reviewId)).run().changes],
	[
		'reportVersions',
		(tx, reviewId, keptVersionId) =>
			tx
				.delete(reportVersion)
				.where(and(eq(reportVersion.reviewId, reviewId), keptVersionId ? ne(reportVersion.id, keptVersionId) : undefined))
				.run().changes
	],
	['comments', (tx, reviewId) => tx.delete(reportComment).where(eq(reportComment.reviewId, reviewId)).run().changes],
	['reportVisits', (tx, reviewId) => tx.delete(reportVisit).where(eq(reportVisit.reviewId, reviewId)).run().changes],
	['pseudonymEntries', (tx, reviewId) => tx.delete(pseudonymEntry).where(eq(pseudonymEntry.reviewId, reviewId)).run().changes],
	['anonymisationDismissals', (tx, reviewId) => tx.delete(anonymisationDismissal).where(eq(anonymisationDismissal.reviewId, reviewId)).run().changes],
	['languageDismissals', (tx, reviewId) => tx.delete(languageDismissal).where(eq(languageDismissal.reviewId, reviewId)).run().changes],
	['languageTerms', (tx, reviewId) => tx.delete(languageTerm).where(eq(languageTerm.reviewId, reviewId)).run().changes],
	['eventContributions', (tx, reviewId) => tx.delete(eventContribution).where(inArray(eventContribution.eventId, eventsOf(tx, reviewId))).run().changes],
	['eventInvitations', (tx, reviewId) => tx.delete(eventInvitation).where(inArray(eventInvitation.eventId, eventsOf(tx, reviewId))).run().changes],
	['eventParticipants', (tx, reviewId) => tx.delete(eventParticipant).where(inArray(eventParticipant.eventId, eventsOf(tx, reviewId))).run().changes],
	['learningEvents', (tx, reviewId) => tx.delete(learningEvent).where(eq(learningEvent.reviewId, reviewId)).run().changes],
	// Agendas, attendance, decisions, actions and the minutes' agreement go with their meeting.
	['panelMeetings', (tx, reviewId) => tx.delete(meeting).where(eq(meeting.reviewId, reviewId)).run().changes],
	// A guest's only access was to one of those events: it goes with them (their name stays in the audit trail).
	['guestMemberships', (tx, reviewId) => tx.delete(membership).where(and(eq(membership.reviewId, reviewId), eq(membership.role, 'guest'))).run().changes],
	['accountInvitations', (tx, reviewId) => tx.delete(accountInvitation).where(and(eq(accountInvitation.reviewId, reviewId), isNull(accountInvitation.usedAt))).run().changes],
	// The action plan's history links to evidence files: it goes with the working material.
	['actionPlanUpdates', (tx, reviewId) => tx.delete(planActionUpdate).where(eq(planActionUpdate.reviewId, reviewId)).run().changes],
	['actionPlanActions', (tx, reviewId) => tx.delete(planAction).where(eq(planAction.reviewId, reviewId)).run().changes],
	['actionPlanRecommendations', (tx, reviewId) => tx.delete(planRecommendation).where(eq(planRecommendation.reviewId, reviewId)).run().changes],
	['glossaryTerms', (tx, reviewId) => tx.delete(glossaryTerm).where(eq(glossaryTerm.reviewId, reviewId)).run().changes],
	['readinessAttestations', (tx, reviewId) => tx.delete(readinessAttestation).where(eq(readinessAttestation.reviewId, reviewId)).run().changes],
	['qaItems', (tx, reviewId) => tx.delete(qaItem).where(eq(qaItem.reviewId, reviewId)).run().changes],
	// The journey to publication stays on record; only its link to the panel's letter (a file, removed below) goes.
	['qaLetterLinks', (tx, reviewId) => tx.update(submissionStep).set({ fileId: null }).where(and(eq(submissionStep.reviewId, reviewId), sql`${submissionStep.fileId} is not null`)).run().changes],
	['earlyLearning', (tx, reviewId) => tx.delete(earlyLearning).where(eq(earlyLearning.reviewId, reviewId)).run().changes],
	// The notification, the decision and the declarations stay as the record of the process (who,
	// when, which way); their words about the case are working material and go with it.
	['notificationSummaries', (tx, reviewId) => tx.update(reviewNotification).set({ summary: '' }).where(and(eq(reviewNotification.reviewId, reviewId), ne(reviewNotification.summary, ''))).run().changes],
	['decisionReasons', (tx, reviewId) => tx.update(reviewDecision).set({ reasons: '' }).where(and(eq(reviewDecision.reviewId, reviewId), ne(reviewDecision.reasons, ''))).run().changes],
	['independenceStatements', (tx, reviewId) => tx.update(independenceDeclaration).set({ statement: '' }).where(and(eq(independenceDeclaration.reviewId, reviewId), ne(independenceDeclaration.statement, ''))).run().changes],
	// The agreement keeps the terms' text as agreed: working material like the document itself.
	['termsAgreements', (tx, reviewId) => tx.delete(termsAgreement).where(eq(termsAgreement.reviewId, reviewId)).run().changes],
	['enquiryAnswers', (tx, reviewId) => tx.delete(enquiryAnswer).where(eq(enquiryAnswer.reviewId, reviewId)).run().changes],
	['documentLinks', (tx, reviewId) => tx.delete(documentLink).where(eq(documentLink.reviewId, reviewId)).run().changes],
	// Issue 20: the panel's questions on IMRs and the agencies' answers to information requests (the
	// IMR's text is one of the documents above; its status and the declarations stay as the record of process).
	['imrComments', (tx, reviewId) => tx.delete(imrComment).where(eq(imrComment.reviewId, reviewId)).run().changes],
	['informationRequests', (tx, reviewId) => tx.delete(informationRequest).where(eq(informationRequest.reviewId, reviewId)).run().changes],
	// Last: rows that link to a file (documents, evidence, letters) are removed above it.
	['uploadedFiles', (tx, reviewId) => tx.delete(reviewFile).where(eq(reviewFile.reviewId, reviewId)).run().changes]
];

function eventsOf(tx: DbExecutor, reviewId: string) {
	return tx.select({ id: learningEvent.id }).from(learningEvent).where(eq(learningEvent.reviewId, reviewId));
}

interface DeletionCheck {
	title: string;
	keptVersion: { id: string; name: string } | null;
}

/** Reads what the decision needs and answers it: the same check before the transaction and inside it. */
function checkDeletion(db: AppDatabase, reviewId: string, request: DeletionRequest, now: Date): Outcome<DeletionCheck> {
	const found = db.select({ title: review.title, deletedAt: review.materialDeletedAt }).from(review).where(eq(review.id, reviewId)).get();
	if (!found) return refused(404, 'review', 'That review does not exist');
	const signoff = loadSignoff(db, reviewId);
	const { standing } = retentionOf(db, reviewId, now);
	const problems = deletionProblems({ title: found.title, stage: signoff.stage, deleted: found.deletedAt !== null, standing }, request);
	if (problems.length > 0) return { ok: false, status: problems[0].status, errors: problems.map(({ field, message }) => ({ field, message })) };
	// The report was finalised on the sign-off round's version (finalising requires its text to be current).
	const versionId = signoff.round?.versionId ?? null;
	const version = versionId
		? (db.select({ id: reportVersion.id, name: reportVersion.name }).from(reportVersion).where(and(eq(reportVersion.id, versionId), eq(reportVersion.reviewId, reviewId))).get() ?? null)
		: null;
	return { ok: true, value: { title: found.title, keptVersion: version } };
}

export interface DeletionResult {
	removed: Record<string, number>;
	kept: string;
	/** False when the file could not be compacted afterwards (the rows are deleted and zeroed regardless). */
	compacted: boolean;
}

/**
 * Deletes a review's working material. Synchronous from the first check to the commit,
 * so nothing else on this thread (a websocket upgrade, a page's write) runs in between.
 */
export function deleteWorkingMaterial(
	db: AppDatabase,
	actor: Actor,
	reviewId: string,
	request: DeletionRequest,
	now = new Date(),
	log: (message: string) => void = (message) => console.warn(`[retention] ${message}`)
): Outcome<DeletionResult> {
	const first = checkDeletion(db, reviewId, request, now);
	if (!first.ok) return first;

	// Before the transaction: the collaboration server stores what it has received, closes
	// every connection to the review's documents and drops them without writing them back.
	accessEvents.emit('review-material-deleting', { reviewId });

	const sqlite = db.$client;
	const secureDelete = sqlite.pragma('secure_delete', { simple: true });
	// Deleted rows and freed pages are overwritten with zeros, not just unlinked.
	sqlite.pragma('secure_delete = ON');
	let outcome: Outcome<Omit<DeletionResult, 'compacted'>>;
	try {
		outcome = db.transaction((tx) => {
			const check = checkDeletion(tx as unknown as AppDatabase, reviewId, request, now);
			if (!check.ok) return check;
			const { keptVersion, title } = check.value;
			const removed: Record<string, number> = {};
			for (const [kind, remove] of workingMaterial) removed[kind] = remove(tx, reviewId, keptVersion?.id ?? null);
			const kept = [
				'the review’s record (title, partnership, dates, agencies and members)',
				'the sign-off record',
				keptVersion ? `the final report (version “${keptVersion.name}”)` : null,
				'the audit trail'
			]
				.filter(Boolean)
				.join('; ');
			const reason = request.reason.trim();
			tx.update(review).set({ materialDeletedAt: now }).where(eq(review.id, reviewId)).run();
			tx.insert(reviewDeletion).values({ id: randomUUID(), reviewId, reviewTitle: title, removed, kept, reason, deletedBy: actor.userId, deletedAt: now }).run();
			recordAudit(tx, {
				action: 'review.material_deleted',
				actorUserId: actor.userId,
				reviewId,
				detail: { reason, early: request.early, removed, keptVersionId: keptVersion?.id ?? null },
				ipAddress: actor.ipAddress,
				at: now
			});
			return { ok: true, value: { removed, kept } } as const;
		});
	} finally {
		sqlite.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
	}
	if (!outcome.ok) return outcome;
	return { ok: true, value: { ...outcome.value, compacted: compactDatabase(db, log) } };
}

/**
 * Rewrites the file without free pages (VACUUM: earlier compactions freed pages that may
 * still hold old words), then copies the WAL back and truncates it to nothing, so
 * neither the file nor its -wal keeps what was deleted.
 */
function compactDatabase(db: AppDatabase, log: (message: string) => void): boolean {
	try {
		db.$client.exec('VACUUM');
		for (let attempt = 0; attempt < 20; attempt++) {
			const [result] = db.$client.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
			if (!result || result.busy === 0) return true;
		}
		log('the WAL could not be truncated after a deletion: another connection was busy; the next checkpoint overwrites it');
		return false;
	} catch (error) {
		log(`the database could not be compacted after a deletion: ${String(error)}`);
		return false;
	}
}

/** For pages found by something other than the review (an event): a member of a deleted review is told why. */
export function isDeletedForMember(db: AppDatabase, reviewId: string, userId: string): boolean {
	return materialDeletedAt(db, reviewId) !== null && findMembership(db, reviewId, userId) !== null;
}

/**
 * The retention rows of a review's audit trail (rules set, the deletion), for the
 * co-ordinator, who may not read the rest of it: those rows hold no content.
 */
export function retentionHistory(db: AppDatabase, reviewId: string): AuditListing[] {
	return db
		.select({ event: auditEvent, actorName: user.name })
		.from(auditEvent)
		.leftJoin(user, eq(user.id, auditEvent.actorUserId))
		.where(and(eq(auditEvent.reviewId, reviewId), inArray(auditEvent.action, ['retention.rule_set', 'review.material_deleted'])))
		.orderBy(desc(auditEvent.id))
		.all()
		.map((row) => ({ ...row.event, actorName: row.actorName, targetName: null }));
}
