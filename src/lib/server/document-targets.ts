/**
 * Who may link a review document from what (issue 20's documents, joined to IMRs and
 * minutes): the target must be this review's, and the person must be one who may write it.
 * A chronology entry: its agency's representative (or any other uploader); an IMR: the
 * agency's people while they may write it, or the chair; minutes: members who may write the
 * meeting's minutes, or the chair. Anything else, another review's included, is refused.
 */
import type { AppDatabase } from './db/client';
import { entryAgency } from './chronology-entries';
import { imrStatusOf, listImrs } from './imrs';
import { findMeetingFor } from './meetings';
import { imrAccess } from '../domain/imrs';
import type { Membership } from '../domain/permissions';
import type { DocumentLinkKind } from '../domain/review-documents';

export function mayLinkDocumentFrom(db: AppDatabase, reviewId: string, who: { userId: string; membership: Membership }, kind: DocumentLinkKind, targetId: string): boolean {
	const { membership } = who;
	switch (kind) {
		case 'chronology_entry': {
			const agencyId = entryAgency(db, reviewId, targetId);
			return agencyId !== null && (membership.role !== 'agency_rep' || membership.agencyId === agencyId);
		}
		case 'imr': {
			// Only an agency of this review with an IMR asked of it; `not_requested` is no IMR.
			if (!listImrs(db, reviewId).some((listing) => listing.agencyId === targetId)) return false;
			const status = imrStatusOf(db, reviewId, targetId);
			if (status === 'not_requested') return false;
			return membership.role === 'chair' || imrAccess(membership, targetId, status) === 'write';
		}
		case 'minutes': {
			const found = findMeetingFor(db, reviewId, targetId, who.userId);
			return found !== null && (found.membership.role === 'chair' || found.access === 'run' || found.access === 'write');
		}
	}
}
