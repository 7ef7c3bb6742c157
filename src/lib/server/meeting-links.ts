/**
 * What a meeting's agenda items can point at, resolved against the review as it is now:
 * one resolver per link kind. Adding a kind (key lines of enquiry and IMRs, with issue 20)
 * is one entry in `agendaLinkKinds` (domain/meetings.ts) and one resolver here; nothing
 * else changes, since a link is stored as its kind and the id of its target.
 */
import type { AppDatabase } from './db/client';
import { loadIntegratedChronology } from './chronology';
import { readReportDocument, reportSections } from './report';
import { readRecommendations } from '../collab/recommendations-doc';
import { citationLabel } from '../domain/chronology';
import type { AgendaLinkKind } from '../domain/meetings';

export interface LinkTarget {
	label: string;
	href: string;
	/** The words shown as the paper under the item (an entry's summary; empty for a section). */
	text: string;
}

export interface ReviewContext {
	review: { id: string; victimDateOfBirth: string | null };
	agencies: { id: string; name: string }[];
}

type Resolver = (db: AppDatabase, context: ReviewContext) => Map<string, LinkTarget>;

const resolvers: Record<AgendaLinkKind, Resolver> = {
	entry: (db, { review, agencies }) =>
		new Map(
			loadIntegratedChronology(db, review, agencies).map((entry) => [
				entry.id,
				{ label: `${citationLabel(entry)}, ${entry.agencyName}`, href: `/reviews/${review.id}/chronology?entry=${entry.id}`, text: entry.summary }
			])
		),
	episode: (db, { review, agencies }) =>
		new Map(
			loadIntegratedChronology(db, review, agencies)
				.filter((entry) => entry.keyEpisode)
				.map((entry) => [entry.id, { label: `${citationLabel(entry)}, ${entry.agencyName}`, href: `/reviews/${review.id}/chronology?entry=${entry.id}`, text: entry.summary }])
		),
	section: (db, { review }) => new Map(reportSections(db, review.id).map((section) => [section.key, { label: section.title, href: `/reviews/${review.id}/report#section-${section.key}`, text: '' }])),
	recommendation: (db, { review }) => {
		const doc = readReportDocument(db, review.id);
		try {
			return new Map(readRecommendations(doc).map((r, index) => [r.id, { label: `Recommendation ${index + 1}`, href: `/reviews/${review.id}/report#recommendations`, text: r.text }]));
		} finally {
			doc.destroy();
		}
	}
};

/**
 * The review's linkable things of the kinds asked for, read once per page. An id not in
 * the answer (another review's entry, or one removed since) is not linkable.
 */
export function linkTargets(db: AppDatabase, context: ReviewContext, kinds: readonly AgendaLinkKind[]): Map<string, Map<string, LinkTarget>> {
	const byKind = new Map<string, Map<string, LinkTarget>>();
	for (const kind of kinds) byKind.set(kind, resolvers[kind](db, context));
	return byKind;
}
