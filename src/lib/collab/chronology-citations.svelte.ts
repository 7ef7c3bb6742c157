/**
 * The integrated chronology as the report and the IMRs cite it: the entries to search when
 * citing, and a lookup that labels each citation ("12 March 2019, Northmoor Police") and
 * re-labels every citation on the page as entries arrive or change. Construct it while a
 * component initialises (it registers an effect); give it its workspace once opened.
 */
import { citationLabel } from '../domain/chronology';
import { refreshCitations, type CitationLookup } from '../editor/chronology-citation';
import type { ChronologyWorkspace } from './chronology-workspace.svelte';

export class ChronologyCitations {
	workspace = $state<ChronologyWorkspace | null>(null);
	readonly entries = $derived(this.workspace?.merged ?? []);
	readonly #byId = $derived(new Map(this.entries.map((entry) => [entry.id, entry])));
	readonly lookup: CitationLookup;

	constructor(reviewId: () => string) {
		this.lookup = {
			label: (entryId) => {
				const entry = this.#byId.get(entryId);
				// Until the chronology has loaded, nothing is known to be missing.
				if (!entry) return this.workspace?.synced ? null : '…';
				return citationLabel(entry);
			},
			href: (entryId) => `/reviews/${reviewId()}/chronology?entry=${encodeURIComponent(entryId)}`
		};
		$effect(() => {
			void this.#byId;
			void this.workspace?.synced;
			refreshCitations();
		});
	}
}
