/**
 * Word to PDF by LibreOffice headless (issue 17): the same DOCX the Word export gives,
 * converted to a tagged PDF (headings, table headers and the document's language for
 * screen readers). LibreOffice does not like two conversions sharing a profile, and a
 * conversion is heavy, so they run one at a time through a queue, with a profile of
 * their own and a timeout. Where `soffice` is missing the caller is told what to install.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

export const pdfUnavailableMessage =
	'PDF export needs LibreOffice, which is not installed on this server. Ask whoever runs it to install the Debian packages libreoffice-writer-nogui, poppler-utils and fonts-liberation. The Word export works meanwhile.';

export class PdfConversionError extends Error {
	constructor(
		message: string,
		/** 503 when LibreOffice is missing, 504 on timeout, 500 otherwise. */
		readonly status: number
	) {
		super(message);
	}
}

/** LibreOffice 7.4 takes export filter options as JSON (the first version to): a tagged PDF. */
const pdfFilter = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}';

/** SOFFICE_PATH, or `soffice` on the PATH; null when there is none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
	if (env.SOFFICE_PATH) return existsSync(env.SOFFICE_PATH) ? env.SOFFICE_PATH : null;
	for (const dir of (env.PATH ?? '').split(delimiter)) {
		if (dir && existsSync(join(dir, 'soffice'))) return join(dir, 'soffice');
	}
	return null;
}

export function pdfExportAvailable(): boolean {
	return findSoffice() !== null;
}

function conversionTimeoutMs(): number {
	const raw = Number(process.env.PDF_TIMEOUT_SECONDS ?? '');
	return (Number.isFinite(raw) && raw > 0 ? raw : 120) * 1000;
}

let queue: Promise<unknown> = Promise.resolve();
let profileDir: string | null = null;
let waiting = 0;

/** How many conversions are waiting or running (for the benchmark and tests). */
export function conversionsQueued(): number {
	return waiting;
}

async function runSoffice(soffice: string, docx: Buffer, timeoutMs: number): Promise<Buffer> {
	// One profile for this process's conversions (they never overlap), kept between them so
	// LibreOffice does not rebuild it each time; never the user's own profile.
	profileDir ??= await mkdtemp(join(tmpdir(), 'dhr-soffice-profile-'));
	const work = await mkdtemp(join(tmpdir(), 'dhr-pdf-'));
	try {
		const input = join(work, 'report.docx');
		await writeFile(input, docx);
		await new Promise<void>((resolve, reject) => {
			const child = spawn(soffice, [`-env:UserInstallation=${pathToFileURL(profileDir!).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', pdfFilter, '--outdir', work, input], {
				stdio: 'ignore',
				detached: true
			});
			const timer = setTimeout(() => {
				// The whole process group: soffice starts soffice.bin, which would outlive its parent.
				try {
					if (child.pid) process.kill(-child.pid, 'SIGKILL');
				} catch {
					// Already gone.
				}
				reject(new PdfConversionError('Making the PDF took too long and was stopped. Try again, or download the Word file.', 504));
			}, timeoutMs);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(new PdfConversionError((error as NodeJS.ErrnoException).code === 'ENOENT' ? pdfUnavailableMessage : 'LibreOffice could not be started to make the PDF.', (error as NodeJS.ErrnoException).code === 'ENOENT' ? 503 : 500));
			});
			child.on('exit', (code) => {
				clearTimeout(timer);
				if (code === 0) resolve();
				else reject(new PdfConversionError('LibreOffice could not make the PDF. Download the Word file instead.', 500));
			});
		});
		try {
			return await readFile(join(work, 'report.pdf'));
		} catch {
			throw new PdfConversionError('LibreOffice could not make the PDF. Download the Word file instead.', 500);
		}
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

/** Converts a Word file to a tagged PDF, after any conversion already under way. */
export function convertDocxToPdf(docx: Buffer, options: { timeoutMs?: number } = {}): Promise<Buffer> {
	const soffice = findSoffice();
	if (!soffice) return Promise.reject(new PdfConversionError(pdfUnavailableMessage, 503));
	waiting++;
	const run = queue.then(() => runSoffice(soffice, docx, options.timeoutMs ?? conversionTimeoutMs()));
	queue = run.catch(() => undefined);
	return run.finally(() => {
		waiting--;
	});
}
