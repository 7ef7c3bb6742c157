/**
 * How fast the integrated chronology is at 5,000 and 50,000 entries (issue 4).
 * Run with `npm run bench:chronology`; never part of the tests.
 *
 * Part 1 times the domain work the page repeats on every change: reading an
 * agency's entries out of its Yjs document, merging and ordering six agencies,
 * filtering, and flagging cross-agency duplicates. The reference is a bare
 * `Array.prototype.sort` of the same entries by date in the same process, so the
 * ratio says what our ordering and intervals cost on this machine.
 *
 * Part 2 (skip with --no-browser) measures the real page in Debian's Chromium: the
 * built server with 5,000 extra entries imported, time until the list is shown,
 * how many entries are in the DOM (virtualised), and how long a search takes.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { chromium } from 'playwright-core';
import { addEntry, readEntries } from '../src/lib/collab/chronology-doc';
import { crossAgencyDuplicates, filterEntries, mergeChronologies, type ChronologyEntry, type EntryAnalysis, type EntryFields } from '../src/lib/domain/chronology';
import { startServer } from '../tests/helpers/server';

const agencies = ['Police', 'GP practice', 'Hospital trust', 'Adult social care', 'Housing', 'IDVA service'].map((name, index) => ({ id: `agency-${index}`, name }));
const words = ['visit', 'call', 'referral', 'assessment', 'letter', 'disclosure', 'injury', 'alarm', 'advice', 'appointment', 'review', 'arrest'];

function fieldsFor(index: number): EntryFields {
	const day = new Date(Date.UTC(2018, 0, 1) + ((index * 7919) % (365 * 4)) * 86_400_000).toISOString().slice(0, 10);
	return {
		date: day,
		datePrecision: 'day',
		approximate: false,
		time: index % 3 === 0 ? `${String(index % 24).padStart(2, '0')}:15` : '',
		subjects: ['victim'],
		source: `Record ${index}`,
		summary: `Entry ${index}: ${words[index % words.length]} and ${words[(index * 5) % words.length]} with A`,
		action: 'Recorded.',
		afterDeath: false
	};
}

function time<T>(run: () => T, repeat = 5): { ms: number; result: T } {
	let result = run();
	const started = performance.now();
	for (let i = 0; i < repeat; i++) result = run();
	return { ms: (performance.now() - started) / repeat, result };
}

function domainBench(total: number): void {
	const perAgency = Math.ceil(total / agencies.length);
	const docs = agencies.map((agency, a) => {
		const doc = new Y.Doc();
		doc.transact(() => {
			for (let i = 0; i < perAgency; i++) addEntry(doc, `${agency.id}-${i}`, fieldsFor(a * perAgency + i), 'user', new Date());
		});
		return doc;
	});
	const read = time(() => readEntries(docs[0]));
	const chronologies = docs.map((doc, index) => ({ agency: agencies[index], entries: readEntries(doc) }));
	const flat: ChronologyEntry[] = chronologies.flatMap((c) => c.entries);
	const reference = time(() => [...flat].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
	const merge = time(() => mergeChronologies(chronologies, '1985-06-01'));
	const merged = merge.result;
	const analysis = new Map<string, EntryAnalysis>(merged.filter((_, i) => i % 10 === 0).map((entry) => [entry.id, { tags: ['missed opportunity'], keyEpisode: true, note: '' }]));
	const search = time(() => filterEntries(merged, { text: 'disclosure' }, (id) => analysis.get(id)));
	const combined = time(() => filterEntries(merged, { agencyIds: ['agency-0', 'agency-3'], tag: 'missed opportunity', from: '2019-01-01', to: '2020-12-31' }, (id) => analysis.get(id)));
	const duplicates = time(() => crossAgencyDuplicates(merged), 2);
	const row = (label: string, ms: number) => console.log(`  ${label.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms   ${(ms / reference.ms).toFixed(1).padStart(6)}x reference`);
	console.log(`\n${total.toLocaleString('en-GB')} entries (${agencies.length} agencies)`);
	row('reference: Array.sort by date', reference.ms);
	row(`read one agency's ${perAgency.toLocaleString('en-GB')} entries from Yjs`, read.ms);
	row('merge, order, intervals and ages', merge.ms);
	row(`search for a word (${search.result.length} found)`, search.ms);
	row(`agency + tag + date range (${combined.result.length} found)`, combined.ms);
	row(`cross-agency duplicates (${duplicates.result.size} flagged)`, duplicates.ms);
	const perEdit = read.ms + merge.ms + search.ms;
	console.log(`  one edit re-reads one agency, merges and filters: ${perEdit.toFixed(1)} ms (${perEdit < 16 ? 'within' : 'over'} one 60 Hz frame)`);
	for (const doc of docs) doc.destroy();
}

async function browserBench(extra: number): Promise<void> {
	const server = await startServer();
	try {
		const police = await signedInCookie(server.origin, 'police@demo.test');
		const chair = await signedInCookie(server.origin, 'chair@demo.test');
		const review = (await (await fetch(`${server.origin}/api/reviews`, { headers: { cookie: chair } })).json())[0];
		const { agencyId } = await (await fetch(`${server.origin}/api/reviews/${review.id}`, { headers: { cookie: police } })).json();
		const csv = ['Date,Source,Summary', ...Array.from({ length: extra }, (_, i) => { const f = fieldsFor(i); return `${f.date.split('-').reverse().join('/')},${f.source},${f.summary}`; })].join('\n');
		const form = new FormData();
		form.set('agencyId', agencyId);
		form.set('file', new Blob([csv]), 'bench.csv');
		const started = performance.now();
		const imported = await fetch(`${server.origin}/reviews/${review.id}/chronology/import?/import`, { method: 'POST', headers: { cookie: police, origin: server.origin, 'x-sveltekit-action': 'true' }, body: form });
		console.log(`\nBrowser (Chromium), the demo review plus ${extra.toLocaleString('en-GB')} imported entries`);
		console.log(`  import of ${extra.toLocaleString('en-GB')} rows, one transaction: ${(performance.now() - started).toFixed(0)} ms (HTTP ${imported.status})`);

		const browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		});
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		await context.addCookies([{ name: chair.split('=')[0], value: chair.split('=').slice(1).join('='), url: server.origin }]);
		const page = await context.newPage();
		const opened = performance.now();
		await page.goto(`${server.origin}/reviews/${review.id}/chronology`);
		await page.getByTestId('entry-count').waitFor();
		const shown = performance.now() - opened;
		const count = await page.getByTestId('entry-count').textContent();
		await page.getByRole('feed').evaluate((list) => list.scrollIntoView());
		await page.getByTestId('entry').first().waitFor();
		const inDom = await page.getByTestId('entry').count();
		const longTasks = await page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					let longest = 0;
					new PerformanceObserver((list) => list.getEntries().forEach((entry) => (longest = Math.max(longest, entry.duration)))).observe({ type: 'longtask', buffered: true });
					setTimeout(() => resolve(longest), 300);
				})
		);
		const searchStarted = performance.now();
		await page.getByLabel('Search').fill('disclosure');
		await page.getByTestId('entry-count').filter({ hasText: 'Showing' }).waitFor();
		const searched = performance.now() - searchStarted;
		const scrollStarted = performance.now();
		await page.mouse.wheel(0, 20_000);
		await page.waitForTimeout(50);
		const scrolled = performance.now() - scrollStarted - 50;
		console.log(`  page open to list shown (7 live documents synced): ${shown.toFixed(0)} ms; ${count}`);
		console.log(`  entries in the DOM (virtualised): ${inDom}`);
		console.log(`  longest main-thread task while loading: ${longTasks.toFixed(0)} ms`);
		console.log(`  search typed to list updated: ${searched.toFixed(0)} ms; a long scroll: ${scrolled.toFixed(0)} ms`);
		await browser.close();
	} finally {
		await server.dispose();
	}
}

async function signedInCookie(origin: string, email: string): Promise<string> {
	const response = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) });
	return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

console.log(`Chronology benchmark, Node ${process.version}`);
domainBench(5_000);
domainBench(50_000);
if (!process.argv.includes('--no-browser')) await browserBench(5_000);
