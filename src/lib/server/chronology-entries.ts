/** Which agency's chronology holds an entry, for checks that name one entry (links to documents). */
import type { AppDatabase } from './db/client';
import { getReviewOverview } from './reviews';
import { loadIntegratedChronology } from './chronology';

export function entryAgency(db: AppDatabase, reviewId: string, entryId: string): string | null {
	const overview = getReviewOverview(db, reviewId);
	if (!overview) return null;
	return loadIntegratedChronology(db, overview.review, overview.agencies).find((entry) => entry.id === entryId)?.agencyId ?? null;
}
