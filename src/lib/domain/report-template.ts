/**
 * The overview report's structure: the sections of the template in the statutory
 * guidance (Home Office, multi-agency statutory guidance for DHRs), each with short
 * guidance on what belongs there. The executive summary is its own part.
 *
 * Each section's text lives in the review's report document as the Yjs
 * `XmlFragment` named `section:<key>` (DESIGN.md); the list, titles and order live in
 * SQLite so that only the chair changes them.
 */

export type ReportPart = 'overview' | 'executive-summary';

export interface TemplateSection {
	key: string;
	title: string;
	part: ReportPart;
	guidance: string;
}

export const reportTemplate: TemplateSection[] = [
	{ key: 'introduction', title: 'Introduction', part: 'overview', guidance: 'Who died and when (anonymised), the circumstances that led to the review, and condolences to the family. Use the agreed pseudonyms throughout.' },
	{ key: 'timescales', title: 'Timescales', part: 'overview', guidance: 'When the partnership decided to hold the review, when it started and finished, and the reasons for any delay beyond six months.' },
	{ key: 'confidentiality', title: 'Confidentiality', part: 'overview', guidance: 'How the findings were kept confidential until publication, and the pseudonyms used (chosen with the family where possible).' },
	{ key: 'terms-of-reference', title: 'Terms of reference', part: 'overview', guidance: 'The agreed terms of reference: the period reviewed, the key lines of enquiry and any specific questions.' },
	{ key: 'methodology', title: 'Methodology', part: 'overview', guidance: 'How the review was carried out: chronologies and IMRs commissioned, learning events held, and any other evidence the panel considered.' },
	{ key: 'involvement', title: 'Involvement of family, friends, work colleagues, neighbours and wider community', part: 'overview', guidance: 'Who was invited to contribute, how they were supported (for example by an advocate), and how their views shaped the review.' },
	{ key: 'contributors', title: 'Contributors to the review', part: 'overview', guidance: 'The agencies that contributed chronologies, IMRs or reports, and confirmation that IMR authors were independent of the case.' },
	{ key: 'panel-members', title: 'The review panel members', part: 'overview', guidance: 'Each panel member’s name, role and organisation, and their independence from the case.' },
	{ key: 'author', title: 'Author of the overview report', part: 'overview', guidance: 'The chair and author, their experience, and the statement of independence from the agencies involved.' },
	{ key: 'parallel-reviews', title: 'Parallel reviews', part: 'overview', guidance: 'Any inquest, criminal trial, safeguarding review or IOPC investigation, and how the review worked alongside it.' },
	{ key: 'equality-diversity', title: 'Equality and diversity', part: 'overview', guidance: 'How the protected characteristics (age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex, sexual orientation) bore on the case and the review.' },
	{ key: 'dissemination', title: 'Dissemination', part: 'overview', guidance: 'Who will receive the report, and how its learning will be shared.' },
	{ key: 'background', title: 'Background information (the facts)', part: 'overview', guidance: 'The facts of the homicide and the people involved, briefly and without judgement.' },
	{ key: 'chronology', title: 'Chronology', part: 'overview', guidance: 'A narrative of the key events from the integrated chronology, citing the entries it draws on.' },
	{ key: 'overview', title: 'Overview', part: 'overview', guidance: 'A summary of what each agency knew and did, drawn from the chronologies and IMRs.' },
	{ key: 'analysis', title: 'Analysis', part: 'overview', guidance: 'Analysis against the terms of reference: how things looked at the time, what helped and what got in the way. Avoid hindsight and blame.' },
	{ key: 'conclusions', title: 'Conclusions', part: 'overview', guidance: 'What the panel concludes, including whether the homicide could have been predicted or prevented, and why.' },
	{ key: 'lessons', title: 'Lessons to be learnt', part: 'overview', guidance: 'The learning for each agency and for the partnership, including good practice.' },
	{ key: 'recommendations', title: 'Recommendations', part: 'overview', guidance: 'Specific, measurable recommendations, each with who is responsible, the intended outcome and a target date.' },
	{ key: 'executive-summary', title: 'Executive summary', part: 'executive-summary', guidance: 'A short, stand-alone summary of the review, its key findings and its recommendations, suitable for publication.' }
];

export const reportPartLabels: Record<ReportPart, string> = {
	overview: 'Overview report',
	'executive-summary': 'Executive summary'
};

export function templateSection(key: string): TemplateSection | undefined {
	return reportTemplate.find((section) => section.key === key);
}

/** The Yjs fragment holding a section's text. */
export function sectionFragmentName(key: string): string {
	return `section:${key}`;
}

export const maxSectionTitleLength = 120;

export function sectionTitleProblems(title: string): string[] {
	const trimmed = title.trim();
	if (!trimmed) return ['Enter a title for the section'];
	if (trimmed.length > maxSectionTitleLength) return [`Keep the title to ${maxSectionTitleLength} characters or fewer`];
	return [];
}

/** A key for a section the chair adds: from its title, unique among `taken`. */
export function newSectionKey(title: string, taken: Iterable<string>): string {
	const base =
		title
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'section';
	const used = new Set(taken);
	let key = `custom-${base}`;
	for (let n = 2; used.has(key); n++) key = `custom-${base}-${n}`;
	return key;
}

/** Moves the item at `from` one place up (-1) or down (+1); unchanged at the ends. */
export function moveItem<T>(items: readonly T[], from: number, direction: -1 | 1): T[] {
	const to = from + direction;
	const copy = [...items];
	if (from < 0 || from >= copy.length || to < 0 || to >= copy.length) return copy;
	[copy[from], copy[to]] = [copy[to], copy[from]];
	return copy;
}
