/**
 * The publication pack's Word file (issue 17): a report built from the report's
 * ProseMirror JSON (collab/report-content.ts), with a title page, a contents list
 * written as text (a TOC field shows blank in some readers until refreshed),
 * the sections in order, chronology and IMR citations as footnotes, a glossary, the appendix
 * of areas of disagreement, page numbers and, for the restricted edition, the
 * protective marking in the header and footer of every page.
 *
 * Takes everything as arguments (no database): the caller gathers the model. Every
 * word the reader sees goes through `transform`, so the publication edition applies
 * the pseudonym register in one place (publication-anonymisation.ts).
 */
import {
	AlignmentType,
	Document,
	ExternalHyperlink,
	Footer,
	FootnoteReferenceRun,
	Header,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type ParagraphChild,
	type FileChild
} from 'docx';
import type { RichNode } from '../domain/report-passages';
import { imrHeadings } from '../domain/imrs';

export interface PublicationSection {
	title: string;
	blocks: RichNode[];
}

/** What a citation's footnote says: the entry's date and agency, or that it has been removed. */
export type CitationNote = { kind: 'entry'; date: string; agencyName: string } | { kind: 'removed' };

export interface GlossaryLine {
	abbreviation: string;
	expansion: string;
}

export interface DisagreementLine {
	agencyName: string;
	agencyView: string;
	passages: string[];
	panelView: string;
}

export interface PublicationModel {
	/** "Overview report", "Executive summary" or "Action plan". */
	documentTitle: string;
	/** The review's pseudonym, e.g. "Adult A". */
	reviewName: string;
	partnership: string;
	versionName: string;
	/** The date on the title page, already in words ("3 March 2025"). */
	date: string;
	/** The protective marking for every page, or null (publication edition). */
	marking: string | null;
	sections: PublicationSection[];
	citations: ReadonlyMap<string, CitationNote>;
	/** The review's agencies by id, for IMR citations' footnotes (an agency removed since falls back to the citation's label). */
	agencyNames?: ReadonlyMap<string, string>;
	glossary: GlossaryLine[];
	/** Null leaves the appendix out (the action plan has none). */
	disagreements: { agencies: DisagreementLine[]; family: { versionName: string; body: string }[] } | null;
	/** Applied to every word the reader sees (the pseudonym register, for publication). */
	transform?: (text: string) => string;
	/** Pages turned sideways: the action plan's seven columns are unreadable on an upright A4 page. */
	landscape?: boolean;
}

const orderedListReference = 'report-ordered-list';
const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

/** The words of a citation's footnote: "12 March 2019, Northmoor Police". */
export function citationFootnoteText(note: CitationNote | undefined, label: string): string {
	if (note?.kind === 'entry') return `${note.date}, ${note.agencyName}`;
	// A citation to an entry removed since is shown as such, never dropped (issue 17, bad input).
	return label.trim() ? `A chronology entry since removed (cited as “${label.trim()}”)` : 'A chronology entry since removed';
}

/**
 * The words of an IMR citation's footnote: "IMR of Northmoor Police, section ‘Good practice’".
 * Only the agency and the IMR's heading: the cited words stay in the IMR, which is never
 * published. An agency or heading unknown now keeps the label it was cited by.
 */
export function imrCitationFootnoteText(agencyName: string | undefined, sectionKey: string, label: string): string {
	const heading = imrHeadings.find((h) => h.key === sectionKey)?.title;
	if (agencyName && heading) return `IMR of ${agencyName}, section ‘${heading}’`;
	if (agencyName) return `IMR of ${agencyName}`;
	return label.trim() ? `An IMR passage (cited as “${label.trim()}”)` : 'An IMR passage';
}

/**
 * For the print view: each IMR citation labelled as its footnote reads, with the cited words
 * dropped (the IMR is not for every reader of the report). Other nodes are kept as they are.
 */
export function nameImrCitations(nodes: RichNode[], agencyNames: ReadonlyMap<string, string>): RichNode[] {
	return nodes.map((node) => {
		if (node.type === 'imrCitation') {
			const attr = (name: string) => (typeof node.attrs?.[name] === 'string' ? (node.attrs[name] as string) : '');
			return { type: 'imrCitation', attrs: { agencyId: attr('agencyId'), sectionKey: attr('sectionKey'), quote: '', label: imrCitationFootnoteText(agencyNames.get(attr('agencyId')), attr('sectionKey'), attr('label')) } };
		}
		return node.content ? { ...node, content: nameImrCitations(node.content, agencyNames) } : node;
	});
}

interface Context {
	model: PublicationModel;
	t: (text: string) => string;
	/** Each ordered list restarts its numbering. */
	nextListInstance: number;
}

interface RunStyle {
	bold?: boolean;
	italics?: boolean;
	underline?: boolean;
	strike?: boolean;
	link?: string;
}

function styleOf(node: RichNode, inherited: RunStyle): RunStyle {
	const style = { ...inherited };
	for (const mark of node.marks ?? []) {
		if (mark.type === 'bold' || mark.type === 'strong') style.bold = true;
		else if (mark.type === 'italic' || mark.type === 'em') style.italics = true;
		else if (mark.type === 'underline') style.underline = true;
		else if (mark.type === 'strike') style.strike = true;
		else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') style.link = mark.attrs.href;
	}
	return style;
}

function textRun(text: string, style: RunStyle): TextRun {
	return new TextRun({ text, bold: style.bold, italics: style.italics, strike: style.strike, underline: style.underline || style.link ? {} : undefined, style: style.link ? 'Hyperlink' : undefined });
}

/** Safe web and mail links only: a `javascript:` href in the JSON must not become a live link in Word. */
function isSafeLink(href: string): boolean {
	return /^(https?:|mailto:)/i.test(href.trim());
}

/**
 * A link's target is words too: a news story's address can carry a name ("…/mark-ellison-inquest").
 * Read as capitalised words, a target the register would change names someone, and the
 * publication edition keeps the link's text but drops its target (the restricted edition's
 * transform changes nothing, so it keeps every link).
 */
export function namesSomeone(target: string, t: (text: string) => string): boolean {
	const words = target.replace(/[^A-Za-z0-9]+/g, ' ').replace(/\b[a-z]/g, (letter) => letter.toUpperCase()).trim();
	return t(words) !== words;
}

function inlineChildren(nodes: RichNode[] | undefined, context: Context, inherited: RunStyle = {}): ParagraphChild[] {
	const children: ParagraphChild[] = [];
	for (const node of nodes ?? []) {
		if (node.type === 'text') {
			const style = styleOf(node, inherited);
			const run = textRun(context.t(node.text ?? ''), style);
			const target = style.link?.trim();
			if (target && isSafeLink(target) && !namesSomeone(target, context.t)) children.push(new ExternalHyperlink({ link: target, children: [run] }));
			else children.push(run);
		} else if (node.type === 'hardBreak') {
			children.push(new TextRun({ break: 1 }));
		} else if (node.type === 'chronologyCitation') {
			const entryId = typeof node.attrs?.entryId === 'string' ? node.attrs.entryId : '';
			const label = typeof node.attrs?.label === 'string' ? node.attrs.label : '';
			const words = citationFootnoteText(context.model.citations.get(entryId), label);
			children.push(new FootnoteReferenceRun({ children: [new Paragraph({ children: [new TextRun(context.t(words))] })] }));
		} else if (node.type === 'imrCitation') {
			const attr = (name: string) => (typeof node.attrs?.[name] === 'string' ? (node.attrs[name] as string) : '');
			const words = imrCitationFootnoteText(context.model.agencyNames?.get(attr('agencyId')), attr('sectionKey'), attr('label'));
			children.push(new FootnoteReferenceRun({ children: [new Paragraph({ children: [new TextRun(context.t(words))] })] }));
		} else if (node.content) {
			children.push(...inlineChildren(node.content, context, styleOf(node, inherited)));
		}
	}
	return children;
}

function plainText(node: RichNode): string {
	if (node.type === 'text') return node.text ?? '';
	return (node.content ?? []).map(plainText).join('');
}

interface ListPlace {
	ordered: boolean;
	level: number;
	instance: number;
}

function blocks(nodes: RichNode[] | undefined, context: Context, depth: number, list: ListPlace | null = null, quote = false): FileChild[] {
	const out: FileChild[] = [];
	for (const node of nodes ?? []) out.push(...block(node, context, depth, list, quote));
	return out;
}

function paragraphOptions(list: ListPlace | null, quote: boolean) {
	return {
		...(list ? (list.ordered ? { numbering: { reference: orderedListReference, level: list.level, instance: list.instance } } : { bullet: { level: list.level } }) : {}),
		...(quote ? { style: 'Quote' } : {})
	};
}

function block(node: RichNode, context: Context, depth: number, list: ListPlace | null, quote: boolean): FileChild[] {
	switch (node.type) {
		case 'paragraph':
			return [new Paragraph({ children: inlineChildren(node.content, context), ...paragraphOptions(list, quote) })];
		case 'heading': {
			const level = Math.min(Math.max(Number(node.attrs?.level ?? 2), 1) + depth, 6);
			return [new Paragraph({ heading: headingLevels[level - 1], children: inlineChildren(node.content, context) })];
		}
		case 'bulletList':
		case 'orderedList': {
			const ordered = node.type === 'orderedList';
			const place: ListPlace = { ordered, level: list ? Math.min(list.level + 1, 8) : 0, instance: ordered ? context.nextListInstance++ : 0 };
			return (node.content ?? []).flatMap((item) => blocks(item.content, context, depth, place, quote));
		}
		case 'listItem':
			return blocks(node.content, context, depth, list, quote);
		case 'blockquote':
			return blocks(node.content, context, depth, list, true);
		case 'table':
			return [table(node, context, depth)];
		case 'horizontalRule':
			return [new Paragraph({ border: { bottom: { style: 'single', size: 6, color: '999999', space: 1 } }, children: [] })];
		default:
			// An unknown block keeps its words rather than vanishing.
			if (node.content) return [new Paragraph({ children: inlineChildren(node.content, context), ...paragraphOptions(list, quote) })];
			return node.text ? [new Paragraph({ children: [new TextRun(context.t(node.text))] })] : [];
	}
}

/** The width of the text on an A4 page (upright or landscape) with the docx library's default one-inch margins, in twips. */
const textWidthTwips = (landscape = false) => (landscape ? 16838 : 11906) - 2 * 1440;

function wordsOf(node: RichNode): string {
	return node.text ?? (node.content ?? []).map(wordsOf).join(' ');
}

function cellWords(row: RichNode, index: number): string {
	const cell = row.content?.[index];
	return cell ? wordsOf(cell) : '';
}

/**
 * Column widths for a table, shared out by how much each column holds. Without a grid the
 * docx library writes 100-twip columns, which Word stretches but LibreOffice (and so the
 * PDF) keeps, breaking "Northmoor" over two lines; equal columns starve a text column.
 */
export function columnWidths(rows: RichNode[], landscape = false): number[] {
	const columns = Math.max(0, ...rows.map((row) => (row.content ?? []).length));
	if (!columns) return [];
	const weights = Array.from({ length: columns }, (_, index) => {
		const lengths = rows.map((row) => cellWords(row, index).length);
		const longestWord = Math.max(0, ...rows.flatMap((row) => cellWords(row, index).split(/\s+/).map((word) => word.length)));
		const average = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length);
		// A column is never narrower than its longest word, nor wider than a long paragraph needs.
		return Math.max(longestWord + 2, Math.min(average, 120), 8);
	});
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	return weights.map((weight) => Math.floor((weight / total) * textWidthTwips(landscape)));
}

function table(node: RichNode, context: Context, depth: number): Table {
	const rows = (node.content ?? []).filter((row) => row.type === 'tableRow');
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		columnWidths: columnWidths(rows, context.model.landscape),
		rows: rows.map((row) => {
			const cells = row.content ?? [];
			// A row of header cells repeats on each page and is tagged as a header for screen readers.
			const isHeader = cells.length > 0 && cells.every((cell) => cell.type === 'tableHeader');
			return new TableRow({
				tableHeader: isHeader,
				cantSplit: true,
				children: cells.map((cell) => {
					const content = blocks(cell.content, context, depth).filter((child): child is Paragraph => child instanceof Paragraph);
					return new TableCell({
						columnSpan: Number(cell.attrs?.colspan ?? 1) || 1,
						rowSpan: Number(cell.attrs?.rowspan ?? 1) || 1,
						children: content.length ? content : [new Paragraph('')]
					});
				})
			});
		})
	});
}

function heading1(text: string, pageBreakBefore = false): Paragraph {
	return new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore, children: [new TextRun(text)] });
}

function titlePage(model: PublicationModel, t: (text: string) => string): Paragraph[] {
	return [
		new Paragraph({ spacing: { before: 2400 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: t(model.partnership), size: 28 })] }),
		new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(t(`Domestic Homicide Review: ${model.reviewName}`))] }),
		new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400 }, children: [new TextRun({ text: model.documentTitle, bold: true, size: 36 })] }),
		new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400 }, children: [new TextRun(`Version: ${t(model.versionName)}`)] }),
		new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`Date: ${model.date}`)] })
	];
}

/** The headings the contents list names, in order: the sections, then glossary and appendix. */
export function contentsOf(model: PublicationModel): string[] {
	const titles = model.sections.map((section) => section.title);
	if (model.glossary.length) titles.push('Glossary');
	if (model.disagreements) titles.push('Appendix: areas of disagreement');
	return titles;
}

function contentsList(model: PublicationModel, t: (text: string) => string): Paragraph[] {
	return [
		heading1('Contents', true),
		...contentsOf(model).map((title, index) => new Paragraph({ children: [new TextRun(`${index + 1}. ${t(title)}`)] }))
	];
}

function glossary(model: PublicationModel, t: (text: string) => string): FileChild[] {
	if (!model.glossary.length) return [];
	return [
		heading1('Glossary', true),
		new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			rows: [
				new TableRow({ tableHeader: true, children: ['Abbreviation', 'Meaning'].map((words) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: words, bold: true })] })] })) }),
				...model.glossary.map(
					(line) => new TableRow({ cantSplit: true, children: [line.abbreviation, line.expansion].map((words) => new TableCell({ children: [new Paragraph(t(words))] })) })
				)
			]
		})
	];
}

function appendix(model: PublicationModel, t: (text: string) => string): FileChild[] {
	const record = model.disagreements;
	if (!record) return [];
	const out: FileChild[] = [heading1('Appendix: areas of disagreement', true)];
	if (!record.agencies.length && !record.family.length) {
		out.push(new Paragraph('No areas of disagreement have been recorded.'));
		return out;
	}
	for (const item of record.agencies) {
		out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(t(item.agencyName))] }));
		for (const passage of item.passages) out.push(new Paragraph({ style: 'Quote', children: [new TextRun(t(passage))] }));
		out.push(new Paragraph({ children: [new TextRun({ text: 'The agency’s view: ', bold: true }), new TextRun(t(item.agencyView))] }));
		out.push(new Paragraph({ children: [new TextRun({ text: 'The panel’s view: ', bold: true }), new TextRun(t(item.panelView))] }));
	}
	if (record.family.length) {
		out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('The family')] }));
		for (const item of record.family) {
			out.push(new Paragraph({ children: [new TextRun({ text: `On “${t(item.versionName)}”: `, bold: true }), new TextRun(t(item.body))] }));
		}
	}
	return out;
}

function pageFooter(marking: string | null): Footer {
	const children: Paragraph[] = [];
	if (marking) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, bold: true })] }));
	children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] }));
	return new Footer({ children });
}

function pageHeader(marking: string | null): Header {
	return new Header({ children: marking ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, bold: true })] })] : [] });
}

/** Builds the Word document. */
export function buildPublicationDocument(model: PublicationModel): Document {
	const t = model.transform ?? ((text: string) => text);
	const context: Context = { model, t, nextListInstance: 1 };
	const body: FileChild[] = [...titlePage(model, t), ...contentsList(model, t)];
	model.sections.forEach((section, index) => {
		body.push(heading1(t(section.title), index === 0));
		const content = blocks(section.blocks, context, 1);
		// An empty section is said to be empty, so a reader never wonders whether a page went missing.
		body.push(...(content.length ? content : [new Paragraph({ children: [new TextRun({ text: 'This section has not been written.', italics: true })] })]));
	});
	body.push(...glossary(model, t), ...appendix(model, t));
	return new Document({
		creator: 'DHR Panel Workspace',
		title: `${t(model.reviewName)}: ${model.documentTitle}`,
		description: model.marking ? `${model.marking}: ${model.documentTitle}` : model.documentTitle,
		styles: {
			default: { document: { run: { font: 'Liberation Sans', size: 24, language: { value: 'en-GB' } }, paragraph: { spacing: { after: 160 } } } },
			paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true }, paragraph: { indent: { left: 720, right: 720 } } }]
		},
		numbering: {
			config: [
				{
					reference: orderedListReference,
					levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }))
				}
			]
		},
		sections: [
			{
				properties: model.landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
				headers: { default: pageHeader(model.marking) },
				footers: { default: pageFooter(model.marking) },
				children: body
			}
		]
	});
}

/** The Word file's bytes. */
export async function publicationDocx(model: PublicationModel): Promise<Buffer> {
	return Packer.toBuffer(buildPublicationDocument(model));
}

export { plainText as richNodeText };
