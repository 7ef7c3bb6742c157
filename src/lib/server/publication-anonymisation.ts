/**
 * The one place the publication pack meets anonymisation (issue 16): the publication
 * edition's words pass through the review's pseudonym register, and an export of a named
 * version is refused while a possible identifier is open in it (the live report's count
 * is the readiness check's, from `openReportFindings`).
 */
import type { AppDatabase } from './db/client';
import { applyPseudonyms, createScanner } from '../domain/anonymisation';
import { loadRegister, openReportFindings, openVersionFindings } from './anonymisation';

/** The publication edition's text transform; the scanner is compiled once per export, since the Word builder calls it on every run of text. */
export function publicationPseudonyms(db: AppDatabase, reviewId: string): (text: string) => string {
	const register = loadRegister(db, reviewId);
	const scanner = createScanner(register);
	return (text) => applyPseudonyms(text, register, scanner);
}

/** Open findings in the named version being exported (or the live report when none is named). */
export function openFindingsInExportedVersion(db: AppDatabase, reviewId: string, versionId: string | null): number {
	return versionId ? (openVersionFindings(db, reviewId, versionId)?.length ?? 0) : openReportFindings(db, reviewId).length;
}
