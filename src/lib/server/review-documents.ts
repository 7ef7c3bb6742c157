/**
 * A review's documents (issue 20): uploaded through the shared review-files store (purpose
 * 'document'), listed with what links to them, and every download audited. Restricted like
 * the chronology: the permission table keeps the family advocate and guests out.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { documentLink, user, type ReviewFile } from './db/schema';
import { checkUpload, listReviewFiles, readReviewFile, readUploadForm, storeReviewFile, uploadedFile, type StoredFile } from './review-files';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { documentFileKinds, type DocumentLinkKind } from '../domain/review-documents';

export interface ReviewDocument extends StoredFile {
	uploadedByName: string;
	links: { id: string; kind: DocumentLinkKind; targetId: string }[];
}

/**
 * Checks and stores an upload. Too large, a kind not accepted, or content that is not what
 * the name says: refused with a message, and nothing is stored.
 */
export async function uploadDocument(db: AppDatabase, actor: Actor, reviewId: string, upload: { fileName: string; bytes: Uint8Array }, now = new Date()): Promise<Outcome<{ id: string }>> {
	const checked = await checkUpload(upload.fileName, upload.bytes, documentFileKinds);
	if (!checked.ok) return refused(400, 'file', checked.error);
	const stored = db.transaction((tx) => {
		const row = storeReviewFile(tx, { reviewId, purpose: 'document', checked, bytes: upload.bytes, uploadedBy: actor.userId, now });
		// The file id and hash, not its name: files are often named after people, and the audit trail outlives the material.
		recordAudit(tx, { action: 'document.uploaded', actorUserId: actor.userId, reviewId, detail: { fileId: row.id, byteSize: row.byteSize, sha256: row.sha256 }, ipAddress: actor.ipAddress, at: now });
		return row;
	});
	return { ok: true, value: { id: stored.id } };
}

export function listDocuments(db: AppDatabase, reviewId: string): ReviewDocument[] {
	const files = listReviewFiles(db, reviewId, 'document');
	if (files.length === 0) return [];
	const names = new Map(
		db
			.select({ id: user.id, name: user.name })
			.from(user)
			.where(inArray(user.id, [...new Set(files.map((file) => file.uploadedBy))]))
			.all()
			.map((row) => [row.id, row.name])
	);
	const links = db.select().from(documentLink).where(eq(documentLink.reviewId, reviewId)).orderBy(asc(documentLink.linkedAt)).all();
	return files.map((file) => ({
		...file,
		uploadedByName: names.get(file.uploadedBy) ?? 'Unknown',
		links: links.filter((link) => link.fileId === file.id).map((link) => ({ id: link.id, kind: link.kind as DocumentLinkKind, targetId: link.targetId }))
	}));
}

/** The review's documents linked from one thing (an entry, an IMR, minutes), for showing beside it. */
export function documentsLinkedTo(db: AppDatabase, reviewId: string, kind: DocumentLinkKind, targetIds?: string[]): { targetId: string; fileId: string; fileName: string }[] {
	const documents = listReviewFiles(db, reviewId, 'document');
	const byId = new Map(documents.map((file) => [file.id, file.fileName]));
	return db
		.select({ targetId: documentLink.targetId, fileId: documentLink.fileId })
		.from(documentLink)
		.where(and(eq(documentLink.reviewId, reviewId), eq(documentLink.kind, kind), targetIds ? inArray(documentLink.targetId, targetIds) : undefined))
		.orderBy(asc(documentLink.linkedAt))
		.all()
		.filter((row) => byId.has(row.fileId))
		.map((row) => ({ ...row, fileName: byId.get(row.fileId)! }));
}

/** One document for download, or null; the download is recorded in the audit log. */
export function downloadDocument(db: AppDatabase, actor: Actor, reviewId: string, fileId: string, now = new Date()): ReviewFile | null {
	const file = readReviewFile(db, reviewId, fileId);
	if (!file || file.purpose !== 'document') return null;
	// The file id, not its name: files are often named after people, and the audit trail outlives the material.
	recordAudit(db, { action: 'document.downloaded', actorUserId: actor.userId, reviewId, detail: { fileId }, ipAddress: actor.ipAddress, at: now });
	return file;
}

/**
 * Links a document from an entry, IMR or minutes. `targetExists` is asked by the caller's
 * feature (the chronology knows its entries; IMRs and minutes know theirs).
 */
export function linkDocument(
	db: AppDatabase,
	actor: Actor,
	reviewId: string,
	input: { fileId: string; kind: DocumentLinkKind; targetId: string },
	targetExists: boolean,
	now = new Date()
): Outcome<{ id: string }> {
	const file = readReviewFile(db, reviewId, input.fileId);
	if (!file || file.purpose !== 'document') return refused(404, 'fileId', 'That document is not in this review');
	if (!targetExists) return refused(400, 'targetId', 'Choose what the document is linked from');
	return db.transaction((tx) => {
		const existing = tx
			.select({ id: documentLink.id })
			.from(documentLink)
			.where(and(eq(documentLink.fileId, input.fileId), eq(documentLink.kind, input.kind), eq(documentLink.targetId, input.targetId)))
			.get();
		if (existing) return { ok: true, value: { id: existing.id } } as const;
		const id = randomUUID();
		tx.insert(documentLink).values({ id, reviewId, fileId: input.fileId, kind: input.kind, targetId: input.targetId, linkedBy: actor.userId, linkedAt: now }).run();
		recordAudit(tx, { action: 'document.linked', actorUserId: actor.userId, reviewId, detail: { fileId: input.fileId, kind: input.kind, targetId: input.targetId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { id } } as const;
	});
}

/**
 * Removes a link, asking the same question as making it (`mayUnlink`, e.g. document-targets.ts):
 * an agency's representative cannot take another agency's document off its entry or IMR.
 */
export function unlinkDocument(db: AppDatabase, actor: Actor, reviewId: string, linkId: string, mayUnlink: (kind: DocumentLinkKind, targetId: string) => boolean, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const link = tx.select().from(documentLink).where(and(eq(documentLink.id, linkId), eq(documentLink.reviewId, reviewId))).get();
		if (!link) return refused<null>(404, 'linkId', 'That link does not exist');
		if (!mayUnlink(link.kind as DocumentLinkKind, link.targetId)) return refused<null>(403, 'linkId', 'You can remove only links you could make: your own agency’s entries and IMR.');
		tx.delete(documentLink).where(eq(documentLink.id, link.id)).run();
		recordAudit(tx, { action: 'document.unlinked', actorUserId: actor.userId, reviewId, detail: { linkId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

/** Reads the one file of a multipart upload; a body over the server's limit is refused plainly (review-files.ts). */
export async function readUploadedFile(request: Request): Promise<{ ok: true; fileName: string; bytes: Uint8Array; form: FormData } | { ok: false; status: 400 | 413; error: string }> {
	const read = await readUploadForm(request);
	if (!read.ok) return read;
	const file = await uploadedFile(read.form, 'file');
	if (!file) return { ok: false, status: 400, error: 'Choose a file to upload.' };
	return { ok: true, ...file, form: read.form };
}
