/**
 * The integrated chronology in the browser: one live document per agency plus the
 * panel's analysis, merged into one ordered list as runes. Each agency's entries are
 * re-read only when that agency's document changes, so an edit in one chronology of
 * thousands of entries costs one re-read and one merge.
 */
import { LiveDocument, type PresentPerson } from './live-document.svelte';
import { addEntry, readAnalysis, readEntries, removeEntry, updateEntry, writeAnalysis } from './chronology-doc';
import { mergeChronologies, type AgencyRef, type ChronologyEntry, type EntryAnalysis, type EntryFields, type IntegratedEntry } from '../domain/chronology';
import { documentName } from '../domain/permissions';
import type { PresenceIdentity } from '../domain/presence';

export interface EditingPerson {
	name: string;
	color: string;
	/** What they are doing with the entry. */
	what: 'entry' | 'analysis';
}

export class ChronologyWorkspace {
	readonly agencyDocs: Map<string, LiveDocument>;
	readonly analysisDoc: LiveDocument;
	readonly #cache = new Map<string, { version: number; entries: ChronologyEntry[] }>();

	constructor(
		readonly reviewId: string,
		readonly agencies: AgencyRef[],
		readonly victimDateOfBirth: string | null,
		self: PresenceIdentity
	) {
		this.agencyDocs = new Map(agencies.map((agency) => [agency.id, new LiveDocument(documentName({ kind: 'chronology', reviewId, agencyId: agency.id }), self)]));
		this.analysisDoc = new LiveDocument(documentName({ kind: 'analysis', reviewId }), self);
	}

	get all(): LiveDocument[] {
		return [...this.agencyDocs.values(), this.analysisDoc];
	}

	get synced(): boolean {
		return this.all.every((live) => live.synced);
	}

	/** One plain sentence about the connection, for a status line. */
	get connection(): 'saved' | 'connecting' | 'offline' {
		if (this.all.some((live) => live.status === 'disconnected')) return 'offline';
		if (this.all.some((live) => live.status === 'connecting' || !live.synced)) return 'connecting';
		return 'saved';
	}

	get problem(): string | null {
		return this.all.map((live) => live.problem).find((problem) => problem !== null) ?? null;
	}

	#entriesOf(agencyId: string, live: LiveDocument): ChronologyEntry[] {
		const version = live.version;
		const cached = this.#cache.get(agencyId);
		if (cached && cached.version === version) return cached.entries;
		const entries = readEntries(live.doc);
		this.#cache.set(agencyId, { version, entries });
		return entries;
	}

	readonly merged: IntegratedEntry[] = $derived.by(() =>
		mergeChronologies(
			this.agencies.map((agency) => ({ agency, entries: this.#entriesOf(agency.id, this.agencyDocs.get(agency.id)!) })),
			this.victimDateOfBirth
		)
	);

	readonly analysis: Map<string, EntryAnalysis> = $derived.by(() => {
		void this.analysisDoc.version;
		return readAnalysis(this.analysisDoc.doc);
	});

	/** Everyone with any part of the chronology open, once each. */
	get present(): PresentPerson[] {
		return this.all.flatMap((live) => live.present);
	}

	/** Who (other than me) is editing each entry or its analysis. */
	readonly editors: Map<string, EditingPerson[]> = $derived.by(() => {
		const result = new Map<string, EditingPerson[]>();
		const add = (people: PresentPerson[], what: EditingPerson['what']) => {
			for (const person of people) {
				if (person.isMe || !person.editing) continue;
				const list = result.get(person.editing) ?? [];
				list.push({ name: person.name, color: person.color, what });
				result.set(person.editing, list);
			}
		};
		for (const live of this.agencyDocs.values()) add(live.present, 'entry');
		add(this.analysisDoc.present, 'analysis');
		return result;
	});

	add(agencyId: string, id: string, fields: EntryFields, userId: string): void {
		addEntry(this.#doc(agencyId), id, fields, userId, new Date());
	}

	update(agencyId: string, id: string, fields: EntryFields): void {
		updateEntry(this.#doc(agencyId), id, fields, new Date());
	}

	remove(agencyId: string, id: string): void {
		removeEntry(this.#doc(agencyId), id);
	}

	setAnalysis(entryId: string, analysis: EntryAnalysis): void {
		writeAnalysis(this.analysisDoc.doc, entryId, analysis);
	}

	/** Tells the others which entry (or its analysis) I have open; null when none. */
	setEditing(agencyId: string | null, entryId: string | null, what: EditingPerson['what'] = 'entry'): void {
		for (const [id, live] of this.agencyDocs) live.setEditing(what === 'entry' && id === agencyId ? entryId : null);
		this.analysisDoc.setEditing(what === 'analysis' ? entryId : null);
	}

	#doc(agencyId: string) {
		const live = this.agencyDocs.get(agencyId);
		if (!live) throw new Error('Unknown agency');
		return live.doc;
	}

	destroy(): void {
		for (const live of this.all) live.destroy();
	}
}
