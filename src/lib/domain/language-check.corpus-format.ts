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
