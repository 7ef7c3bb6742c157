/**
 * How the identifier scan's corpus is written down (issue 16): each sentence with the
 * passages a careful reviewer would anonymise, and what they are. None is from a real
 * review; every name, number and address is invented (phone numbers from Ofcom's drama
 * ranges, NHS numbers made up with a valid check digit).
 */
import type { Finding, RegisterTerm } from './anonymisation';
import { emptyTallies, overallScore, spanScore, tallySentence, type SpanScore } from './corpus-scoring';

/** `register`: a term of the corpus register; `name`: a person's name not in it; the rest: structured identifiers. */
export type CorpusLabel = 'register' | 'name' | 'date_of_birth' | 'address' | 'postcode' | 'phone' | 'email' | 'nhs_number' | 'ni_number';
export const corpusLabels: CorpusLabel[] = ['register', 'name', 'date_of_birth', 'address', 'postcode', 'phone', 'email', 'nhs_number', 'ni_number'];

export interface CorpusSentence {
	text: string;
	labels: { text: string; label: CorpusLabel }[];
}

/** Labels read "register:Mark", "name:Dr Okafor", "postcode:LS6 2QT". */
export function sentence(text: string, ...labels: string[]): CorpusSentence {
	return {
		text,
		labels: labels.map((raw) => {
			const colon = raw.indexOf(':');
			const label = raw.slice(0, colon) as CorpusLabel;
			const passage = raw.slice(colon + 1);
			if (!corpusLabels.includes(label) || !text.includes(passage)) throw new Error(`Bad corpus label "${raw}" for: ${text}`);
			return { text: passage, label };
		})
	};
}

/** The register every corpus sentence is scanned with. */
export const corpusRegister: RegisterTerm[] = [
	{ id: 'r1', real: 'Joanne Price', pseudonym: 'Adult A', kind: 'person', aliases: ['Joanne Evans', 'Jojo'] },
	{ id: 'r2', real: 'Mark Taylor', pseudonym: 'Adult B', kind: 'person', aliases: ['Marky'] },
	{ id: 'r3', real: 'Kieran Taylor', pseudonym: 'Child 1', kind: 'person', aliases: [] },
	{ id: 'r4', real: 'Lily Price', pseudonym: 'Child 2', kind: 'person', aliases: [] },
	{ id: 'r5', real: 'Brenda Price', pseudonym: 'Family Member 1', kind: 'person', aliases: [] },
	{ id: 'r6', real: 'Hollybank Estate', pseudonym: 'the estate', kind: 'place', aliases: ['Hollybank'] },
	{ id: 'r7', real: "St Anne's Primary School", pseudonym: 'School 1', kind: 'organisation', aliases: ["St Anne's"] },
	{ id: 'r8', real: 'Crown and Anchor', pseudonym: 'a public house', kind: 'organisation', aliases: [] },
	{ id: 'r9', real: 'Castleford', pseudonym: 'Town A', kind: 'place', aliases: [] },
	{ id: 'r10', real: 'Hawthorn House', pseudonym: 'the refuge', kind: 'other', aliases: [] }
];

export type LabelScore = SpanScore;

export interface CorpusScore {
	byLabel: Record<CorpusLabel, LabelScore>;
	overall: LabelScore;
	mistakes: string[];
}

function labelOf(finding: Finding): CorpusLabel {
	if (finding.source === 'register') return 'register';
	if (finding.source === 'name' || finding.kind === 'person') return 'name';
	return finding.kind as CorpusLabel;
}

/**
 * Precision and recall per label. A finding counts when it overlaps a labelled passage
 * of the same label; each passage is found at most once.
 */
export function scoreCorpus(corpus: CorpusSentence[], scan: (text: string) => Finding[]): CorpusScore {
	const tally = emptyTallies(corpusLabels);
	const mistakes: string[] = [];
	for (const { text, labels } of corpus) {
		// A passage labelled twice ("Mark ... Mark") is its first, then its next occurrence.
		const searchFrom = new Map<string, number>();
		const expected = labels.map((l) => {
			const start = text.indexOf(l.text, searchFrom.get(l.text) ?? 0);
			searchFrom.set(l.text, start + l.text.length);
			return { ...l, start, end: start + l.text.length };
		});
		const found = scan(text).map((finding) => ({ start: finding.start, end: finding.end, text: finding.text, label: labelOf(finding) }));
		tallySentence(text, expected, found, tally, mistakes, 'found');
	}
	return {
		byLabel: Object.fromEntries(corpusLabels.map((l) => [l, spanScore(tally[l])])) as Record<CorpusLabel, LabelScore>,
		overall: overallScore(tally),
		mistakes
	};
}
