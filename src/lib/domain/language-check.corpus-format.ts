/**
 * How the language check's corpus is written down (issue 15): each sentence with its
 * style and the passages a careful reviewer would flag, in order, with their category.
 */
import type { LanguageCategory } from './language-check';
import { emptyTallies, overallScore, spanScore, tallySentence, type SpanScore } from './corpus-scoring';

export type CorpusStyle = 'chronology' | 'report' | 'learning event';

export interface CorpusSentence {
	text: string;
	style: CorpusStyle;
	flags: { text: string; category: LanguageCategory }[];
}

const categories: Record<string, LanguageCategory> = { v: 'victim-blaming', m: 'minimising', h: 'hindsight' };

/** Labels read "v:declined to engage", "m:snapped", "h:should have known". */
function sentence(style: CorpusStyle, text: string, labels: string[]): CorpusSentence {
	const flags = labels.map((label) => {
		const category = categories[label.slice(0, label.indexOf(':'))];
		const phrase = label.slice(label.indexOf(':') + 1);
		if (!category || !text.includes(phrase)) throw new Error(`Bad corpus label "${label}" for: ${text}`);
		return { text: phrase, category };
	});
	return { text, style, flags };
}

export const chronology = (text: string, ...labels: string[]) => sentence('chronology', text, labels);
export const report = (text: string, ...labels: string[]) => sentence('report', text, labels);
export const event = (text: string, ...labels: string[]) => sentence('learning event', text, labels);

export type CategoryScore = SpanScore;

export interface CorpusScore {
	byCategory: Record<LanguageCategory, CategoryScore>;
	overall: CategoryScore;
	/** Clean sentences (no label) with at least one flag. */
	cleanFlagged: number;
	clean: number;
	mistakes: string[];
}

/**
 * Precision and recall of a check on a corpus. A flag counts as found when it overlaps
 * a labelled passage of the same category (where a flag starts and ends is a matter of
 * taste: "kept declining the offers" and "declining" both point at the same wording);
 * each labelled passage is found at most once.
 */
export function scoreCorpus(corpus: CorpusSentence[], check: (text: string) => { start: number; end: number; text: string; category: LanguageCategory }[]): CorpusScore {
	const tally = emptyTallies<LanguageCategory>(['victim-blaming', 'minimising', 'hindsight']);
	const mistakes: string[] = [];
	let cleanFlagged = 0;
	for (const { text, flags: labels } of corpus) {
		const expected = labels.map((label) => {
			const start = text.indexOf(label.text);
			return { start, end: start + label.text.length, text: label.text, label: label.category };
		});
		const flags = check(text);
		if (labels.length === 0 && flags.length > 0) cleanFlagged++;
		tallySentence(text, expected, flags.map((flag) => ({ start: flag.start, end: flag.end, text: flag.text, label: flag.category })), tally, mistakes, 'flagged');
	}
	return {
		byCategory: { 'victim-blaming': spanScore(tally['victim-blaming']), minimising: spanScore(tally.minimising), hindsight: spanScore(tally.hindsight) },
		overall: overallScore(tally),
		cleanFlagged,
		clean: corpus.filter((s) => s.flags.length === 0).length,
		mistakes
	};
}
