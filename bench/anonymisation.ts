/**
 * The identifier scan on text it was not tuned on (issue 16). Run with
 * `npm run bench:anonymisation`; never part of the tests.
 *
 * 1. Precision and recall per kind on the held-out corpus
 *    (`src/lib/domain/anonymisation.held-out.ts`), with the tune part beside it, and the
 *    issue's targets: recall ≥ 0.95 for register terms and structured identifiers, ≥ 0.8
 *    for names not in the register, precision ≥ 0.9 overall.
 * 2. The time to scan a 1 MB text.
 *
 * `--mistakes` lists every miss and wrong finding on the held-out part.
 */
import { performance } from 'node:perf_hooks';
import { createScanner } from '../src/lib/domain/anonymisation';
import { tune } from '../src/lib/domain/anonymisation.corpus';
import { heldOut } from '../src/lib/domain/anonymisation.held-out';
import { corpusLabels, corpusRegister, scoreCorpus, type CorpusScore, type CorpusSentence } from '../src/lib/domain/anonymisation.corpus-format';

const f = (n: number) => n.toFixed(2);
const scanner = createScanner(corpusRegister);
const score = (corpus: CorpusSentence[]) => scoreCorpus(corpus, (text) => scanner.scan(text));

function table(title: string, result: CorpusScore) {
	console.log(`\n${title}\n`);
	console.log('| kind | precision | recall | found | wrong | missed |');
	console.log('|---|---|---|---|---|---|');
	for (const label of corpusLabels) {
		const s = result.byLabel[label];
		console.log(`| ${label} | ${f(s.precision)} | ${f(s.recall)} | ${s.found} | ${s.wrong} | ${s.missed} |`);
	}
	const o = result.overall;
	console.log(`| **overall** | **${f(o.precision)}** | **${f(o.recall)}** | ${o.found} | ${o.wrong} | ${o.missed} |`);
	const structured = corpusLabels.filter((l) => l !== 'register' && l !== 'name').map((l) => result.byLabel[l]);
	const found = structured.reduce((n, s) => n + s.found, 0);
	const missed = structured.reduce((n, s) => n + s.missed, 0);
	const groups = [
		['register terms', result.byLabel.register.recall, 0.95],
		['structured identifiers', found / (found + missed), 0.95],
		['names not in the register', result.byLabel.name.recall, 0.8]
	] as const;
	for (const [name, recall, target] of groups) console.log(`recall, ${name}: ${f(recall)} (target ≥ ${target}) ${recall >= target ? 'met' : 'NOT MET'}`);
	console.log(`precision overall: ${f(o.precision)} (target ≥ 0.9) ${o.precision >= 0.9 ? 'met' : 'NOT MET'}`);
}

const labelled = (c: CorpusSentence[]) => c.filter((s) => s.labels.length).length;
console.log(
	`Corpus: ${tune.length + heldOut.length} sentences; held out ${heldOut.length} (${labelled(heldOut)} with identifiers, ${heldOut.length - labelled(heldOut)} traps), tune ${tune.length}.`
);
const held = score(heldOut);
table('Held-out part (never tuned on)', held);
table('Tune part', score(tune));
if (process.argv.includes('--mistakes')) console.log('\n' + held.mistakes.join('\n'));

// A 1 MB text made of the corpus, as a long report would read.
const all = [...tune, ...heldOut].map((s) => s.text).join(' ');
const megabyte = all.repeat(Math.ceil(1_000_000 / all.length)).slice(0, 1_000_000);
const started = performance.now();
const findings = scanner.scan(megabyte).length;
console.log(`\n1 MB scanned in ${Math.round(performance.now() - started)} ms (${findings} findings; scanned in pieces of 200,000 characters).`);
