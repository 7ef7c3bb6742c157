/**
 * The one place the publication pack meets anonymisation (issue 16): the publication
 * edition's words pass through the review's pseudonym register, and the count of open
 * identifier findings feeds the readiness check and the export's refusal.
 */
import type { AppDatabase } from './db/client';
import { applyPseudonyms, createScanner } from '../domain/anonymisation';
import { loadRegister, openReportFindings, openVersionFindings } from './anonymisation';

export interface PublicationAnonymiser {
	apply(text: string): string;
	openFindings: number;
}

export function publicationAnonymiser(db: AppDatabase, reviewId: string): PublicationAnonymiser {
	const register = loadRegister(db, reviewId);
	// Compiled once per export: the Word builder calls `apply` on every run of text.
	const scanner = createScanner(register);
	return {
		apply: (text) => applyPseudonyms(text, register, scanner),
		openFindings: openReportFindings(db, reviewId).length
	};
}

/** Open findings in the named version being exported (the live report's are the readiness check's). */
export function openFindingsInExportedVersion(db: AppDatabase, reviewId: string, versionId: string | null): number {
	return versionId ? (openVersionFindings(db, reviewId, versionId)?.length ?? 0) : openReportFindings(db, reviewId).length;
}
