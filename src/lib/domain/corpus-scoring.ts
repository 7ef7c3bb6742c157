/**
 * Precision and recall of a check against a labelled corpus, shared by the language check's
 * and the identifier scan's benchmarks. A result counts as found when it overlaps a labelled
 * passage of the same label (where a match starts and ends is a matter of taste); each
 * labelled passage is found at most once.
 */
export interface Tally {
	found: number;
	wrong: number;
	missed: number;
}

export interface SpanScore extends Tally {
	precision: number;
	recall: number;
}

export interface LabelledSpan<L extends string> {
	start: number;
	end: number;
	text: string;
	label: L;
}

export function emptyTallies<L extends string>(labels: readonly L[]): Record<L, Tally> {
	return Object.fromEntries(labels.map((label) => [label, { found: 0, wrong: 0, missed: 0 }])) as Record<L, Tally>;
}

/** Counts one sentence's results against its labelled passages; says each mistake in `mistakes`. */
export function tallySentence<L extends string>(text: string, expected: LabelledSpan<L>[], results: LabelledSpan<L>[], tally: Record<L, Tally>, mistakes: string[], foundWord: string): void {
	const unmatched = expected.map((passage) => ({ ...passage, matched: false }));
	for (const result of results) {
		const hit = unmatched.find((e) => !e.matched && e.label === result.label && result.start < e.end && e.start < result.end);
		if (hit) {
			hit.matched = true;
			tally[result.label].found++;
		} else {
			tally[result.label].wrong++;
			mistakes.push(`wrongly ${foundWord} "${result.text}" (${result.label}) in: ${text}`);
		}
	}
	for (const e of unmatched.filter((e) => !e.matched)) {
		tally[e.label].missed++;
		mistakes.push(`missed "${e.text}" (${e.label}) in: ${text}`);
	}
}

export function spanScore(t: Tally): SpanScore {
	return {
		...t,
		precision: t.found + t.wrong === 0 ? 1 : t.found / (t.found + t.wrong),
		recall: t.found + t.missed === 0 ? 1 : t.found / (t.found + t.missed)
	};
}

/** Every label's counts together. */
export function overallScore(tallies: Record<string, Tally>): SpanScore {
	return spanScore(Object.values(tallies).reduce((a, t) => ({ found: a.found + t.found, wrong: a.wrong + t.wrong, missed: a.missed + t.missed }), { found: 0, wrong: 0, missed: 0 }));
}
