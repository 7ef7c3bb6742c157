/**
 * The one place the publication pack meets anonymisation (issue 16, built in parallel).
 * Until that issue lands there is no pseudonym register, so the publication edition is
 * refused and the readiness check for identifier findings says it cannot tell yet.
 *
 * To wire it at merge, replace the body of `publicationAnonymiser` with:
 *
 *   const register = loadRegister(db, reviewId);            // server/anonymisation.ts
 *   return { available: true, apply: (text) => applyPseudonyms(text, register),  // domain/anonymisation.ts
 *            openFindings: openReportFindings(db, reviewId).length };
 *
 * (`openFindings` is a count; adjust if `openReportFindings` already returns one.)
 * Nothing else in the publication pack changes: the Word builder takes `apply` as its
 * text transform, and the export and readiness checks read `openFindings`.
 */
import type { AppDatabase } from './db/client';

export type PublicationAnonymiser = { available: false } | { available: true; apply(text: string): string; openFindings: number };

export const registerUnavailableMessage = 'The publication edition needs the pseudonym register, which is not available yet.';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function publicationAnonymiser(db: AppDatabase, reviewId: string): PublicationAnonymiser {
	return { available: false };
}
