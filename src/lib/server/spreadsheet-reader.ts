/**
 * Reads an uploaded chronology (CSV or XLSX) into a header row and rows of text,
 * with maintained parsers (csv-parse, read-excel-file), refusing what is not a
 * spreadsheet with a plain message. Excel dates become UK day-first text.
 */
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { format } from 'date-fns';
import { maxImportRows } from '../domain/chronology-import';
import { checkZipSize, maxUnpackedBytes } from './zip-limits';

export const maxUploadBytes = 5 * 1024 * 1024;

export type ReadSpreadsheet =
	| { ok: true; headers: string[]; rows: string[][]; notes: string[] }
	| { ok: false; message: string };

const zipMagic = [0x50, 0x4b, 0x03, 0x04];

function isZip(bytes: Uint8Array): boolean {
	return zipMagic.every((byte, index) => bytes[index] === byte);
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		const hasTime = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0;
		// read-excel-file gives Excel's calendar dates as UTC midnight.
		const local = new Date(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate(), value.getUTCHours(), value.getUTCMinutes());
		return format(local, hasTime ? 'dd/MM/yyyy HH:mm' : 'dd/MM/yyyy');
	}
	return String(value);
}

function decodeText(bytes: Uint8Array, notes: string[]): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		// Excel on Windows saves "CSV" in Windows-1252 unless told otherwise.
		notes.push('The file is not in UTF-8, so it was read as Windows Western European text. Check names with accents in the preview.');
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

async function readXlsx(bytes: Uint8Array): Promise<string[][] | string> {
	// Before the parser unpacks anything: a small file can hide gigabytes (a zip bomb).
	const size = checkZipSize(bytes);
	if (!size.ok && size.reason === 'too-large') {
		return `The Excel file unpacks to more than ${maxUnpackedBytes / 1024 / 1024} MB, far more than a chronology needs. Save it as CSV, or split it into smaller files, and try again.`;
	}
	if (!size.ok) return 'The Excel file could not be read. Save it again as .xlsx (Excel Workbook) or as CSV and try again.';
	try {
		const data = await readSheet(Buffer.from(bytes));
		return data.map((row) => row.map(cellText));
	} catch {
		return 'The Excel file could not be read. Save it again as .xlsx (Excel Workbook) or as CSV and try again.';
	}
}

/** The header row's separator: commas, or the semicolons and tabs some European and older exports use. */
function delimiterOf(text: string): string {
	const header = text.slice(0, text.search(/\r?\n|$/));
	const counts = [',', ';', '\t'].map((candidate) => ({ candidate, count: header.split(candidate).length - 1 }));
	return counts.sort((a, b) => b.count - a.count)[0].count > 0 ? counts[0].candidate : ',';
}

function readCsv(bytes: Uint8Array, notes: string[]): string[][] | string {
	const text = decodeText(bytes, notes);
	if (text === null) return 'The file could not be read as text.';
	if (text.includes('\u0000')) return 'This does not look like a CSV file: it contains binary data. Upload a .csv or .xlsx file.';
	try {
		return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, delimiter: delimiterOf(text) }) as string[][];
	} catch (error) {
		const where = error && typeof error === 'object' && 'lines' in error ? ` near line ${String((error as { lines: number }).lines)}` : '';
		return `The CSV file is broken${where}: a quotation mark may be missing. Open it in a spreadsheet, save it as CSV again and retry.`;
	}
}

export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<ReadSpreadsheet> {
	if (bytes.byteLength === 0) return { ok: false, message: 'The file is empty' };
	if (bytes.byteLength > maxUploadBytes) return { ok: false, message: `The file is larger than ${maxUploadBytes / 1024 / 1024} MB. Split it into smaller files.` };
	const lower = fileName.toLowerCase();
	const notes: string[] = [];
	let table: string[][] | string;
	if (lower.endsWith('.xlsx')) {
		if (!isZip(bytes)) return { ok: false, message: 'The file is named .xlsx but is not an Excel workbook. Save it as .xlsx or CSV and try again.' };
		table = await readXlsx(bytes);
	} else if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
		if (isZip(bytes)) return { ok: false, message: 'The file is named .csv but is a compressed file, perhaps an Excel workbook. Name it .xlsx or save it as CSV.' };
		table = readCsv(bytes, notes);
	} else if (lower.endsWith('.xls')) {
		return { ok: false, message: 'Old Excel files (.xls) cannot be read. Save it as .xlsx (Excel Workbook) or CSV and try again.' };
	} else {
		return { ok: false, message: 'Upload the chronology as a CSV file (.csv) or an Excel workbook (.xlsx)' };
	}
	if (typeof table === 'string') return { ok: false, message: table };
	const [headers, ...rows] = table.filter((row) => row.some((cell) => cell.trim() !== ''));
	if (!headers) return { ok: false, message: 'The file has no rows' };
	if (rows.length === 0) return { ok: false, message: 'The file has a header row but no entries under it' };
	if (rows.length > maxImportRows) return { ok: false, message: `The file has ${rows.length} rows; import at most ${maxImportRows} at a time` };
	return { ok: true, headers: headers.map((header) => header.trim()), rows, notes };
}
