/**
 * A guard against zip bombs in uploaded workbooks (issue 13: a 2 MB .xlsx took the
 * server from 1.2 GB to 2.2 GB). An .xlsx is a zip; before any parser unpacks it we
 * (1) add up the uncompressed sizes its central directory declares, and (2) unpack
 * it as a stream, counting the bytes that actually come out, and stop at the limit,
 * so an archive whose directory lies about its sizes cannot get past either.
 * OWASP ASVS 5.0 V5.2.3 (compressed files checked against a maximum uncompressed size and number of files).
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';

/** A workbook holds a few dozen parts; thousands of entries are an attack on the unpacker. */
export const maxZipEntries = 1_000;

/** Far more than a 5,000-row chronology needs (a few MB of XML), far less than the server's memory. */
export const maxUnpackedBytes = 50 * 1024 * 1024;

// Compressed bytes fed to the inflater at a time. Deflate expands at most about 1,032
// times, so no single step holds more than about 4 MB of output.
const feedBytes = 4 * 1024;

export type ZipCheck = { ok: true; unpackedBytes: number } | { ok: false; reason: 'too-large' | 'unreadable' };

/** The entries and uncompressed total the central directory declares, without unpacking anything. */
function declared(bytes: Uint8Array): { entries: number; total: number } {
	let entries = 0;
	let total = 0;
	unzipSync(bytes, {
		filter: (file) => {
			entries += 1;
			total += file.originalSize;
			return false;
		}
	});
	return { entries, total };
}

/** Unpacks every entry as a stream, counting real output; stops once `limit` is passed. */
function unpackedSize(bytes: Uint8Array, limit: number): { total: number; failed: boolean } {
	let total = 0;
	let failed = false;
	const open: { terminate: () => void }[] = [];
	const unzipper = new Unzip((file) => {
		open.push(file);
		file.ondata = (error, chunk) => {
			if (error) failed = true;
			else total += chunk.length;
		};
		file.start();
	});
	unzipper.register(UnzipInflate);
	for (let offset = 0; offset < bytes.length && total <= limit && !failed; offset += feedBytes) {
		const end = Math.min(offset + feedBytes, bytes.length);
		unzipper.push(bytes.subarray(offset, end), end === bytes.length);
	}
	for (const file of open) file.terminate();
	return { total, failed };
}

/** Whether a zip archive unpacks to no more than `limit` bytes, judged before any parser sees it. */
export function checkZipSize(bytes: Uint8Array, limit = maxUnpackedBytes): ZipCheck {
	try {
		const directory = declared(bytes);
		if (directory.total > limit || directory.entries > maxZipEntries) return { ok: false, reason: 'too-large' };
		const { total, failed } = unpackedSize(bytes, limit);
		if (total > limit) return { ok: false, reason: 'too-large' };
		if (failed) return { ok: false, reason: 'unreadable' };
		return { ok: true, unpackedBytes: total };
	} catch {
		return { ok: false, reason: 'unreadable' };
	}
}
