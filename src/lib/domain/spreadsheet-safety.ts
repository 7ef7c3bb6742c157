/**
 * Spreadsheet formula injection (CSV injection): a cell beginning with `=`, `+`, `-`
 * or `@` (or a tab or carriage return, which some programs skip before reading one)
 * is run as a formula when the file is opened, e.g. `=HYPERLINK(...)` leaking data.
 * A leading apostrophe makes every common spreadsheet show it as text.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function looksLikeFormula(value: string): boolean {
	return formulaStart.test(value);
}

/** For cells we write: the text unchanged, but never runnable as a formula. */
export function neutraliseFormula(value: string): string {
	return looksLikeFormula(value) ? `'${value}` : value;
}

// On import a leading "-" is kept: agencies start notes with dashes as bullets, and
// every export neutralises it anyway.
const importedFormulaStart = /^[=+@\t\r]+/;

/**
 * For cells read from an imported file: the text without the characters that would
 * make it a formula, so "=HYPERLINK(...)" is kept as plain words. Null when there was
 * nothing to remove.
 */
export function stripFormula(value: string): string | null {
	return importedFormulaStart.test(value) ? value.replace(importedFormulaStart, '') : null;
}
