/**
 * The terms of reference around their document (issue 20): the panel's agreement of them,
 * the report's analysis passages linked to the key line of enquiry each answers, putting
 * the agreed terms into the report, and the facts the quality assurance checklist reads.
 */
import * as Y from 'yjs';
import { and, asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { enquiryAnswer, meeting as meetingTable, review, reviewDecision, termsAgreement, user } from './db/schema';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument, readDocument } from './live-documents';
import { readReportDocument, reportSections } from './report';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { documentName } from '../domain/permissions';
import { readKeyLines } from '../collab/terms-doc';
import { reportContent } from '../collab/report-content';
import { passagesOf } from '../domain/report-passages';
import { sectionFragmentName } from '../domain/report-template';
import { formatDate, isIsoDate, todayInUk } from '../domain/dates';
import { decisionRefusal, findMeeting, insertDecision, meetingRecordChanged } from './meetings';
import { reportTermsSectionKey, termsFragmentName, termsParts, type KeyLineOfEnquiry, type TermsOfReferenceFacts } from '../domain/terms-of-reference';

/** The terms document as stored now. The caller destroys it. */
export function readTermsDocument(db: AppDatabase, reviewId: string): Y.Doc {
	return readDocument(createSqliteDocumentStore(db), documentName({ kind: 'terms', reviewId }));
}

export function currentKeyLines(db: AppDatabase, reviewId: string): KeyLineOfEnquiry[] {
	const doc = readTermsDocument(db, reviewId);
	try {
		return readKeyLines(doc);
	} finally {
		doc.destroy();
	}
}

export interface AgreementView {
	agreedOn: string;
	meeting: string;
	recordedAt: Date;
	recordedByName: string;
}

export function loadTermsAgreement(db: AppDatabase, reviewId: string): AgreementView | null {
	return (
		db
			.select({ agreedOn: termsAgreement.agreedOn, meeting: termsAgreement.meeting, recordedAt: termsAgreement.recordedAt, recordedByName: user.name })
			.from(termsAgreement)
			.innerJoin(user, eq(user.id, termsAgreement.recordedBy))
			.where(eq(termsAgreement.reviewId, reviewId))
			.get() ?? null
	);
}

/**
 * For the quality assurance checklist: when the panel agreed the terms, and each key line
 * of enquiry with whether a report passage has been linked as answering it.
 */
export function termsOfReferenceFacts(db: AppDatabase, reviewId: string): TermsOfReferenceFacts {
	const agreement = db.select({ agreedOn: termsAgreement.agreedOn }).from(termsAgreement).where(eq(termsAgreement.reviewId, reviewId)).get();
	const answered = new Set(db.select({ lineId: enquiryAnswer.lineId }).from(enquiryAnswer).where(eq(enquiryAnswer.reviewId, reviewId)).all().map((row) => row.lineId));
	return {
		agreedOn: agreement?.agreedOn ?? null,
		keyLinesOfEnquiry: currentKeyLines(db, reviewId).map((line) => ({ ...line, answered: answered.has(line.id) }))
	};
}

/** The decision a meeting chosen for the agreement records, so it is in the decision log. */
export const termsAgreedDecision = 'The panel agreed the terms of reference';

/**
 * Records that the panel agreed the terms, keeping the text as agreed. The date cannot
 * be in the future or before the notification; there must be a key line of enquiry. The
 * meeting is one of the review's (`meetingId`: its decisions then record the agreement, in
 * the same transaction) or, for one held outside the workspace, named in words.
 */
export function agreeTerms(db: AppDatabase, actor: Actor, reviewId: string, input: { agreedOn: string; meeting: string; meetingId?: string }, today: string, now = new Date()): Outcome<null> {
	let agreedOn = input.agreedOn;
	let meeting = input.meeting.trim();
	const chosen = input.meetingId ? findMeeting(db, reviewId, input.meetingId) : null;
	if (input.meetingId) {
		if (!chosen) return refused(400, 'meetingId', 'Choose one of this review’s meetings, or a meeting held outside the workspace');
		const meetingDay = todayInUk(chosen.startsAt);
		// The meeting's day is the day of agreement: the date may be left out, not contradicted.
		if (!agreedOn) agreedOn = meetingDay;
		if (isIsoDate(agreedOn) && agreedOn !== meetingDay) return refused(400, 'agreedOn', `The date the terms were agreed must be the day of the meeting chosen, ${formatDate(meetingDay)}`);
		if (chosen.circulatedAt) return refused(409, 'meetingId', 'The minutes of that meeting have been circulated, so the agreement cannot be added to its decisions: choose “None: the meeting was held outside the workspace” and name it');
		meeting = `${chosen.title}, ${formatDate(meetingDay)}`;
	}
	if (!isIsoDate(agreedOn)) return refused(400, 'agreedOn', 'Enter the date the panel agreed the terms');
	if (agreedOn > today) return refused(400, 'agreedOn', chosen ? 'That meeting has not been held yet: record the agreement after it' : 'The date the terms were agreed must be today or in the past');
	if (!meeting) return refused(400, 'meeting', 'Enter the meeting that agreed the terms, for example "Panel meeting 1, 3 March 2025"');
	if (meeting.length > 200) return refused(400, 'meeting', 'The meeting must be 200 characters or fewer');
	if (chosen) {
		const refusal = decisionRefusal(db, chosen, termsAgreedDecision);
		if (refusal) return refused(refusal.status, 'meetingId', refusal.errors[0].message);
	}
	const doc = readTermsDocument(db, reviewId);
	try {
		if (readKeyLines(doc).length === 0) return refused(400, 'agreedOn', 'Add at least one key line of enquiry before recording that the panel agreed the terms');
		const state = Buffer.from(Y.encodeStateAsUpdate(doc));
		const outcome = db.transaction((tx) => {
			const found = tx.select({ notifiedOn: review.notifiedOn }).from(review).where(eq(review.id, reviewId)).get();
			if (!found) return refused<null>(404, 'review', 'Review not found');
			if (agreedOn < found.notifiedOn) return refused<null>(400, 'agreedOn', 'The date the terms were agreed must be on or after the date the partnership was notified');
			const decided = tx.select({ outcome: reviewDecision.outcome }).from(reviewDecision).where(eq(reviewDecision.reviewId, reviewId)).get();
			if (decided?.outcome === 'no_review') return refused<null>(409, 'agreedOn', 'The partnership decided not to hold a review, so the record is closed');
			if (chosen && tx.select({ circulatedAt: meetingTable.circulatedAt }).from(meetingTable).where(eq(meetingTable.id, chosen.id)).get()?.circulatedAt) {
				return refused<null>(409, 'meetingId', 'The minutes of that meeting have just been circulated: choose “None: the meeting was held outside the workspace” and name it');
			}
			const row = { agreedOn, meeting, state, recordedBy: actor.userId, recordedAt: now };
			tx.insert(termsAgreement)
				.values({ reviewId, ...row })
				.onConflictDoUpdate({ target: termsAgreement.reviewId, set: row })
				.run();
			recordAudit(tx, { action: 'terms.agreed', actorUserId: actor.userId, reviewId, detail: { agreedOn, ...(chosen ? { meetingId: chosen.id } : {}) }, ipAddress: actor.ipAddress, at: now });
			if (chosen) insertDecision(tx, actor, chosen, { itemId: null, text: termsAgreedDecision }, now);
			return { ok: true, value: null } as const;
		});
		if (outcome.ok && chosen) meetingRecordChanged(db, chosen, actor.userId);
		return outcome;
	} finally {
		doc.destroy();
	}
}

/** Appends the terms as agreed to a report fragment: each part under its heading, then the key lines as a numbered list. */
function writeAgreedTerms(agreed: Y.Doc, target: Y.XmlFragment): void {
	const heading = (text: string) => {
		const element = new Y.XmlElement('heading');
		element.setAttribute('level', 3 as unknown as string);
		element.insert(0, [new Y.XmlText(text)]);
		return element;
	};
	const nodes: (Y.XmlElement | Y.XmlText)[] = [];
	for (const part of termsParts) {
		const source = agreed.getXmlFragment(termsFragmentName(part.key));
		if (source.length === 0) continue;
		nodes.push(heading(part.title));
		for (const child of source.toArray()) {
			if (child instanceof Y.XmlElement || child instanceof Y.XmlText) nodes.push(child.clone());
		}
	}
	const lines = readKeyLines(agreed);
	if (lines.length > 0) {
		nodes.push(heading('Key lines of enquiry'));
		const list = new Y.XmlElement('orderedList');
		list.insert(
			0,
			lines.map((line) => {
				const item = new Y.XmlElement('listItem');
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText(line.text)]);
				item.insert(0, [paragraph]);
				return item;
			})
		);
		nodes.push(list);
	}
	if (target.length > 0) target.delete(0, target.length);
	target.insert(0, nodes);
}

/**
 * Puts the agreed terms into the report's terms of reference section, replacing what
 * it held (the panel edits on from there). Refused until the panel has agreed them.
 */
export function copyAgreedTermsToReport(db: AppDatabase, actor: Actor, reviewId: string, now = new Date()): Outcome<null> {
	const agreement = db.select({ state: termsAgreement.state }).from(termsAgreement).where(eq(termsAgreement.reviewId, reviewId)).get();
	if (!agreement) return refused(409, 'terms', 'Record that the panel agreed the terms before putting them into the report');
	if (!reportSections(db, reviewId).some((section) => section.key === reportTermsSectionKey)) {
		return refused(409, 'terms', 'The report has no terms of reference section');
	}
	const agreed = new Y.Doc({ gc: false });
	try {
		Y.applyUpdate(agreed, new Uint8Array(agreement.state));
		changeDocument(createSqliteDocumentStore(db), {
			docName: documentName({ kind: 'report', reviewId }),
			userId: actor.userId,
			change: (doc) => writeAgreedTerms(agreed, doc.getXmlFragment(sectionFragmentName(reportTermsSectionKey)))
		});
	} finally {
		agreed.destroy();
	}
	recordAudit(db, { action: 'terms.copied_to_report', actorUserId: actor.userId, reviewId, ipAddress: actor.ipAddress, at: now });
	return { ok: true, value: null };
}

export interface ReportPassageChoice {
	sectionKey: string;
	sectionTitle: string;
	index: number;
	text: string;
}

/** The report's passages as they stand, to link to a key line of enquiry. */
export function reportPassages(db: AppDatabase, reviewId: string): ReportPassageChoice[] {
	const doc = readReportDocument(db, reviewId);
	try {
		return passagesOf(reportContent(doc, reportSections(db, reviewId)))
			.filter((passage) => passage.sectionKey !== reportTermsSectionKey)
			.map(({ sectionKey, sectionTitle, index, text }) => ({ sectionKey, sectionTitle, index, text }));
	} finally {
		doc.destroy();
	}
}

export interface LinkedAnswer {
	id: string;
	lineId: string;
	sectionKey: string;
	sectionTitle: string;
	passageText: string;
	/** The passage still reads as it did when linked; false once it has been reworded or removed. */
	stillInReport: boolean;
}

export function enquiryAnswers(db: AppDatabase, reviewId: string, passages: ReportPassageChoice[]): LinkedAnswer[] {
	const titles = new Map(reportSections(db, reviewId).map((section) => [section.key, section.title]));
	const current = new Set(passages.map((passage) => `${passage.sectionKey}\n${passage.text}`));
	return db
		.select({ id: enquiryAnswer.id, lineId: enquiryAnswer.lineId, sectionKey: enquiryAnswer.sectionKey, passageText: enquiryAnswer.passageText })
		.from(enquiryAnswer)
		.where(eq(enquiryAnswer.reviewId, reviewId))
		.orderBy(asc(enquiryAnswer.linkedAt))
		.all()
		.map((row) => ({ ...row, sectionTitle: titles.get(row.sectionKey) ?? 'A removed section', stillInReport: current.has(`${row.sectionKey}\n${row.passageText}`) }));
}

/** Links the report passage at `sectionKey`/`index` (as the report reads now) to a key line of enquiry. */
export function linkAnswer(db: AppDatabase, actor: Actor, reviewId: string, input: { lineId: string; sectionKey: string; index: number }, now = new Date()): Outcome<{ id: string }> {
	if (!currentKeyLines(db, reviewId).some((line) => line.id === input.lineId)) return refused(400, 'lineId', 'That key line of enquiry is not in the terms of reference');
	const passage = reportPassages(db, reviewId).find((p) => p.sectionKey === input.sectionKey && p.index === input.index);
	if (!passage) return refused(400, 'passage', 'Choose a passage of the report');
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(enquiryAnswer).values({ id, reviewId, lineId: input.lineId, sectionKey: passage.sectionKey, passageText: passage.text, linkedBy: actor.userId, linkedAt: now }).run();
		recordAudit(tx, { action: 'terms.answer_linked', actorUserId: actor.userId, reviewId, detail: { lineId: input.lineId, sectionKey: passage.sectionKey }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

export function unlinkAnswer(db: AppDatabase, actor: Actor, reviewId: string, answerId: string, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const removed = tx.delete(enquiryAnswer).where(and(eq(enquiryAnswer.id, answerId), eq(enquiryAnswer.reviewId, reviewId))).run();
		if (removed.changes === 0) return refused<null>(404, 'answer', 'That link does not exist');
		recordAudit(tx, { action: 'terms.answer_unlinked', actorUserId: actor.userId, reviewId, detail: { answerId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}
