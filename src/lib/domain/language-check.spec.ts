import { describe, expect, it } from 'vitest';
import { checkLanguage, customTerm, customTermProblems, lexicon } from './language-check';
import { cleanSentences, flaggedSentences } from './language-check.corpus';

describe('checkLanguage', () => {
	it('reports offsets into the text, with why and a suggestion', () => {
		const text = 'On 3 March she declined to engage.';
		const [flag] = checkLanguage(text);
		expect(text.slice(flag.start, flag.end)).toBe('declined to engage');
		expect(flag).toMatchObject({ termId: 'declined-to-engage', category: 'victim-blaming' });
		expect(flag.why.length).toBeGreaterThan(20);
		expect(flag.suggestion.length).toBeGreaterThan(10);
	});

	it('matches inflections and phrases across line breaks, never inside other words', () => {
		expect(checkLanguage('She refuses to\nengage.').map((f) => f.termId)).toEqual(['declined-to-engage']);
		expect(checkLanguage('He was arguing with her.').map((f) => f.text)).toEqual(['arguing']);
		expect(checkLanguage('An unprovoked attack; reengagement; counterargument.')).toEqual([]);
	});

	it('prefers the longest overlapping term', () => {
		expect(checkLanguage('She failed to attend.').map((f) => f.termId)).toEqual(['failed-to-attend']);
	});

	it('every lexicon term has an explanation and a suggestion, and ids are unique', () => {
		expect(new Set(lexicon.map((t) => t.id)).size).toBe(lexicon.length);
		for (const term of lexicon) {
			expect(term.why, term.id).toMatch(/\w{3,}/);
			expect(term.suggestion, term.id).toMatch(/\w{3,}/);
		}
	});

	it('adds a review’s own terms, literally and case-insensitively', () => {
		const term = customTerm('custom-1', 'Mr (X)', 'Use the pseudonym.', 'Write "Adult B".');
		expect(checkLanguage('We met mr  (x) twice.', [term]).map((f) => f.text)).toEqual(['mr  (x)']);
		expect(customTermProblems('  ')).toHaveLength(1);
		expect(customTermProblems('volatile')).toEqual([]);
	});

	it('reaches precision and recall of at least 0.9 on a corpus of 100+ sentences', () => {
		const corpus = [...flaggedSentences, ...cleanSentences];
		expect(corpus.length).toBeGreaterThanOrEqual(100);
		let truePositives = 0;
		let falsePositives = 0;
		let falseNegatives = 0;
		const misses: string[] = [];
		for (const { text, flags } of corpus) {
			const found = checkLanguage(text).map((f) => f.text.toLowerCase());
			const expected = flags.map((f) => f.toLowerCase());
			for (const phrase of found) {
				const index = expected.indexOf(phrase);
				if (index >= 0) {
					truePositives++;
					expected.splice(index, 1);
				} else {
					falsePositives++;
					misses.push(`unexpected "${phrase}" in: ${text}`);
				}
			}
			falseNegatives += expected.length;
			for (const phrase of expected) misses.push(`missed "${phrase}" in: ${text}`);
		}
		const precision = truePositives / (truePositives + falsePositives);
		const recall = truePositives / (truePositives + falseNegatives);
		console.log(`language check on ${corpus.length} sentences: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${truePositives} found, ${falsePositives} wrong, ${falseNegatives} missed)`);
		if (misses.length) console.log(misses.join('\n'));
		expect(precision).toBeGreaterThanOrEqual(0.9);
		expect(recall).toBeGreaterThanOrEqual(0.9);
	});
});
