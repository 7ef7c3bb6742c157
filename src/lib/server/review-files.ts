/**
 * Files uploaded to a review: one place that decides what may be stored (size, type, and
 * that the content really is what its name says), stores it, and reads it back. Used by
 * the review's documents, the evidence for an action, and the quality assurance panel's
 * letter, so each of those only says which purposes and types it accepts.
 *
 * The content is recognised from its bytes by `file-type` (a maintained magic-number
 * library) rather than trusted from the browser's Content-Type or the file name: a
 * renamed executable called "letter.pdf" is refused. OWASP ASVS 5.0 V5.2.2.
 */
import { and, desc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { fileTypeFromBuffer } from 'file-type';
import type { AppDatabase, DbExecutor } from './db/client';
import { reviewFile, type ReviewFile } from './db/schema';
import { checkZipSize } from './zip-limits';

export const filePurposes = ['document', 'action_evidence', 'qa_letter'] as const;
export type FilePurpose = (typeof filePurposes)[number];

/** The kinds of file a panel receives, by the extension people know them by. */
export const fileKinds = {
	pdf: { mediaType: 'application/pdf', label: 'PDF' },
	docx: {
		mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		label: 'Word document (.docx)'
	},
	odt: { mediaType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text (.odt)' },
	xlsx: {
		mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		label: 'Excel workbook (.xlsx)'
	},
	png: { mediaType: 'image/png', label: 'PNG image' },
	jpg: { mediaType: 'image/jpeg', label: 'JPEG image' }
} as const;
export type FileKind = keyof typeof fileKinds;

/**
 * 5 MB, for every upload alike (documents, action evidence, the QA letter): it must stay
 * under the server's request body limit (`BODY_SIZE_LIMIT` in server/index.ts, 6M by
 * default, with room for the form's other fields), or a file between the two is cut off by
 * the adapter with a bare 413 instead of this check's plain sentence. Raise both together.
 * A scanned letter of many pages fits; a video does not belong here.
 */
export const maxFileBytes = 5 * 1024 * 1024;

/** "The file is larger than 5 MB.": said the same whether this check or the body limit stops it. */
export const fileTooLargeMessage = `The file is larger than ${Math.round(maxFileBytes / (1024 * 1024))} MB.`;

const zipBased: ReadonlySet<FileKind> = new Set(['docx', 'odt', 'xlsx']);

export type UploadCheck =
	| { ok: true; kind: FileKind; mediaType: string; fileName: string }
	| { ok: false; error: string };

/**
 * A documented extension point: a deployment that runs a virus scanner (e.g. ClamAV's
 * clamd) sets one with `setVirusScan` at start-up; every upload passes through it before
 * it is stored. The default accepts everything, since this machine has no scanner.
 */
export type VirusScan = (bytes: Uint8Array) => Promise<'clean' | 'infected'>;
let virusScan: VirusScan = async () => 'clean';
export function setVirusScan(scan: VirusScan): void {
	virusScan = scan;
}

/** Keeps a file name to something safe to show and to put in a download header. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const cleaned = base
		.normalize('NFC')
		.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '')
		.trim()
		.slice(0, 120);
	return cleaned || 'file';
}

function extensionOf(name: string): string {
	const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
	const ext = match ? match[1].toLowerCase() : '';
	return ext === 'jpeg' ? 'jpg' : ext;
}

function kindList(kinds: readonly FileKind[]): string {
	return kinds.map((kind) => fileKinds[kind].label).join(', ');
}

/** Whether `bytes` may be stored as `fileName`, given the kinds this place accepts. */
export async function checkUpload(
	fileName: string,
	bytes: Uint8Array,
	allowed: readonly FileKind[],
	maxBytes = maxFileBytes
): Promise<UploadCheck> {
	const name = cleanFileName(fileName);
	if (bytes.length === 0) return { ok: false, error: 'The file is empty.' };
	if (bytes.length > maxBytes) {
		return { ok: false, error: maxBytes === maxFileBytes ? fileTooLargeMessage : `The file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.` };
	}
	const ext = extensionOf(name) as FileKind;
	if (!allowed.includes(ext)) {
		return { ok: false, error: `The file must be one of: ${kindList(allowed)}.` };
	}
	if (zipBased.has(ext) && !checkZipSize(bytes).ok) {
		return { ok: false, error: 'The file could not be read, or unpacks to more than the limit.' };
	}
	const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
	const detectedExt = detected?.ext === 'jpeg' ? 'jpg' : detected?.ext;
	if (detectedExt !== ext) {
		return {
			ok: false,
			error: `The file's content is not a ${fileKinds[ext].label}, although its name says it is.`
		};
	}
	if ((await virusScan(bytes)) !== 'clean') {
		return { ok: false, error: 'The file was refused by the virus scan.' };
	}
	return { ok: true, kind: ext, mediaType: fileKinds[ext].mediaType, fileName: name };
}

/**
 * Reads a multipart form that carries an upload. A body over `BODY_SIZE_LIMIT` is refused by
 * adapter-node while it is read (a SvelteKitError with status 413): that is answered with
 * the same plain sentence as `checkUpload`'s, never a bare 413 page.
 */
export async function readUploadForm(request: Request): Promise<{ ok: true; form: FormData } | { ok: false; status: 400 | 413; error: string }> {
	try {
		return { ok: true, form: await request.formData() };
	} catch (caught) {
		if ((caught as { status?: unknown })?.status === 413) return { ok: false, status: 413, error: fileTooLargeMessage };
		return { ok: false, status: 400, error: 'The upload could not be read. Choose the file and try again.' };
	}
}

/** The form's file in `field`, with its bytes, or null when none was chosen. */
export async function uploadedFile(form: FormData, field: string): Promise<{ fileName: string; bytes: Uint8Array } | null> {
	const file = form.get(field);
	if (!(file instanceof File) || file.size === 0) return null;
	return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export type StoredFile = Omit<ReviewFile, 'content'>;

export function fileSha256(bytes: Uint8Array): string {
	return encodeHexLowerCase(sha256(bytes));
}

/** Stores a file that passed `checkUpload`; call inside the transaction that links it. */
export function storeReviewFile(
	db: DbExecutor,
	input: {
		reviewId: string;
		purpose: FilePurpose;
		checked: Extract<UploadCheck, { ok: true }>;
		bytes: Uint8Array;
		uploadedBy: string;
		now: Date;
	}
): StoredFile {
	const row = {
		id: randomUUID(),
		reviewId: input.reviewId,
		purpose: input.purpose,
		fileName: input.checked.fileName,
		mediaType: input.checked.mediaType,
		byteSize: input.bytes.length,
		sha256: fileSha256(input.bytes),
		uploadedBy: input.uploadedBy,
		uploadedAt: input.now
	};
	db.insert(reviewFile)
		.values({ ...row, content: Buffer.from(input.bytes) })
		.run();
	return row;
}

/** A review's files of one purpose, newest first, without their content. */
export function listReviewFiles(db: AppDatabase, reviewId: string, purpose: FilePurpose): StoredFile[] {
	return db
		.select({
			id: reviewFile.id,
			reviewId: reviewFile.reviewId,
			purpose: reviewFile.purpose,
			fileName: reviewFile.fileName,
			mediaType: reviewFile.mediaType,
			byteSize: reviewFile.byteSize,
			sha256: reviewFile.sha256,
			uploadedBy: reviewFile.uploadedBy,
			uploadedAt: reviewFile.uploadedAt
		})
		.from(reviewFile)
		.where(and(eq(reviewFile.reviewId, reviewId), eq(reviewFile.purpose, purpose)))
		.orderBy(desc(reviewFile.uploadedAt))
		.all();
}

/** One file of this review (never another review's, whatever id is asked for). */
export function readReviewFile(db: DbExecutor, reviewId: string, fileId: string): ReviewFile | undefined {
	return db
		.select()
		.from(reviewFile)
		.where(and(eq(reviewFile.id, fileId), eq(reviewFile.reviewId, reviewId)))
		.get();
}

/**
 * Headers for sending a stored file: always as an attachment (never rendered inline in
 * our origin), with its recognised type, and never cached by a shared cache.
 */
export function downloadHeaders(file: StoredFile): Record<string, string> {
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
	return {
		'content-type': file.mediaType,
		'content-length': String(file.byteSize),
		'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
		'x-content-type-options': 'nosniff',
		'cache-control': 'private, no-store'
	};
}
