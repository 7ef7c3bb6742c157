/**
 * How fast typing is in a long report (issue 15): key-to-frame latency and the time the
 * blame-free language check takes per keystroke, in Debian's Chromium, in a short report
 * and in an 80-page one (about 40,000 words, the analysis section about 10,700), with the
 * incremental check and with the full re-check it replaced, in the same run.
 * Run with `npm run bench:typing`; never part of the tests.
 *
 * The built server runs in demo mode on a free port. The report is written through the real
 * websocket by a y-websocket client signed in as the chair; the browser then opens the report
 * page as the chair, clicks into the middle paragraph of the Analysis section and types.
 * `window.languageCheckBench` (read by language-check-extension.ts) chooses the check and
 * adds up its time (`none` skips the check, for the floor of what typing costs without it).
 * A key's latency runs from its keydown to the first task after the next
 * animation frame, i.e. after the DOM change has been rendered.
 *
 * Options: --chars=N (keys typed per measurement, default 150), --rounds=N (default 2: the
 * six measurements (short and long, each with the three checks) run in turn N times and their samples are pooled).
 */
import * as Y from 'yjs';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../tests/helpers/server';
import { connectClient, waitFor, waitForSync } from '../tests/helpers/collab-client';
import { reportTemplate, sectionFragmentName } from '../src/lib/domain/report-template';

const option = (name: string, fallback: number) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const chars = option('chars', 150);
const rounds = option('rounds', 2);

// A small deterministic generator, so every run writes the same report.
let seed = 20_261_129;
function random(n: number): number {
	seed = (seed * 48_271) % 2_147_483_647;
	return seed % n;
}
const pick = <T>(items: readonly T[]): T => items[random(items.length)];

const agencies = ['The police', 'The GP practice', 'The hospital trust', 'Adult social care', 'The housing officer', 'The IDVA service', 'The health visitor', 'Children’s services'];
const actions = [
	'recorded a call from A about',
	'completed a DASH risk assessment after',
	'shared information with the MARAC about',
	'made a referral to the IDVA service following',
	'visited the address in relation to',
	'reviewed its case notes concerning',
	'wrote to A’s GP about',
	'held a strategy discussion on'
];
const subjects = [
	'the incident on 3 March 2019',
	'the injuries recorded at the emergency department',
	'the disclosure A made to the practice nurse',
	'the school’s concerns about C’s attendance',
	'the non-molestation order',
	'the repairs to the front door',
	'B’s release from custody',
	'the threats B made by text message'
];
const reflections = [
	'The panel considered how this looked to the practitioners at the time, with the information they had.',
	'Practitioners told the learning event that caseloads were high and supervision was irregular in that period.',
	'Local policy then required a risk assessment at every domestic incident, and the record does not show one.',
	'This was an opportunity to ask A directly about coercive and controlling behaviour.',
	'The information was not shared with the other agencies involved, so no one held the whole picture.',
	'The panel found good practice here: the worker followed up in writing and checked A was safe to talk.',
	'A’s family told the review she was frightened of what B would do if she spoke to anyone.',
	'The agency’s own review identified the same gap and has changed its guidance since.'
];
// Wordings the check flags, as agencies' records really put them.
const flagged = [
	'The record says she declined to engage with the IDVA at that time.',
	'The officer described it as a volatile relationship.',
	'She failed to attend the follow-up appointment at the clinic.',
	'With hindsight the worker should have known what was happening.',
	'The notes call it a domestic dispute between the couple.'
];

function sentence(withFlag: boolean): string {
	if (withFlag) return pick(flagged);
	return random(3) === 0 ? pick(reflections) : `${pick(agencies)} ${pick(actions)} ${pick(subjects)}.`;
}

/** Paragraphs of 60 to 110 words, one sentence in twelve flagged, until `words` are written. */
function prose(words: number): string[] {
	const paragraphs: string[] = [];
	let written = 0;
	while (written < words) {
		const target = 60 + random(50);
		let paragraph = '';
		let count = 0;
		while (count < target) {
			const next = sentence(random(12) === 0);
			paragraph += (paragraph ? ' ' : '') + next;
			count += next.split(' ').length;
		}
		paragraphs.push(paragraph);
		written += count;
	}
	return paragraphs;
}

/** Words per section: the analysis about 10,700 of about 40,000 (an 80-page report). */
function longReport(): Map<string, string[]> {
	const weights: Record<string, number> = { chronology: 6, overview: 4, background: 2, conclusions: 2, lessons: 2, recommendations: 1.5, 'executive-summary': 1.5 };
	const others = reportTemplate.filter((section) => section.key !== 'analysis');
	const total = others.reduce((sum, section) => sum + (weights[section.key] ?? 0.6), 0);
	const sections = new Map<string, string[]>([['analysis', prose(10_700)]]);
	for (const section of others) sections.set(section.key, prose(Math.round((29_300 * (weights[section.key] ?? 0.6)) / total)));
	return sections;
}

function shortReport(): Map<string, string[]> {
	return new Map([
		['introduction', prose(200)],
		['analysis', prose(600)],
		['conclusions', prose(250)]
	]);
}

const countWords = (sections: Map<string, string[]>) => [...sections.values()].flat().reduce((sum, text) => sum + text.split(' ').length, 0);

/** Replaces every section of the report with `sections`, through the websocket, one section per update. */
async function writeReport(server: RunningServer, reviewId: string, cookie: string, sections: Map<string, string[]>): Promise<void> {
	const client = connectClient(server, `review/${reviewId}/report`, cookie);
	try {
		await waitForSync(client);
		for (const section of reportTemplate) {
			const fragment = client.doc.getXmlFragment(sectionFragmentName(section.key));
			client.doc.transact(() => {
				fragment.delete(0, fragment.length);
				fragment.insert(
					0,
					(sections.get(section.key) ?? []).map((text) => {
						const paragraph = new Y.XmlElement('paragraph');
						paragraph.insert(0, [new Y.XmlText(text)]);
						return paragraph;
					})
				);
			});
		}
		// Everything sent has been stored and acknowledged once the provider has nothing unsynced.
		await new Promise((r) => setTimeout(r, 500));
		await waitFor(() => client.provider.wsconnected && client.provider.synced, 10_000, 'report written');
	} finally {
		client.destroy();
	}
}

interface Measurement {
	latencies: number[];
	checks: number[];
}

const typing = 'the panel notes that this was recorded at the time and shared with the agencies involved ';

type Mode = 'full' | 'incremental' | 'none';
const modes: Mode[] = ['full', 'incremental', 'none'];
const modeLabels: Record<Mode, string> = { full: 'before (full re-check)', incremental: 'after (incremental)', none: 'no check at all (floor)' };

async function measure(browser: Browser, server: RunningServer, reviewId: string, cookie: string, mode: Mode): Promise<Measurement> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), url: server.origin }]);
	await context.addInitScript((chosen) => {
		const bench = { mode: chosen, ms: 0, transactions: 0 };
		const samples = { latencies: [] as number[], checks: [] as number[], measuring: false };
		Object.assign(window, { languageCheckBench: bench, typingSamples: samples });
		document.addEventListener(
			'keydown',
			() => {
				if (!samples.measuring) return;
				const pressed = performance.now();
				const checkedBefore = bench.ms;
				requestAnimationFrame(() => {
					// The first task after the frame: the change has been laid out and painted.
					const channel = new MessageChannel();
					channel.port1.onmessage = () => {
						samples.latencies.push(performance.now() - pressed);
						samples.checks.push(bench.ms - checkedBefore);
					};
					channel.port2.postMessage(null);
				});
			},
			true
		);
	}, mode);
	const page = await context.newPage();
	await page.goto(`${server.origin}/reviews/${reviewId}/report`);
	await page.getByTestId('report-loading').waitFor({ state: 'detached' });
	const paragraphs = page.locator('[data-section="analysis"] > p');
	await paragraphs.first().waitFor();
	const middle = paragraphs.nth(Math.floor((await paragraphs.count()) / 2));
	await middle.click();
	await page.keyboard.press('End');
	await page.keyboard.type('Warm up. ', { delay: 20 });
	await page.waitForTimeout(300);
	await page.evaluate(() => ((window as unknown as { typingSamples: { measuring: boolean } }).typingSamples.measuring = true));
	const text = typing.repeat(Math.ceil(chars / typing.length)).slice(0, chars);
	await page.keyboard.type(text, { delay: 25 });
	await page.waitForTimeout(300);
	const samples = await page.evaluate(() => (window as unknown as { typingSamples: Measurement }).typingSamples);
	await context.close();
	return { latencies: samples.latencies, checks: samples.checks };
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function signedInCookie(origin: string, email: string): Promise<string> {
	const response = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) });
	return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

console.log(`Editor typing benchmark, Node ${process.version}, ${chars} keys per measurement, ${rounds} rounds`);
const server = await startServer();
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
try {
	const cookie = await signedInCookie(server.origin, 'chair@demo.test');
	const review = (await (await fetch(`${server.origin}/api/reviews`, { headers: { cookie } })).json())[0];
	const reports = { short: shortReport(), long: longReport() };
	const results = new Map<string, Measurement>();
	for (let round = 0; round < rounds; round++) {
		for (const size of ['short', 'long'] as const) {
			await writeReport(server, review.id, cookie, reports[size]);
			for (const mode of modes) {
				const measured = await measure(browser, server, review.id, cookie, mode);
				const pooled = results.get(`${size}/${mode}`) ?? { latencies: [], checks: [] };
				pooled.latencies.push(...measured.latencies);
				pooled.checks.push(...measured.checks);
				results.set(`${size}/${mode}`, pooled);
			}
		}
	}
	const analysisWords = (sections: Map<string, string[]>) => countWords(new Map([['analysis', sections.get('analysis') ?? []]]));
	console.log(`\nShort report: ${countWords(reports.short).toLocaleString('en-GB')} words (analysis ${analysisWords(reports.short).toLocaleString('en-GB')})`);
	console.log(`Long report: ${countWords(reports.long).toLocaleString('en-GB')} words (analysis ${analysisWords(reports.long).toLocaleString('en-GB')}), about 80 pages`);
	const row = (label: string, values: string[]) => console.log(`| ${label} | ${values.join(' | ')} |`);
	console.log('');
	row('check', ['report', 'keys', 'key-to-frame p50 ms', 'key-to-frame p95 ms', 'language check p50 ms', 'language check p95 ms', 'check mean ms']);
	row('---', ['---', '---', '---', '---', '---', '---', '---']);
	for (const mode of modes) {
		for (const size of ['short', 'long'] as const) {
			const { latencies, checks } = results.get(`${size}/${mode}`)!;
			const mean = checks.reduce((sum, value) => sum + value, 0) / checks.length;
			row(modeLabels[mode], [size, String(latencies.length), percentile(latencies, 50).toFixed(1), percentile(latencies, 95).toFixed(1), percentile(checks, 50).toFixed(2), percentile(checks, 95).toFixed(2), mean.toFixed(2)]);
		}
	}
	console.log('\nLong report / short report:');
	for (const mode of modes) {
		const long = results.get(`long/${mode}`)!;
		const short = results.get(`short/${mode}`)!;
		console.log(
			`  ${modeLabels[mode]}: key-to-frame p50 ${(percentile(long.latencies, 50) / percentile(short.latencies, 50)).toFixed(2)}x, p95 ${(percentile(long.latencies, 95) / percentile(short.latencies, 95)).toFixed(2)}x; language check p95 ${(percentile(long.checks, 95) / Math.max(0.01, percentile(short.checks, 95))).toFixed(1)}x`
		);
	}
} finally {
	await browser.close();
	await server.dispose();
}
