/**
 * The blame-free language check on text it was not tuned on (issue 15). Run with
 * `npm run bench:language`; never part of the tests.
 *
 * 1. Precision and recall per category on the held-out corpus
 *    (`src/lib/domain/language-check.held-out.ts`), with the tune part and the old
 *    fixed-string check (`bench/language-check-fixed-strings.ts`) beside it.
 * 2. The cost per paragraph of about 40 words, as the editor checks them: without the
 *    remembered results (a paragraph just typed in), with them (a paragraph unchanged
 *    since the last check), and the old check as the reference, in the same run.
 *
 * `--mistakes` lists every miss and wrong flag on the held-out part.
 */
import { performance } from 'node:perf_hooks';
import { checkLanguage, forgetLanguageChecks, type LanguageCategory } from '../src/lib/domain/language-check';
import { heldOut } from '../src/lib/domain/language-check.held-out';
import { tune } from '../src/lib/domain/language-check.corpus';
import { scoreCorpus, type CorpusScore, type CorpusSentence } from '../src/lib/domain/language-check.corpus-format';
import { checkLanguage as checkFixedStrings } from './language-check-fixed-strings';

const categories: LanguageCategory[] = ['victim-blaming', 'minimising', 'hindsight'];
const f = (n: number) => n.toFixed(2);

function scoreTable(title: string, rows: [string, CorpusScore][]) {
	console.log(`\n${title}\n`);
	console.log('| check | category | precision | recall | found | wrong | missed |');
	console.log('|---|---|---|---|---|---|---|');
	for (const [name, score] of rows) {
		for (const category of categories) {
			const s = score.byCategory[category];
			console.log(`| ${name} | ${category} | ${f(s.precision)} | ${f(s.recall)} | ${s.found} | ${s.wrong} | ${s.missed} |`);
		}
		const o = score.overall;
		console.log(`| ${name} | **overall** | **${f(o.precision)}** | **${f(o.recall)}** | ${o.found} | ${o.wrong} | ${o.missed} |`);
		console.log(`| ${name} | clean sentences flagged | ${score.cleanFlagged} of ${score.clean} | | | | |`);
	}
}

const fixedStrings = (corpus: CorpusSentence[]) => scoreCorpus(corpus, (text) => checkFixedStrings(text));
const generalised = (corpus: CorpusSentence[]) => scoreCorpus(corpus, (text) => checkLanguage(text));

const heldOutLabels = heldOut.reduce((n, s) => n + s.flags.length, 0);
console.log(`Corpus: ${tune.length + heldOut.length} sentences; held out ${heldOut.length} (${heldOutLabels} labelled passages, ${heldOut.filter((s) => !s.flags.length).length} clean), tune ${tune.length}.`);
const heldOutScore = generalised(heldOut);
scoreTable('Held-out part (never tuned on)', [
	['generalised', heldOutScore],
	['fixed strings (before)', fixedStrings(heldOut)]
]);
for (const style of ['chronology', 'report', 'learning event'] as const) {
	const part = heldOut.filter((s) => s.style === style);
	const o = generalised(part).overall;
	console.log(`held out, ${style} (${part.length} sentences): precision ${f(o.precision)}, recall ${f(o.recall)}`);
}
scoreTable('Tune part', [['generalised', generalised(tune)]]);
if (process.argv.includes('--mistakes')) console.log('\n' + heldOutScore.mistakes.join('\n'));

// Paragraphs of about 40 words built from the corpus, so their wording is realistic.
function paragraphsOf(sentences: CorpusSentence[]): string[] {
	const paragraphs: string[] = [];
	let current: string[] = [];
	let words = 0;
	for (const { text } of sentences) {
		current.push(/[.!?]$/.test(text) ? text : `${text}.`);
		words += text.split(/\s+/).length;
		if (words >= 40) {
			paragraphs.push(current.join(' '));
			current = [];
			words = 0;
		}
	}
	return paragraphs;
}

const all = [...tune, ...heldOut];
const mixed = paragraphsOf(all);
const clean = paragraphsOf(all.filter((s) => s.flags.length === 0));
const meanWords = mixed.reduce((n, p) => n + p.split(/\s+/).length, 0) / mixed.length;

function microsecondsPer(paragraphs: string[], check: (text: string) => unknown, forget: boolean, rounds: number): number {
	const started = performance.now();
	for (let round = 0; round < rounds; round++) {
		for (const text of paragraphs) {
			if (forget) forgetLanguageChecks();
			check(text);
		}
	}
	return ((performance.now() - started) * 1000) / (rounds * paragraphs.length);
}

const firstStarted = performance.now();
forgetLanguageChecks();
checkLanguage('She kept declining the offers of support.');
const firstCall = performance.now() - firstStarted;
// Warm up both checks before timing.
microsecondsPer(mixed, (t) => checkLanguage(t), true, 3);
microsecondsPer(mixed, (t) => checkFixedStrings(t), false, 3);

const rounds = 20;
forgetLanguageChecks();
const rows: [string, number][] = [
	['fixed strings (before), any paragraph', microsecondsPer(mixed, (t) => checkFixedStrings(t), false, rounds)],
	['generalised, paragraph just typed (mixed)', microsecondsPer(mixed, (t) => checkLanguage(t), true, rounds)],
	['generalised, paragraph just typed (clean text)', microsecondsPer(clean, (t) => checkLanguage(t), true, rounds)],
	['generalised, paragraph unchanged (remembered)', (microsecondsPer(mixed, (t) => checkLanguage(t), false, 1), microsecondsPer(mixed, (t) => checkLanguage(t), false, rounds))]
];
console.log(`\nCost per paragraph (${mixed.length} paragraphs of ${meanWords.toFixed(0)} words on average, from the corpus; ${clean.length} of clean sentences only)\n`);
console.log('| check | µs per paragraph |');
console.log('|---|---|');
for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(0)} |`);
console.log(`| first check after loading (tagger warms up), once | ${(firstCall * 1000).toFixed(0)} |`);

// An 80-page report: about 42,000 words, the longest section 10,700 (issue 15). If the
// editor re-checks the whole section on each keystroke, every paragraph but the one
// typed in is remembered; checking only the touched paragraph costs one fresh check.
const sectionParagraphs = Math.round(10700 / meanWords);
const fresh = rows[1][1];
const rememberedCost = rows[3][1];
console.log(`\nPer keystroke, 80-page report (longest section about ${sectionParagraphs} paragraphs):`);
console.log(`- re-checking only the paragraph typed in: ${(fresh / 1000).toFixed(2)} ms`);
console.log(`- re-checking the whole section, others remembered: ${((fresh + rememberedCost * (sectionParagraphs - 1)) / 1000).toFixed(2)} ms`);
console.log(`- re-checking the whole section with the old check: ${((rows[0][1] * sectionParagraphs) / 1000).toFixed(2)} ms`);
