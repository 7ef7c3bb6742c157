/**
 * How the language check's corpus is written down (issue 15): each sentence with its
 * style and the passages a careful reviewer would flag, in order, with their category.
 */
import type { LanguageCategory } from './language-check';

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

export interface CategoryScore {
	found: number;
	wrong: number;
	missed: number;
	precision: number;
	recall: number;
}

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
	const tally = { 'victim-blaming': { found: 0, wrong: 0, missed: 0 }, minimising: { found: 0, wrong: 0, missed: 0 }, hindsight: { found: 0, wrong: 0, missed: 0 } };
	const mistakes: string[] = [];
	let cleanFlagged = 0;
	for (const { text, flags: labels } of corpus) {
		const expected = labels.map((label) => {
			const start = text.indexOf(label.text);
			return { ...label, start, end: start + label.text.length, matched: false };
		});
		const flags = check(text);
		if (labels.length === 0 && flags.length > 0) cleanFlagged++;
		for (const flag of flags) {
			const hit = expected.find((e) => !e.matched && e.category === flag.category && flag.start < e.end && e.start < flag.end);
			if (hit) {
				hit.matched = true;
				tally[flag.category].found++;
			} else {
				tally[flag.category].wrong++;
				mistakes.push(`wrongly flagged "${flag.text}" (${flag.category}) in: ${text}`);
			}
		}
		for (const e of expected.filter((e) => !e.matched)) {
			tally[e.category].missed++;
			mistakes.push(`missed "${e.text}" (${e.category}) in: ${text}`);
		}
	}
	const score = (t: { found: number; wrong: number; missed: number }): CategoryScore => ({
		...t,
		precision: t.found + t.wrong === 0 ? 1 : t.found / (t.found + t.wrong),
		recall: t.found + t.missed === 0 ? 1 : t.found / (t.found + t.missed)
	});
	const all = Object.values(tally).reduce((a, t) => ({ found: a.found + t.found, wrong: a.wrong + t.wrong, missed: a.missed + t.missed }), { found: 0, wrong: 0, missed: 0 });
	return {
		byCategory: { 'victim-blaming': score(tally['victim-blaming']), minimising: score(tally.minimising), hindsight: score(tally.hindsight) },
		overall: score(all),
		cleanFlagged,
		clean: corpus.filter((s) => s.flags.length === 0).length,
		mistakes
	};
}
