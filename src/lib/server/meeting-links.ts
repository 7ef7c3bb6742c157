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
import { currentKeyLines } from './terms';
import { listImrs } from './imrs';
import { citationLabel } from '../domain/chronology';
import { imrAccess, imrStatusLabels } from '../domain/imrs';
import type { Membership } from '../domain/permissions';
import type { AgendaLinkKind } from '../domain/meetings';

export interface LinkTarget {
	label: string;
	href: string;
	/** The words shown as the paper under the item (an entry's summary; empty for a section). */
	text: string;
	/**
	 * False when the thing exists but may not be newly linked by the viewer (an IMR still
	 * being written, for anyone but the chair): an existing link to it is not shown as removed.
	 */
	linkable?: boolean;
}

export interface ReviewContext {
	review: { id: string; victimDateOfBirth: string | null };
	agencies: { id: string; name: string }[];
	/**
	 * Who the links are resolved for. An IMR's address and standing are given only to
	 * someone who may read that IMR (domain/imrs.ts); its words never appear on an agenda.
	 */
	viewer?: Membership | null;
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
	},
	// A line removed from the terms since is not here, so its link shows as removed.
	key_line: (db, { review }) =>
		new Map(currentKeyLines(db, review.id).map((line, index) => [line.id, { label: `Key line of enquiry ${index + 1}`, href: `/reviews/${review.id}/terms#line-${line.id}`, text: line.text }])),
	/**
	 * Every IMR asked for. The panel's papers are IMRs it has received (submitted or
	 * accepted); the chair may put any requested IMR on the agenda (to discuss its lateness,
	 * say). Whoever views the agenda sees an IMR's words and address only if they may read
	 * it now; otherwise the agency's name and where the IMR stands.
	 */
	imr: (db, { review, agencies, viewer }) => {
		const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
		const targets = new Map<string, LinkTarget>();
		for (const listing of listImrs(db, review.id)) {
			if (listing.status === 'not_requested') continue;
			const readable = imrAccess(viewer ?? null, listing.agencyId, listing.status) !== 'none';
			const received = listing.status === 'submitted' || listing.status === 'accepted';
			targets.set(listing.agencyId, {
				label: `IMR of ${names.get(listing.agencyId) ?? 'an agency'}`,
				href: readable ? `/reviews/${review.id}/imrs/${listing.agencyId}` : '',
				// Where it stands, never its words: reading an IMR is audited on its own page, so the
				// agenda only points there.
				text: readable ? `${imrStatusLabels[listing.status]}.` : 'Not yet submitted to the panel.',
				linkable: received || viewer?.role === 'chair'
			});
		}
		return targets;
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
