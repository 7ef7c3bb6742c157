/**
 * A citation of a passage of an agency's IMR inside the report (issue 20): an inline atom
 * holding the agency, the IMR's section and the cited words as they were when cited, shown
 * by its label ("IMR, Northmoor Police: Good practice"). It links to the IMR, which only
 * those who may read it can open (the permission check is the IMR page's, not the link's).
 */
import { Node, mergeAttributes } from '@tiptap/core';

export interface ImrCitationLinks {
	href(agencyId: string, sectionKey: string): string;
}

export const ImrCitation = Node.create<{ links: ImrCitationLinks }>({
	name: 'imrCitation',
	group: 'inline',
	inline: true,
	atom: true,
	selectable: true,

	addOptions() {
		return { links: { href: () => '#' } };
	},

	addAttributes() {
		return {
			agencyId: { default: null, parseHTML: (element) => element.getAttribute('data-imr-agency') },
			sectionKey: { default: null, parseHTML: (element) => element.getAttribute('data-imr-section') },
			quote: { default: '', parseHTML: (element) => element.getAttribute('title') ?? '' },
			label: { default: '', parseHTML: (element) => element.textContent ?? '' }
		};
	},

	parseHTML() {
		return [{ tag: 'a[data-imr-agency]' }];
	},

	renderHTML({ node, HTMLAttributes }) {
		return [
			'a',
			mergeAttributes(HTMLAttributes, {
				class: 'app-citation',
				'data-imr-agency': node.attrs.agencyId,
				'data-imr-section': node.attrs.sectionKey,
				title: node.attrs.quote,
				href: this.options.links.href(String(node.attrs.agencyId), String(node.attrs.sectionKey))
			}),
			node.attrs.label
		];
	},

	addNodeView() {
		const links = this.options.links;
		return ({ node }) => {
			const dom = document.createElement('a');
			dom.className = 'app-citation app-citation--imr';
			dom.setAttribute('data-imr-agency', String(node.attrs.agencyId));
			dom.href = links.href(String(node.attrs.agencyId), String(node.attrs.sectionKey));
			dom.title = `“${String(node.attrs.quote)}”`;
			dom.textContent = String(node.attrs.label);
			// Links inside an editable area do not follow clicks; this one opens the IMR beside the report.
			dom.addEventListener('click', (event) => {
				event.preventDefault();
				window.open(dom.href, '_blank', 'noopener');
			});
			return { dom };
		};
	}
});

/** What the report shows for a cited IMR passage. */
export function imrCitationLabel(agencyName: string, sectionTitle: string): string {
	return `IMR, ${agencyName}: ${sectionTitle}`;
}
