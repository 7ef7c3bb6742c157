/**
 * The report as passages (issue 6): each top-level block of a section (a paragraph,
 * a list, a table, a quotation) is one passage. Agencies sign off the passages that
 * concern them (those citing their chronology entries or naming them), and see what
 * changed since they signed passage by passage, with the changed words marked.
 *
 * Works on ProseMirror JSON (what the editor stores), so it needs no Yjs and no DOM.
 */
import { diffArrays, diffWords } from 'diff';

export interface RichNode {
	type?: string;
	text?: string;
	attrs?: Record<string, unknown>;
	marks?: { type: string; attrs?: Record<string, unknown> }[];
	content?: RichNode[];
}

export interface Passage {
	sectionKey: string;
	sectionTitle: string;
	/** Position within the section, from 0. */
	index: number;
	/** The passage's words as a reader sees them (citations by their label). */
	text: string;
	/** Chronology entries the passage cites. */
	entryIds: string[];
	/** Agencies whose IMR the passage cites (issue 20). */
	imrAgencyIds: string[];
	node: RichNode;
}

export interface SectionContent {
	key: string;
	title: string;
	blocks: RichNode[];
}

function collect(node: RichNode, words: string[], entryIds: string[], imrAgencyIds: string[]): void {
	if (node.type === 'text') words.push(node.text ?? '');
	else if (node.type === 'imrCitation') {
		const agencyId = node.attrs?.agencyId;
		if (typeof agencyId === 'string') imrAgencyIds.push(agencyId);
		words.push(` ${String(node.attrs?.label ?? '')} `);
	}
	else if (node.type === 'chronologyCitation') {
		const entryId = node.attrs?.entryId;
		if (typeof entryId === 'string') entryIds.push(entryId);
		words.push(` ${String(node.attrs?.label ?? '')} `);
	} else if (node.type === 'hardBreak') words.push(' ');
	for (const child of node.content ?? []) {
		collect(child, words, entryIds, imrAgencyIds);
		if (child.type !== 'text' && child.type !== 'chronologyCitation' && child.type !== 'imrCitation') words.push(' ');
	}
}

export function passagesOf(sections: SectionContent[]): Passage[] {
	return sections.flatMap((section) =>
		section.blocks.map((node, index) => {
			const words: string[] = [];
			const entryIds: string[] = [];
			const imrAgencyIds: string[] = [];
			collect(node, words, entryIds, imrAgencyIds);
			return { sectionKey: section.key, sectionTitle: section.title, index, text: words.join('').replace(/\s+/g, ' ').trim(), entryIds: [...new Set(entryIds)], imrAgencyIds: [...new Set(imrAgencyIds)], node };
		})
	).filter((passage) => passage.text !== '');
}

export interface AgencyInReport {
	/** The agency's id, when known: a passage citing its IMR concerns it. */
	id?: string;
	name: string;
	/** Ids of the agency's chronology entries. */
	entryIds: ReadonlySet<string>;
}

/** A passage concerns an agency when it cites one of its entries or its IMR, or names it. */
export function concernsAgency(passage: Passage, agency: AgencyInReport): boolean {
	if (passage.entryIds.some((id) => agency.entryIds.has(id))) return true;
	if (agency.id !== undefined && (passage.imrAgencyIds ?? []).includes(agency.id)) return true;
	const name = agency.name.trim().toLowerCase();
	return name !== '' && passage.text.toLowerCase().includes(name);
}

export interface WordPart {
	value: string;
	added: boolean;
	removed: boolean;
}

export interface PassageChange {
	sectionKey: string;
	sectionTitle: string;
	kind: 'added' | 'removed' | 'changed';
	/** The words before and after, with what was added or removed marked. */
	parts: WordPart[];
	concernsAgency: boolean;
}

/**
 * What changed between two texts of the report, passage by passage, the passages
 * that concern the agency first. Unchanged passages are left out; a removed passage
 * followed by an added one in the same place is shown as one changed passage.
 */
export function passageChanges(before: Passage[], after: Passage[], concerns: (passage: Passage) => boolean): PassageChange[] {
	const sectionKeys = [...new Set([...after.map((p) => p.sectionKey), ...before.map((p) => p.sectionKey)])];
	const changes: PassageChange[] = [];
	for (const key of sectionKeys) {
		const old = before.filter((p) => p.sectionKey === key);
		const now = after.filter((p) => p.sectionKey === key);
		const title = (now[0] ?? old[0]).sectionTitle;
		let oldAt = 0;
		let nowAt = 0;
		const runs = diffArrays(old.map((p) => p.text), now.map((p) => p.text));
		for (let i = 0; i < runs.length; i++) {
			const run = runs[i];
			const count = run.count ?? run.value.length;
			if (!run.added && !run.removed) {
				oldAt += count;
				nowAt += count;
				continue;
			}
			const next = runs[i + 1];
			if (run.removed && next?.added) {
				const nextCount = next.count ?? next.value.length;
				const removed = old.slice(oldAt, oldAt + count);
				const added = now.slice(nowAt, nowAt + nextCount);
				for (let j = 0; j < Math.max(removed.length, added.length); j++) {
					const from = removed[j];
					const to = added[j];
					const parts = diffWords(from?.text ?? '', to?.text ?? '').map((part) => ({ value: part.value, added: part.added, removed: part.removed }));
					const kind = from && to ? 'changed' : from ? 'removed' : 'added';
					changes.push({ sectionKey: key, sectionTitle: title, kind, parts, concernsAgency: [from, to].some((p) => p !== undefined && concerns(p)) });
				}
				oldAt += count;
				nowAt += nextCount;
				i++;
				continue;
			}
			const passages = run.added ? now.slice(nowAt, nowAt + count) : old.slice(oldAt, oldAt + count);
			for (const passage of passages) {
				changes.push({
					sectionKey: key,
					sectionTitle: title,
					kind: run.added ? 'added' : 'removed',
					parts: [{ value: passage.text, added: !!run.added, removed: !!run.removed }],
					concernsAgency: concerns(passage)
				});
			}
			if (run.added) nowAt += count;
			else oldAt += count;
		}
	}
	// Stable: within each group the report's order is kept.
	return [...changes.filter((c) => c.concernsAgency), ...changes.filter((c) => !c.concernsAgency)];
}
