/**
 * The journey to publication, stored (issue 17): dated steps (domain/submissions.ts),
 * the quality assurance panel's letter kept as a restricted file (review-files.ts,
 * purpose 'qa_letter'), and its "areas for final development" as items linked to report
 * sections and ticked off. Every change is one transaction with its audit record.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { publicationExport, qaItem, reviewFile, submissionStep, user } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { checkUpload, storeReviewFile } from './review-files';
import { listExports } from './publication-pack';
import { todayInUk } from '../domain/dates';
import { submissionLabels, submissionProblems, type SubmissionInput } from '../domain/submissions';
import type { FieldError } from '../domain/validation';

export interface SubmissionStepView {
	id: string;
	kind: SubmissionInput['kind'];
	label: string;
	occurredOn: string;
	export: { document: string; format: string; edition: string; sha256: string } | null;
	letter: { id: string; fileName: string; sha256: string } | null;
	webAddress: string | null;
	publishedUntil: string | null;
	note: string;
	recordedByName: string;
}

export function listSubmissionSteps(db: AppDatabase, reviewId: string): SubmissionStepView[] {
	return db
		.select({ step: submissionStep, recordedByName: user.name, exp: publicationExport, letterName: reviewFile.fileName, letterHash: reviewFile.sha256 })
		.from(submissionStep)
		.innerJoin(user, eq(user.id, submissionStep.recordedBy))
		.leftJoin(publicationExport, eq(publicationExport.id, submissionStep.exportId))
		.leftJoin(reviewFile, eq(reviewFile.id, submissionStep.fileId))
		.where(eq(submissionStep.reviewId, reviewId))
		.orderBy(asc(submissionStep.occurredOn), asc(submissionStep.recordedAt))
		.all()
		.map(({ step, recordedByName, exp, letterName, letterHash }) => ({
			id: step.id,
			kind: step.kind as SubmissionInput['kind'],
			label: submissionLabels[step.kind as SubmissionInput['kind']] ?? step.kind,
			occurredOn: step.occurredOn,
			export: exp ? { document: exp.document, format: exp.format, edition: exp.edition, sha256: exp.sha256 } : null,
			letter: step.fileId && letterName && letterHash ? { id: step.fileId, fileName: letterName, sha256: letterHash } : null,
			webAddress: step.webAddress,
			publishedUntil: step.publishedUntil,
			note: step.note,
			recordedByName
		}));
}

/**
 * Records a step. The quality assurance letter comes with its file, which must be a PDF
 * within the size limit; nothing is stored when anything is wrong.
 */
export async function recordSubmissionStep(
	db: AppDatabase,
	actor: Actor,
	reviewId: string,
	input: SubmissionInput,
	letter: { fileName: string; bytes: Uint8Array } | null,
	now = new Date()
): Promise<{ ok: true; id: string } | { ok: false; status: 400; errors: FieldError[] }> {
	const exportIds = new Set(listExports(db, reviewId).map((row) => row.id));
	const errors: FieldError[] = submissionProblems(input, todayInUk(now), exportIds).map((p) => ({ field: p.field, message: p.message }));
	let checked: Awaited<ReturnType<typeof checkUpload>> | null = null;
	if (input.kind === 'qa_letter_received') {
		if (!letter || letter.bytes.length === 0) errors.push({ field: 'letter', message: 'Choose the panel’s letter (a PDF) to upload' });
		else {
			checked = await checkUpload(letter.fileName, letter.bytes, ['pdf']);
			if (!checked.ok) errors.push({ field: 'letter', message: checked.error });
		}
	}
	if (errors.length) return { ok: false, status: 400, errors };
	const id = randomUUID();
	const published = input.kind === 'published';
	db.transaction((tx) => {
		const file = checked?.ok && letter ? storeReviewFile(tx, { reviewId, purpose: 'qa_letter', checked, bytes: letter.bytes, uploadedBy: actor.userId, now }) : null;
		tx.insert(submissionStep)
			.values({
				id,
				reviewId,
				kind: input.kind,
				occurredOn: input.occurredOn,
				exportId: input.kind === 'sent_to_home_office' || input.kind === 'resubmitted' ? input.exportId : null,
				fileId: file?.id ?? null,
				webAddress: published ? input.webAddress.trim() : null,
				publishedUntil: published ? input.publishedUntil : null,
				note: input.note.trim(),
				recordedBy: actor.userId,
				recordedAt: now
			})
			.run();
		recordAudit(tx, {
			action: 'submission.step_recorded',
			actorUserId: actor.userId,
			reviewId,
			detail: { stepId: id, kind: input.kind, stepLabel: submissionLabels[input.kind], occurredOn: input.occurredOn, ...(file ? { fileId: file.id, sha256: file.sha256 } : {}) },
			ipAddress: actor.ipAddress,
			at: now
		});
	});
	return { ok: true, id };
}

export function removeSubmissionStep(db: AppDatabase, actor: Actor, reviewId: string, stepId: string, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const step = tx.select().from(submissionStep).where(and(eq(submissionStep.id, stepId), eq(submissionStep.reviewId, reviewId))).get();
		if (!step) return refused<null>(404, 'stepId', 'That step is not recorded for this review');
		tx.delete(submissionStep).where(eq(submissionStep.id, stepId)).run();
		// The letter stays stored (it was received); only the record of the step goes, and the audit log keeps both.
		recordAudit(tx, { action: 'submission.step_removed', actorUserId: actor.userId, reviewId, detail: { stepId, kind: step.kind, stepLabel: submissionLabels[step.kind as SubmissionInput['kind']] }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

export interface QaItemView {
	id: string;
	text: string;
	sectionKey: string | null;
	done: boolean;
	doneAt: Date | null;
	doneByName: string | null;
}

export function listQaItems(db: AppDatabase, reviewId: string): QaItemView[] {
	const rows = db.select().from(qaItem).where(eq(qaItem.reviewId, reviewId)).orderBy(asc(qaItem.createdAt)).all();
	const names = new Map(db.select({ id: user.id, name: user.name }).from(user).all().filter((u) => rows.some((r) => r.doneBy === u.id)).map((u) => [u.id, u.name]));
	return rows.map((row) => ({ id: row.id, text: row.text, sectionKey: row.sectionKey, done: row.doneAt !== null, doneAt: row.doneAt, doneByName: row.doneBy ? (names.get(row.doneBy) ?? null) : null }));
}

export const maxQaItemLength = 2_000;

export function addQaItem(db: AppDatabase, actor: Actor, reviewId: string, input: { text: string; sectionKey: string | null }, sectionKeys: ReadonlySet<string>, now = new Date()): Outcome<{ id: string }> {
	const text = input.text.trim();
	if (!text) return refused(400, 'itemText', 'Enter the area for final development, as the panel’s letter puts it');
	if (text.length > maxQaItemLength) return refused(400, 'itemText', `Keep it to ${maxQaItemLength.toLocaleString('en-GB')} characters or fewer`);
	if (input.sectionKey && !sectionKeys.has(input.sectionKey)) return refused(400, 'sectionKey', 'Choose a section of the report');
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(qaItem).values({ id, reviewId, text, sectionKey: input.sectionKey || null, createdBy: actor.userId, createdAt: now }).run();
		recordAudit(tx, { action: 'submission.qa_item_added', actorUserId: actor.userId, reviewId, detail: { itemId: id, sectionKey: input.sectionKey || null }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

/** Ticks an item off, or reopens it. */
export function setQaItemDone(db: AppDatabase, actor: Actor, reviewId: string, itemId: string, done: boolean, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const changed = tx
			.update(qaItem)
			.set(done ? { doneAt: now, doneBy: actor.userId } : { doneAt: null, doneBy: null })
			.where(and(eq(qaItem.id, itemId), eq(qaItem.reviewId, reviewId)))
			.run().changes;
		if (!changed) return refused<null>(404, 'itemId', 'That item is not recorded for this review');
		recordAudit(tx, { action: done ? 'submission.qa_item_done' : 'submission.qa_item_reopened', actorUserId: actor.userId, reviewId, detail: { itemId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

/** The report counts as completed, for the six-month timescale, on the day it first went to the Home Office. */
export function reportSentOn(steps: Pick<SubmissionStepView, 'kind' | 'occurredOn'>[]): string | null {
	return steps.filter((step) => step.kind === 'sent_to_home_office').map((step) => step.occurredOn).sort()[0] ?? null;
}
