/**
 * A citation of a chronology entry inside the report: an inline atom holding the
 * entry's id (and the label it had when cited, shown if the entry is later removed).
 * The label is drawn from the live chronology, so it follows corrections to the entry.
 */
import { Node, mergeAttributes } from '@tiptap/core';

export interface CitationLookup {
	/** The entry's current label, or null when it no longer exists. */
	label(entryId: string): string | null;
	href(entryId: string): string;
}

const views = new Set<() => void>();

/** Redraws every citation on the page (the chronology changed). */
export function refreshCitations(): void {
	for (const redraw of views) redraw();
}

export const ChronologyCitation = Node.create<{ lookup: CitationLookup }>({
	name: 'chronologyCitation',
	group: 'inline',
	inline: true,
	atom: true,
	selectable: true,

	addOptions() {
		return { lookup: { label: () => null, href: () => '#' } };
	},

	addAttributes() {
		return {
			entryId: { default: null, parseHTML: (element) => element.getAttribute('data-entry-id') },
			label: { default: '', parseHTML: (element) => element.textContent ?? '' }
		};
	},

	parseHTML() {
		return [{ tag: 'a[data-entry-id]' }];
	},

	renderHTML({ node, HTMLAttributes }) {
		return ['a', mergeAttributes(HTMLAttributes, { 'data-entry-id': node.attrs.entryId, href: this.options.lookup.href(node.attrs.entryId) }), node.attrs.label];
	},

	addNodeView() {
		const lookup = this.options.lookup;
		return ({ node }) => {
			let current = node;
			const dom = document.createElement('a');
			dom.className = 'app-citation';
			dom.setAttribute('data-entry-id', String(node.attrs.entryId));
			// Links inside an editable area do not follow clicks; this one opens the entry beside the report.
			dom.addEventListener('click', (event) => {
				event.preventDefault();
				window.open(dom.href, '_blank', 'noopener');
			});
			const draw = () => {
				const label = lookup.label(String(current.attrs.entryId));
				dom.href = lookup.href(String(current.attrs.entryId));
				dom.classList.toggle('app-citation--missing', label === null);
				dom.textContent = label ?? `${current.attrs.label || 'Chronology entry'} (entry removed)`;
			};
			draw();
			views.add(draw);
			return {
				dom,
				update: (updated) => {
					if (updated.type !== current.type) return false;
					current = updated;
					draw();
					return true;
				},
				destroy: () => views.delete(draw)
			};
		};
	}
});
