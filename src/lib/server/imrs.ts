/**
 * The start of a review, stored (issue 20, items 3 and 4): information requests to agencies,
 * their answers, each agency's IMR through its state machine (domain/imrs.ts), declarations of
 * independence and the agencies' senior managers. Every step is one transaction with its audit
 * record; a step that changes who may read an IMR tells the collaboration server, which
 * rechecks open connections at once.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AppDatabase, DbExecutor } from './db/client';
import { agency, agencySeniorManager, imr, imrComment, independenceDeclaration, informationRequest, membership, review, user, type ImrRow, type InformationRequestRow } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { accessEvents } from './access-events';
import { createSqliteDocumentStore } from './document-store';
import { readDocument } from './live-documents';
import { reportSectionTexts } from '../collab/report-text';
import { textHash } from '../domain/canonical-text';
import { documentAccess, documentName, type Membership, type ReviewFacts } from '../domain/permissions';
import { passagesOf } from '../domain/report-passages';
import { reportContent } from '../collab/report-content';
import { applyImrStep, imrHeadings, type ImrStatus, type ImrStep } from '../domain/imrs';
import { isLate, outstandingItems, requestState, type InformationRequestFacts, type RequestState, type RequestedItem } from '../domain/information-requests';
import { isIsoDate, todayInUk, type IsoDate } from '../domain/dates';

const maxText = 4_000;

function agencyOfReview(db: DbExecutor, reviewId: string, agencyId: string): { id: string; name: string } | undefined {
	return db.select({ id: agency.id, name: agency.name }).from(agency).where(and(eq(agency.reviewId, reviewId), eq(agency.id, agencyId))).get();
}

// ---- Information requests ----

export interface NewRequests {
	agencyIds: string[];
	asks: RequestedItem[];
	dueOn: string;
}

/**
 * The chair sends one request per agency named (sending again to an agency replaces what
 * was asked and the date, and keeps any answer). An IMR asked for starts its life as
 * `requested`. An agency outside the review refuses the whole send: nothing is changed.
 */
export function sendInformationRequests(db: AppDatabase, actor: Actor, reviewId: string, input: NewRequests, now = new Date()): Outcome<{ sent: number }> {
	if (input.agencyIds.length === 0) return refused(400, 'agencyIds', 'Choose at least one agency to send the request to');
	if (input.asks.length === 0) return refused(400, 'asks', 'Choose what the agency should provide if it had contact');
	if (!isIsoDate(input.dueOn)) return refused(400, 'dueOn', 'Enter the date the answer is due by as a real date');
	if (input.dueOn < todayInUk(now)) return refused(400, 'dueOn', 'The date the answer is due by must be today or later');
	return db.transaction((tx) => {
		for (const agencyId of input.agencyIds) {
			if (!agencyOfReview(tx, reviewId, agencyId)) return refused<{ sent: number }>(404, 'agencyIds', 'One of the agencies is not part of this review: add it to the review first');
		}
		const asks = { asksChronology: input.asks.includes('chronology'), asksImr: input.asks.includes('imr'), asksShortReport: input.asks.includes('short_report') };
		for (const agencyId of [...new Set(input.agencyIds)]) {
			tx.insert(informationRequest)
				.values({ reviewId, agencyId, ...asks, dueOn: input.dueOn, sentBy: actor.userId, sentAt: now })
				.onConflictDoUpdate({ target: [informationRequest.reviewId, informationRequest.agencyId], set: { ...asks, dueOn: input.dueOn, sentBy: actor.userId, sentAt: now } })
				.run();
			const existing = tx.select().from(imr).where(and(eq(imr.reviewId, reviewId), eq(imr.agencyId, agencyId))).get();
			if (asks.asksImr && !existing) tx.insert(imr).values({ reviewId, agencyId, status: 'requested', dueOn: input.dueOn, updatedAt: now }).run();
			else if (existing) tx.update(imr).set({ dueOn: input.dueOn, updatedAt: now }).where(and(eq(imr.reviewId, reviewId), eq(imr.agencyId, agencyId))).run();
			recordAudit(tx, { action: 'request.sent', actorUserId: actor.userId, reviewId, ipAddress: actor.ipAddress, at: now, detail: { agencyId, asks: input.asks, dueOn: input.dueOn } });
		}
		return { ok: true, value: { sent: new Set(input.agencyIds).size } };
	});
}

export type RequestAnswer = { answer: 'no_contact'; checkedBy: string; howChecked: string } | { answer: 'contact' };

/** The agency's representative answers: no contact (who checked and how), or contact. */
export function answerInformationRequest(db: AppDatabase, actor: Actor, reviewId: string, agencyId: string, input: RequestAnswer, now = new Date()): Outcome<null> {
	if (input.answer === 'no_contact') {
		if (!input.checkedBy.trim()) return refused(400, 'checkedBy', 'Enter who checked the agency’s records');
		if (!input.howChecked.trim()) return refused(400, 'howChecked', 'Enter how the records were checked');
		if (input.checkedBy.length > 200 || input.howChecked.length > maxText) return refused(400, 'howChecked', 'The answer is too long');
	}
	return db.transaction((tx) => {
		const request = tx.select().from(informationRequest).where(and(eq(informationRequest.reviewId, reviewId), eq(informationRequest.agencyId, agencyId))).get();
		if (!request) return refused<null>(404, 'agencyId', 'The chair has not sent this agency a request');
		const noContact = input.answer === 'no_contact';
		tx.update(informationRequest)
			.set({ answer: input.answer, checkedBy: noContact ? input.checkedBy.trim() : null, howChecked: noContact ? input.howChecked.trim() : null, answeredBy: actor.userId, answeredAt: now })
			.where(and(eq(informationRequest.reviewId, reviewId), eq(informationRequest.agencyId, agencyId)))
			.run();
		// An IMR nobody has started is not owed by an agency that had no contact (and is owed again if it later says it had).
		const imrWhere = and(eq(imr.reviewId, reviewId), eq(imr.agencyId, agencyId));
		if (noContact) tx.delete(imr).where(and(imrWhere, eq(imr.status, 'requested'))).run();
		else if (request.asksImr && !tx.select({ status: imr.status }).from(imr).where(imrWhere).get()) {
			tx.insert(imr).values({ reviewId, agencyId, status: 'requested', dueOn: request.dueOn, updatedAt: now }).run();
		}
		recordAudit(tx, { action: 'request.answered', actorUserId: actor.userId, reviewId, ipAddress: actor.ipAddress, at: now, detail: { agencyId, answer: input.answer } });
		return { ok: true, value: null };
	});
}

/** The agency says an asked-for chronology or short report is complete (the IMR comes back by being submitted). */
export function markItemProvided(db: AppDatabase, actor: Actor, reviewId: string, agencyId: string, item: 'chronology' | 'short_report', now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const request = tx.select().from(informationRequest).where(and(eq(informationRequest.reviewId, reviewId), eq(informationRequest.agencyId, agencyId))).get();
		if (!request) return refused<null>(404, 'agencyId', 'The chair has not sent this agency a request');
		if (request.answer !== 'contact') return refused<null>(409, 'item', 'Answer the request first: items follow only when the agency had contact');
		if ((item === 'chronology' && !request.asksChronology) || (item === 'short_report' && !request.asksShortReport)) return refused<null>(409, 'item', 'The request did not ask for that');
		tx.update(informationRequest)
			.set(item === 'chronology' ? { chronologyProvidedAt: now } : { shortReportProvidedAt: now })
			.where(and(eq(informationRequest.reviewId, reviewId), eq(informationRequest.agencyId, agencyId)))
			.run();
		recordAudit(tx, { action: 'request.item_provided', actorUserId: actor.userId, reviewId, ipAddress: actor.ipAddress, at: now, detail: { agencyId, item } });
		return { ok: true, value: null };
	});
}

export interface RequestView extends InformationRequestFacts {
	agencyName: string;
	sentAt: Date;
	state: RequestState;
	late: boolean;
	outstanding: RequestedItem[];
	checkedBy: string | null;
	howChecked: string | null;
	answeredBy: string | null;
	answeredAt: Date | null;
	chronologyProvidedAt: Date | null;
	shortReportProvidedAt: Date | null;
}

function asksOf(row: InformationRequestRow): RequestedItem[] {
	return [...(row.asksChronology ? (['chronology'] as const) : []), ...(row.asksImr ? (['imr'] as const) : []), ...(row.asksShortReport ? (['short_report'] as const) : [])];
}

/** Per agency: what was asked, what came back and what is late (the chair's view; a rep's own row for them). */
export function listInformationRequests(db: AppDatabase, reviewId: string, now = new Date()): RequestView[] {
	const today = todayInUk(now);
	const imrStatuses = new Map(db.select({ agencyId: imr.agencyId, status: imr.status }).from(imr).where(eq(imr.reviewId, reviewId)).all().map((row) => [row.agencyId, row.status as ImrStatus]));
	return db
		.select({ request: informationRequest, agencyName: agency.name, answeredByName: user.name })
		.from(informationRequest)
		.innerJoin(agency, eq(agency.id, informationRequest.agencyId))
		.leftJoin(user, eq(user.id, informationRequest.answeredBy))
		.where(eq(informationRequest.reviewId, reviewId))
		.orderBy(asc(agency.name))
		.all()
		.map(({ request, agencyName, answeredByName }) => {
			const facts: InformationRequestFacts = {
				agencyId: request.agencyId,
				asks: asksOf(request),
				dueOn: request.dueOn,
				answer: request.answer as InformationRequestFacts['answer'],
				chronologyProvided: request.chronologyProvidedAt !== null,
				shortReportProvided: request.shortReportProvidedAt !== null,
				imrStatus: imrStatuses.get(request.agencyId) ?? 'not_requested'
			};
			return {
				...facts,
				agencyName,
				sentAt: request.sentAt,
				state: requestState(facts),
				late: isLate(facts, today),
				outstanding: outstandingItems(facts),
				checkedBy: request.checkedBy,
				howChecked: request.howChecked,
				answeredBy: answeredByName,
				answeredAt: request.answeredAt,
				chronologyProvidedAt: request.chronologyProvidedAt,
				shortReportProvidedAt: request.shortReportProvidedAt
			};
		});
}

// ---- Senior managers ----

export function isSeniorManager(db: DbExecutor, reviewId: string, userId: string, agencyId: string): boolean {
	return !!db.select({ userId: agencySeniorManager.userId }).from(agencySeniorManager).where(and(eq(agencySeniorManager.reviewId, reviewId), eq(agencySeniorManager.userId, userId), eq(agencySeniorManager.agencyId, agencyId))).get();
}

/** The chair marks (or unmarks) one of an agency's representatives as its senior manager, who signs off its IMR. */
export function setSeniorManager(db: AppDatabase, actor: Actor, reviewId: string, userId: string, senior: boolean, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const member = tx.select({ role: membership.role, agencyId: membership.agencyId }).from(membership).where(and(eq(membership.reviewId, reviewId), eq(membership.userId, userId))).get();
		if (!member) return refused<null>(404, 'userId', 'That person is not a member of this review');
		if (member.role !== 'agency_rep' || !member.agencyId) return refused<null>(400, 'userId', 'Only an agency representative can be an agency’s senior manager');
		tx.delete(agencySeniorManager).where(and(eq(agencySeniorManager.reviewId, reviewId), eq(agencySeniorManager.userId, userId))).run();
		if (senior) tx.insert(agencySeniorManager).values({ reviewId, userId, agencyId: member.agencyId, markedBy: actor.userId, markedAt: now }).run();
		recordAudit(tx, { action: senior ? 'imr.senior_manager_marked' : 'imr.senior_manager_unmarked', actorUserId: actor.userId, reviewId, targetUserId: userId, ipAddress: actor.ipAddress, at: now, detail: { agencyId: member.agencyId } });
		return { ok: true, value: null };
	});
}

export function listSeniorManagers(db: AppDatabase, reviewId: string): { userId: string; agencyId: string }[] {
	return db.select({ userId: agencySeniorManager.userId, agencyId: agencySeniorManager.agencyId }).from(agencySeniorManager).where(eq(agencySeniorManager.reviewId, reviewId)).all();
}

// ---- Declarations of independence ----

export type DeclarationPart = 'imr_author' | 'panel_member' | 'chair';

export interface DeclarationInput {
	notInvolved: boolean;
	notLineManager: boolean;
	statement: string;
}

function checkDeclaration(input: DeclarationInput): Outcome<null> | null {
	if (!input.notInvolved) return refused(400, 'notInvolved', 'Confirm you were not involved with the subjects of the review, or you cannot declare your independence');
	if (!input.notLineManager) return refused(400, 'notLineManager', 'Confirm you are not the line manager of anyone who was involved, or you cannot declare your independence');
	if (input.statement.length > maxText) return refused(400, 'statement', 'The statement must be 4,000 characters or fewer');
	return null;
}

function insertDeclaration(tx: DbExecutor, actor: Actor, reviewId: string, part: DeclarationPart, agencyId: string | null, input: DeclarationInput, now: Date): void {
	tx.insert(independenceDeclaration).values({ id: randomUUID(), reviewId, userId: actor.userId, part, agencyId, notInvolved: true, notLineManager: true, statement: input.statement.trim(), declaredAt: now }).run();
	recordAudit(tx, { action: 'independence.declared', actorUserId: actor.userId, reviewId, ipAddress: actor.ipAddress, at: now, detail: { part, ...(agencyId ? { agencyId } : {}) } });
}

/** The chair or a panel member declares their independence for the report's "panel members" and "author" sections. */
export function declarePanelIndependence(db: AppDatabase, actor: Actor, reviewId: string, member: Membership, input: DeclarationInput, now = new Date()): Outcome<null> {
	const bad = checkDeclaration(input);
	if (bad) return bad;
	const part: DeclarationPart = member.role === 'chair' ? 'chair' : 'panel_member';
	db.transaction((tx) => insertDeclaration(tx, actor, reviewId, part, null, input, now));
	return { ok: true, value: null };
}

export interface DeclarationView {
	userId: string;
	name: string;
	part: DeclarationPart;
	agencyId: string | null;
	agencyName: string | null;
	statement: string;
	declaredAt: Date;
}

/** Every person's latest declaration of independence in the review, chair first, then panel, then IMR authors. */
export function independenceDeclarations(db: AppDatabase, reviewId: string): DeclarationView[] {
	const rows = db
		.select({ declaration: independenceDeclaration, name: user.name, agencyName: agency.name })
		.from(independenceDeclaration)
		.innerJoin(user, eq(user.id, independenceDeclaration.userId))
		.leftJoin(agency, eq(agency.id, independenceDeclaration.agencyId))
		.where(eq(independenceDeclaration.reviewId, reviewId))
		.orderBy(desc(independenceDeclaration.declaredAt))
		.all();
	const latest = new Map<string, DeclarationView>();
	for (const { declaration, name, agencyName } of rows) {
		const key = `${declaration.userId}:${declaration.part}:${declaration.agencyId ?? ''}`;
		if (latest.has(key)) continue;
		latest.set(key, { userId: declaration.userId, name, part: declaration.part as DeclarationPart, agencyId: declaration.agencyId, agencyName, statement: declaration.statement, declaredAt: declaration.declaredAt });
	}
	const order: Record<DeclarationPart, number> = { chair: 0, panel_member: 1, imr_author: 2 };
	return [...latest.values()].sort((a, b) => order[a.part] - order[b.part] || a.name.localeCompare(b.name));
}

function hasAuthorDeclaration(db: DbExecutor, reviewId: string, agencyId: string, userId: string | null): boolean {
	if (!userId) return false;
	return !!db
		.select({ id: independenceDeclaration.id })
		.from(independenceDeclaration)
		.where(and(eq(independenceDeclaration.reviewId, reviewId), eq(independenceDeclaration.userId, userId), eq(independenceDeclaration.part, 'imr_author'), eq(independenceDeclaration.agencyId, agencyId)))
		.get();
}

// ---- IMRs ----

export interface ImrListing {
	agencyId: string;
	status: ImrStatus;
	dueOn: IsoDate | null;
	/** The author's name, once someone has declared their independence as its author. */
	author: string | null;
}

function imrRow(db: DbExecutor, reviewId: string, agencyId: string): ImrRow | undefined {
	return db.select().from(imr).where(and(eq(imr.reviewId, reviewId), eq(imr.agencyId, agencyId))).get();
}

/** An agency's IMR status, for the permission decision (`not_requested` when there is none). */
export function imrStatusOf(db: DbExecutor, reviewId: string, agencyId: string): ImrStatus {
	return (imrRow(db, reviewId, agencyId)?.status as ImrStatus | undefined) ?? 'not_requested';
}

/** One row per agency of the review (DESIGN.md, `GET /api/reviews/<id>/imrs`). */
export function listImrs(db: AppDatabase, reviewId: string): ImrListing[] {
	const rows = new Map(
		db
			.select({ imr, authorName: user.name })
			.from(imr)
			.leftJoin(user, eq(user.id, imr.authorId))
			.where(eq(imr.reviewId, reviewId))
			.all()
			.map((row) => [row.imr.agencyId, row])
	);
	return db
		.select({ id: agency.id })
		.from(agency)
		.where(eq(agency.reviewId, reviewId))
		.orderBy(asc(agency.name))
		.all()
		.map(({ id }) => {
			const row = rows.get(id);
			return { agencyId: id, status: (row?.imr.status as ImrStatus | undefined) ?? 'not_requested', dueOn: row?.imr.dueOn ?? null, author: row?.authorName ?? null };
		});
}

export interface ImrDetail extends ImrListing {
	agencyName: string;
	authorId: string | null;
	authorDeclaredAt: Date | null;
	signedOffBy: string | null;
	signedOffByName: string | null;
	signedOffAt: Date | null;
	submittedAt: Date | null;
	comments: { id: string; authorName: string; body: string; returned: boolean; createdAt: Date }[];
}

export function getImr(db: AppDatabase, reviewId: string, agencyId: string): ImrDetail | null {
	const found = agencyOfReview(db, reviewId, agencyId);
	if (!found) return null;
	const row = imrRow(db, reviewId, agencyId);
	const nameOf = (id: string | null) => (id ? (db.select({ name: user.name }).from(user).where(eq(user.id, id)).get()?.name ?? null) : null);
	const declaration = row?.authorId
		? db
				.select({ declaredAt: independenceDeclaration.declaredAt })
				.from(independenceDeclaration)
				.where(and(eq(independenceDeclaration.reviewId, reviewId), eq(independenceDeclaration.userId, row.authorId), eq(independenceDeclaration.part, 'imr_author'), eq(independenceDeclaration.agencyId, agencyId)))
				.orderBy(desc(independenceDeclaration.declaredAt))
				.get()
		: undefined;
	const comments = db
		.select({ id: imrComment.id, authorName: user.name, body: imrComment.body, returned: imrComment.returned, createdAt: imrComment.createdAt })
		.from(imrComment)
		.innerJoin(user, eq(user.id, imrComment.authorId))
		.where(and(eq(imrComment.reviewId, reviewId), eq(imrComment.agencyId, agencyId)))
		.orderBy(asc(imrComment.createdAt))
		.all();
	return {
		agencyId,
		agencyName: found.name,
		status: (row?.status as ImrStatus | undefined) ?? 'not_requested',
		dueOn: row?.dueOn ?? null,
		author: nameOf(row?.authorId ?? null),
		authorId: row?.authorId ?? null,
		authorDeclaredAt: declaration?.declaredAt ?? null,
		signedOffBy: row?.signedOffBy ?? null,
		signedOffByName: nameOf(row?.signedOffBy ?? null),
		signedOffAt: row?.signedOffAt ?? null,
		submittedAt: row?.submittedAt ?? null,
		comments
	};
}

/** The hash of the IMR's words under its headings, as stored now: what the senior manager signed off. */
export function imrTextHash(db: AppDatabase, reviewId: string, agencyId: string): string {
	const doc = readDocument(createSqliteDocumentStore(db), documentName({ kind: 'imr', reviewId, agencyId }));
	try {
		return textHash(reportSectionTexts(doc, imrHeadings.map((heading) => ({ key: heading.key, title: heading.title }))));
	} finally {
		doc.destroy();
	}
}

const stepAudit = { declare: 'imr.author_declared', sign_off: 'imr.signed_off', submit: 'imr.submitted', return: 'imr.returned', accept: 'imr.accepted' } as const;

/**
 * One step of an agency's IMR: read, decided by the state machine and written in one
 * transaction with its audit record. `declaration` comes with the author's declaring step;
 * `questions` with the panel's return.
 */
export function takeImrStep(
	db: AppDatabase,
	actor: Actor,
	reviewId: string,
	agencyId: string,
	step: ImrStep,
	extra: { declaration?: DeclarationInput; questions?: string } = {},
	now = new Date()
): Outcome<{ status: ImrStatus }> {
	if (step.kind === 'declare') {
		const bad = checkDeclaration(extra.declaration ?? { notInvolved: false, notLineManager: false, statement: '' });
		if (bad) return bad as Outcome<{ status: ImrStatus }>;
	}
	if (step.kind === 'return') {
		const questions = (extra.questions ?? '').trim();
		if (!questions) return refused(400, 'questions', 'Write the panel’s questions for the agency before returning the IMR');
		if (questions.length > maxText) return refused(400, 'questions', 'The questions must be 4,000 characters or fewer');
	}
	// Hashed before the transaction: the text lives in the document store, not in this row.
	const hash = step.kind === 'sign_off' ? imrTextHash(db, reviewId, agencyId) : null;
	const outcome = db.transaction((tx): Outcome<{ status: ImrStatus }> => {
		const row = imrRow(tx, reviewId, agencyId);
		if (!row) return refused(404, 'agencyId', 'No IMR has been asked of this agency');
		const authorDeclared = hasAuthorDeclaration(tx, reviewId, agencyId, row.authorId);
		const result = applyImrStep({ status: row.status as ImrStatus, authorId: row.authorId, authorDeclared, signedOffBy: row.signedOffBy }, step);
		if (!result.ok) return refused(result.kind === 'forbidden' ? 403 : 409, step.kind, result.reason);
		if (step.kind === 'declare') insertDeclaration(tx, actor, reviewId, 'imr_author', agencyId, extra.declaration!, now);
		tx.update(imr)
			.set({
				status: result.status,
				authorId: result.authorId,
				signedOffBy: result.signedOffBy,
				...(step.kind === 'sign_off' ? { signedOffAt: now, signedOffTextHash: hash } : {}),
				...(step.kind === 'return' ? { signedOffAt: null, signedOffTextHash: null } : {}),
				...(step.kind === 'submit' ? { submittedAt: now } : {}),
				...(step.kind === 'return' || step.kind === 'accept' ? { decidedBy: actor.userId, decidedAt: now } : {}),
				updatedAt: now
			})
			.where(and(eq(imr.reviewId, reviewId), eq(imr.agencyId, agencyId)))
			.run();
		if (step.kind === 'return') tx.insert(imrComment).values({ id: randomUUID(), reviewId, agencyId, authorId: actor.userId, body: extra.questions!.trim(), returned: true, createdAt: now }).run();
		recordAudit(tx, { action: stepAudit[step.kind], actorUserId: actor.userId, reviewId, ipAddress: actor.ipAddress, at: now, detail: { agencyId, status: result.status, ...(hash ? { textHash: hash } : {}) } });
		return { ok: true, value: { status: result.status } };
	});
	// Signed off, submitted or returned: who may read or write the text changed.
	if (outcome.ok && step.kind !== 'declare') accessEvents.emit('review-changed', { reviewId });
	return outcome;
}

/** A member of the panel asks a question on a submitted IMR (or the agency answers one). */
export function addImrComment(db: AppDatabase, actor: Actor, reviewId: string, agencyId: string, body: string, now = new Date()): Outcome<{ id: string }> {
	const text = body.trim();
	if (!text) return refused(400, 'body', 'Write the question or comment');
	if (text.length > maxText) return refused(400, 'body', 'The comment must be 4,000 characters or fewer');
	return db.transaction((tx) => {
		const status = imrStatusOf(tx, reviewId, agencyId);
		if (status !== 'submitted' && status !== 'returned' && status !== 'accepted') return refused<{ id: string }>(409, 'body', 'The panel can comment on an IMR once it is submitted');
		const id = randomUUID();
		tx.insert(imrComment).values({ id, reviewId, agencyId, authorId: actor.userId, body: text, createdAt: now }).run();
		recordAudit(tx, { action: 'imr.commented', actorUserId: actor.userId, reviewId, ipAddress: actor.ipAddress, at: now, detail: { agencyId, commentId: id } });
		return { ok: true, value: { id } };
	});
}

/** The review's title for pages that need only that. */
export function reviewTitle(db: AppDatabase, reviewId: string): string | null {
	return db.select({ title: review.title }).from(review).where(eq(review.id, reviewId)).get()?.title ?? null;
}

// ---- IMR passages cited in the report ----

export interface ImrPassage {
	agencyId: string;
	agencyName: string;
	sectionKey: string;
	sectionTitle: string;
	text: string;
}

/**
 * The passages (paragraphs, lists, tables) of the IMRs the panel has, that the caller may
 * read: what the report can cite. Drafts are never offered, even to the chair, so the report
 * cites only what the agency's senior manager signed off and submitted.
 */
export function citableImrPassages(db: AppDatabase, reviewId: string, membership: Membership, facts: ReviewFacts): ImrPassage[] {
	const store = createSqliteDocumentStore(db);
	const names = new Map(db.select({ id: agency.id, name: agency.name }).from(agency).where(eq(agency.reviewId, reviewId)).all().map((row) => [row.id, row.name]));
	const sections = imrHeadings.map((heading) => ({ key: heading.key, title: heading.title }));
	return listImrs(db, reviewId)
		.filter((row) => (row.status === 'submitted' || row.status === 'accepted') && documentAccess(membership, { kind: 'imr', reviewId, agencyId: row.agencyId }, { ...facts, imrStatus: row.status }) !== 'none')
		.flatMap((row) => {
			const doc = readDocument(store, documentName({ kind: 'imr', reviewId, agencyId: row.agencyId }));
			try {
				return passagesOf(reportContent(doc, sections)).map((passage) => ({ agencyId: row.agencyId, agencyName: names.get(row.agencyId) ?? '', sectionKey: passage.sectionKey, sectionTitle: passage.sectionTitle, text: passage.text }));
			} finally {
				doc.destroy();
			}
		});
}
