/**
 * Side-by-side benchmark of our collaboration server, the stock y-websocket server
 * (@y/websocket-server 0.1.1) and Hocuspocus with its SQLite extension (issue 3).
 * Run with `npm run bench:collab` after `npm run build`; never part of the tests.
 *
 * Each server runs as its own child process on loopback, same Node, no compression,
 * no logging. Clients are real providers in this process (y-websocket with
 * disableBc, or Hocuspocus's own provider) typing into a TipTap-shaped document
 * (an XmlFragment of paragraphs) with open-loop Poisson arrivals. Latency runs from
 * the intended send time to arrival at every other client of the document.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { freePort } from '../tests/helpers/server';

type Kind = 'ours' | 'stock' | 'hocuspocus';

interface BenchClient {
	doc: Y.Doc;
	isSynced(): boolean;
	destroy(): void;
}

interface BenchServer {
	kind: Kind;
	port: number;
	child: ChildProcess;
	dir: string;
	docName(n: string): string;
	connect(docName: string): BenchClient;
	prefill?(docName: string, updates: Uint8Array[]): void;
}

process.setMaxListeners(10_000);
const quick = process.argv.includes('--quick');
// --latency-only: just the two latency runs, for quick comparisons while tuning.
const latencyOnly = process.argv.includes('--latency-only');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const kinds = (onlyArg ? onlyArg.slice('--only='.length).split(',') : ['ours', 'stock', 'hocuspocus']) as Kind[];
// --rounds=N: the latency runs alternate between the servers N times and pool their
// samples, so one unlucky stretch on a shared machine does not decide a ratio.
const roundsArg = process.argv.find((a) => a.startsWith('--rounds='));
const rounds = roundsArg ? Math.max(1, Number(roundsArg.slice('--rounds='.length))) : 3;
const seconds = (n: number) => (quick ? Math.max(2, n / 3) : n) * 1000;

// ---------- servers ----------

async function waitForPort(port: number): Promise<void> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const ok = await new Promise<boolean>((done) => {
			const ws = new WebSocket(`ws://127.0.0.1:${port}/probe`);
			ws.on('open', () => (ws.close(), done(true)));
			ws.on('unexpected-response', () => done(true));
			ws.on('error', () => done(false));
			ws.on('close', () => done(true));
		});
		if (ok) return;
		if (Date.now() > deadline) throw new Error(`nothing listening on ${port}`);
		await sleep(100);
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

function spawnServer(kind: Kind, port: number, dir: string): ChildProcess {
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
	if (kind === 'ours') {
		const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
		return spawn(process.execPath, [...profile, resolve('build/server.js')], {
			env: {
				...env,
				ORIGIN: `http://127.0.0.1:${port}`,
				DATABASE_PATH: join(dir, 'ours.sqlite'),
				DEMO: '1',
				COLLAB_MESSAGES_PER_SECOND: '10000',
				COLLAB_BYTES_PER_SECOND: String(64 * 1024 * 1024),
				COLLAB_UNLOAD_AFTER_MS: '600000'
			},
			stdio: 'ignore'
		});
	}
	if (kind === 'stock') {
		return spawn(process.execPath, [resolve('node_modules/@y/websocket-server/src/server.js')], { env, stdio: 'ignore' });
	}
	return spawn(process.execPath, [resolve('bench/servers/hocuspocus.mjs'), String(port), join(dir, 'hocuspocus.sqlite')], { env, stdio: 'ignore' });
}

async function oursSession(port: number): Promise<{ cookie: string; reviewId: string }> {
	const origin = `http://127.0.0.1:${port}`;
	const response = await fetch(`${origin}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'chair@demo.test', password: 'demo-password' })
	});
	const cookie = response.headers.get('set-cookie')!.split(';')[0];
	const reviews = await (await fetch(`${origin}/api/reviews`, { headers: { cookie } })).json();
	return { cookie, reviewId: reviews[0].id };
}

async function startBenchServer(kind: Kind): Promise<BenchServer> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), `bench-${kind}-`));
	const child = spawnServer(kind, port, dir);
	await waitForPort(port);
	const url = `ws://127.0.0.1:${port}`;
	if (kind === 'ours') {
		const { cookie, reviewId } = await oursSession(port);
		const origin = `http://127.0.0.1:${port}`;
		class Authed extends WebSocket {
			constructor(address: string | URL, protocols?: string | string[]) {
				super(address, protocols, { headers: { cookie, origin }, perMessageDeflate: false });
			}
		}
		// Event boards are the documents a review has many of; each needs its event planned first.
		const planned = new Set<string>();
		const boardFor = (n: string | number) => {
			const eventId = String(n).replace(/[^A-Za-z0-9_-]/g, '-');
			if (!planned.has(eventId)) {
				const db = new Database(join(dir, 'ours.sqlite'));
				const chair = db.prepare("select id from user where email = 'chair@demo.test'").get() as { id: string };
				db.prepare('insert or ignore into learning_event (id, review_id, title, kind, starts_at, agenda, episode_ids, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
					.run(eventId, reviewId, 'Bench board', 'practitioner', Date.now(), '[]', '[]', chair.id, Date.now());
				db.close();
				planned.add(eventId);
			}
			return `review/${reviewId}/event/${eventId}`;
		};
		return {
			kind, port, child, dir,
			docName: boardFor,
			connect: (docName) => yWebsocketClient(`${url}/collab`, docName, Authed as unknown as typeof WebSocket),
			prefill(docName, updates) {
				const db = new Database(join(dir, 'ours.sqlite'));
				const insert = db.prepare('insert into doc_update (doc_name, "update", user_id, created_at) values (?, ?, null, ?)');
				db.transaction(() => updates.forEach((u) => insert.run(docName, Buffer.from(u), Date.now())))();
				db.close();
			}
		};
	}
	if (kind === 'stock') {
		class Plain extends WebSocket {
			constructor(address: string | URL, protocols?: string | string[]) {
				super(address, protocols, { perMessageDeflate: false });
			}
		}
		return { kind, port, child, dir, docName: (n) => n, connect: (docName) => yWebsocketClient(url, docName, Plain as unknown as typeof WebSocket) };
	}
	return {
		kind, port, child, dir,
		docName: (n) => n,
		connect: (docName) => hocuspocusClient(url, docName),
		prefill(docName, updates) {
			const db = new Database(join(dir, 'hocuspocus.sqlite'));
			const doc = new Y.Doc();
			doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u)));
			db.prepare('insert or replace into documents (name, data) values (?, ?)').run(docName, Buffer.from(Y.encodeStateAsUpdate(doc)));
			db.close();
		}
	};
}

async function restart(server: BenchServer): Promise<void> {
	server.child = spawnServer(server.kind, server.port, server.dir);
	await waitForPort(server.port);
}

async function kill(server: BenchServer, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
	if (server.child.exitCode !== null || server.child.signalCode !== null) return;
	const exited = new Promise((r) => server.child.once('exit', r));
	server.child.kill(signal);
	await exited;
}

function yWebsocketClient(url: string, docName: string, polyfill: typeof WebSocket): BenchClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, docName, doc, {
		WebSocketPolyfill: polyfill as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 500
	});
	return { doc, isSynced: () => provider.synced, destroy: () => (provider.destroy(), doc.destroy()) };
}

function hocuspocusClient(url: string, docName: string): BenchClient {
	const doc = new Y.Doc();
	let synced = false;
	const provider = new HocuspocusProvider({
		url,
		name: docName,
		document: doc,
		WebSocketPolyfill: WebSocket,
		delay: 100,
		minDelay: 100,
		maxDelay: 500,
		factor: 1.5,
		onSynced: () => (synced = true),
		onDisconnect: () => (synced = false)
	} as ConstructorParameters<typeof HocuspocusProvider>[0]);
	return { doc, isSynced: () => synced && provider.isSynced, destroy: () => (provider.destroy(), doc.destroy()) };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await sleep(10);
	}
	return true;
}

function rssBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
	return match ? Number(match[1]) * 1024 : 0;
}

// ---------- workload ----------

interface LatencyResult {
	/** Every delivery's latency, sorted. */
	latencies: number[];
	p50: number;
	p95: number;
	p99: number;
	max: number;
	samples: number;
	sent: number;
	converged: boolean;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function typingRun(server: BenchServer, docs: number, clientsPerDoc: number, ratePerClient: number, durationMs: number, tag: string): Promise<LatencyResult> {
	const groups: BenchClient[][] = [];
	for (let d = 0; d < docs; d++) {
		const name = server.docName(`${tag}-${d}`);
		groups.push(Array.from({ length: clientsPerDoc }, () => server.connect(name)));
	}
	const all = groups.flat();
	await waitUntil(() => all.every((c) => c.isSynced()), 30_000);

	const intended = new Map<string, number>();
	const latencies: number[] = [];
	let measuring = true;
	for (const client of all) {
		client.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === null || origin === undefined || !measuring) return;
			const now = performance.now();
			const meta = Y.parseUpdateMeta(update);
			for (const [clientId, from] of meta.from) {
				const to = meta.to.get(clientId) ?? from;
				for (let clock = from; clock < to; clock++) {
					const sentAt = intended.get(`${clientId}:${clock}`);
					if (sentAt !== undefined) latencies.push(now - sentAt);
				}
			}
		});
	}
	// Each client types into its own paragraph, as in a TipTap document.
	const paragraphs = all.map((client) => {
		const paragraph = new Y.XmlElement('paragraph');
		const text = new Y.XmlText();
		paragraph.insert(0, [text]);
		client.doc.getXmlFragment('default').push([paragraph]);
		return text;
	});
	await sleep(500);

	let sent = 0;
	const started = performance.now();
	const timers: NodeJS.Timeout[] = [];
	all.forEach((client, index) => {
		let next = started + exponential(ratePerClient);
		const tick = () => {
			if (next - started > durationMs) return;
			const key = `${client.doc.clientID}:${Y.getState(client.doc.store, client.doc.clientID)}`;
			intended.set(key, next);
			paragraphs[index].insert(paragraphs[index].length, 'a');
			sent++;
			next += exponential(ratePerClient);
			timers.push(setTimeout(tick, Math.max(0, next - performance.now())));
		};
		timers.push(setTimeout(tick, Math.max(0, next - performance.now())));
	});
	await sleep(durationMs + 1500);
	measuring = false;
	timers.forEach(clearTimeout);

	const converged = await waitUntil(
		() => groups.every((group) => group.every((c) => Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(group[0].doc).toString())),
		15_000
	);
	const convergedContent = converged && groups.every((group) => group.every((c) => c.doc.getXmlFragment('default').toString() === group[0].doc.getXmlFragment('default').toString()));
	all.forEach((c) => c.destroy());
	latencies.sort((a, b) => a - b);
	const expected = sent * (clientsPerDoc - 1);
	return summarise(latencies, sent, convergedContent && latencies.length >= expected * 0.999);
}

/** Percentiles of latencies already sorted ascending. */
function summarise(latencies: number[], sent: number, converged: boolean): LatencyResult {
	return {
		latencies,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		max: latencies.at(-1) ?? NaN,
		samples: latencies.length,
		sent,
		converged
	};
}

function exponential(rate: number): number {
	return (-Math.log(1 - Math.random()) / rate) * 1000;
}

async function maxSustainedRate(server: BenchServer): Promise<{ rate: number; p99: number }> {
	let best = { rate: 0, p99: NaN };
	for (const perClient of [5, 10, 15, 20, 30, 40]) {
		const result = await typingRun(server, 20, 10, perClient, seconds(5), `rate-${perClient}`);
		if (!(result.p99 < 100) || !result.converged) break;
		best = { rate: perClient * 200, p99: result.p99 };
	}
	return best;
}

async function memoryPerDocument(server: BenchServer): Promise<{ perDocBytes: number; points: [number, number][] }> {
	const clients: BenchClient[] = [];
	const points: [number, number][] = [];
	for (const target of [10, 50, 100, 250, 500]) {
		while (clients.length < target) {
			const client = server.connect(server.docName(`mem-${clients.length}`));
			clients.push(client);
		}
		await waitUntil(() => clients.every((c) => c.isSynced()), 60_000);
		for (const client of clients.slice(points.length === 0 ? 0 : points.at(-1)![0])) {
			client.doc.getXmlFragment('default').push([new Y.XmlText('A short paragraph of a report section.')]);
		}
		await sleep(1500);
		points.push([target, rssBytes(server.child.pid!)]);
	}
	clients.forEach((c) => c.destroy());
	const n = points.length;
	const mx = points.reduce((s, p) => s + p[0], 0) / n;
	const my = points.reduce((s, p) => s + p[1], 0) / n;
	const slope = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
	return { perDocBytes: slope, points };
}

function hundredThousandUpdates(): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const paragraph = new Y.XmlElement('paragraph');
	const text = new Y.XmlText();
	paragraph.insert(0, [text]);
	doc.getXmlFragment('default').push([paragraph]);
	while (updates.length < 100_000) text.insert(text.length, 'x');
	return updates;
}

async function timeToSync(server: BenchServer, docName: string): Promise<number> {
	const started = performance.now();
	const client = server.connect(docName);
	await waitUntil(() => client.isSynced(), 60_000);
	const elapsed = performance.now() - started;
	client.destroy();
	return elapsed;
}

async function resyncAfterKill(server: BenchServer): Promise<number> {
	const clients: BenchClient[] = [];
	for (let d = 0; d < 20; d++) for (let c = 0; c < 10; c++) clients.push(server.connect(server.docName(`resync-${d}`)));
	await waitUntil(() => clients.every((c) => c.isSynced()), 30_000);
	await sleep(300);
	await kill(server);
	const restartedAt = performance.now();
	await restart(server);
	const ok = await waitUntil(() => clients.every((c) => c.isSynced()), 60_000);
	const elapsed = performance.now() - restartedAt;
	clients.forEach((c) => c.destroy());
	return ok ? elapsed : NaN;
}

// ---------- report ----------

interface Figures {
	oneDoc: LatencyResult;
	twentyDocs: LatencyResult;
	maxRate: { rate: number; p99: number };
	peakRss: number;
	perDoc: number;
	sync100k: number;
	sync100kCompacted: number;
	resync: number;
}

function pooled(results: LatencyResult[]): LatencyResult {
	const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
	return summarise(
		latencies,
		results.reduce((sum, r) => sum + r.sent, 0),
		results.every((r) => r.converged)
	);
}

function describeLatency(label: string, r: LatencyResult): string {
	return `${label}: p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} p99 ${r.p99.toFixed(1)} max ${r.max.toFixed(1)} ms (${r.samples} deliveries, converged ${r.converged})`;
}

type Latencies = Pick<Figures, 'oneDoc' | 'twentyDocs'>;

/** The two typing workloads, each server in turn, `rounds` times over. */
async function measureLatency(): Promise<Record<Kind, Latencies>> {
	const runs = new Map<Kind, { one: LatencyResult[]; twenty: LatencyResult[] }>(kinds.map((k) => [k, { one: [], twenty: [] }]));
	for (let round = 1; round <= rounds; round++) {
		for (const kind of kinds) {
			const server = await startBenchServer(kind);
			try {
				// Every server gets the same warm-up (JIT, pools, caches) before it is measured.
				await typingRun(server, 1, 50, 5, 2000, `warm-up-${round}`);
				const one = await typingRun(server, 1, 50, 5, seconds(10), `one-${round}`);
				const twenty = await typingRun(server, 20, 10, 5, seconds(10), `twenty-${round}`);
				console.log(`round ${round} ${kind}: 1x50 p99 ${one.p99.toFixed(1)} ms, 20x10 p99 ${twenty.p99.toFixed(1)} ms`);
				runs.get(kind)!.one.push(one);
				runs.get(kind)!.twenty.push(twenty);
			} finally {
				await kill(server, 'SIGTERM');
				rmSync(server.dir, { recursive: true, force: true });
			}
		}
	}
	const result = {} as Record<Kind, Latencies>;
	for (const [kind, { one, twenty }] of runs) {
		result[kind] = { oneDoc: pooled(one), twentyDocs: pooled(twenty) };
		console.log(`\n== ${kind}, ${rounds} round(s) pooled ==`);
		console.log(describeLatency('1 doc x 50 clients @5/s', result[kind].oneDoc));
		console.log(describeLatency('20 docs x 10 clients @5/s', result[kind].twentyDocs));
	}
	return result;
}

async function measure(kind: Kind, log100k: Uint8Array[], latency: Latencies): Promise<Figures> {
	const { oneDoc, twentyDocs } = latency;
	if (latencyOnly) return { oneDoc, twentyDocs, maxRate: { rate: NaN, p99: NaN }, peakRss: NaN, perDoc: NaN, sync100k: NaN, sync100kCompacted: NaN, resync: NaN };
	console.log(`\n== ${kind} ==`);
	const server = await startBenchServer(kind);
	try {
		const maxRate = await maxSustainedRate(server);
		console.log(`highest aggregate rate with p99 < 100 ms: ${maxRate.rate} updates/s`);
		const memory = await memoryPerDocument(server);
		console.log(`RSS per loaded document: ${(memory.perDocBytes / 1024).toFixed(1)} KiB (${memory.points.map(([n, b]) => `${n}:${(b / 1048576).toFixed(0)}MiB`).join(' ')})`);
		let sync100k = NaN;
		let sync100kCompacted = NaN;
		if (server.prefill) {
			const name = server.docName('hundred-thousand');
			await kill(server);
			server.prefill(name, log100k);
			await restart(server);
			sync100k = await timeToSync(server, name);
			await sleep(2000);
			// Restart so the next load reads the compacted snapshot, not a warm document.
			await kill(server, 'SIGTERM');
			await restart(server);
			sync100kCompacted = await timeToSync(server, name);
			console.log(`connect-to-synced, 100,000-update document: ${sync100k.toFixed(0)} ms; after compaction ${sync100kCompacted.toFixed(0)} ms`);
		}
		const resync = await resyncAfterKill(server);
		console.log(`200 clients resynced after kill -9 and restart in ${resync.toFixed(0)} ms`);
		const peakRss = rssBytes(server.child.pid!, 'VmHWM');
		return { oneDoc, twentyDocs, maxRate, peakRss, perDoc: memory.perDocBytes, sync100k, sync100kCompacted, resync };
	} finally {
		await kill(server, 'SIGTERM');
		rmSync(server.dir, { recursive: true, force: true });
	}
}

function ratio(ours: number, other: number): string {
	return Number.isFinite(ours) && Number.isFinite(other) && other !== 0 ? `${(ours / other).toFixed(2)}x` : 'n/a';
}

async function main(): Promise<void> {
	console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${quick ? ' (quick run)' : ''}, ${rounds} latency round(s)`);
	const log100k = hundredThousandUpdates();
	const latency = await measureLatency();
	const results: Partial<Record<Kind, Figures>> = {};
	for (const kind of kinds) results[kind] = await measure(kind, log100k, latency[kind]);
	if (kinds.length < 3) return;
	const ours = results.ours!;
	const rows: [string, (f: Figures) => number, string][] = [
		['1x50 p50 ms', (f) => f.oneDoc.p50, ''],
		['1x50 p95 ms', (f) => f.oneDoc.p95, ''],
		['1x50 p99 ms', (f) => f.oneDoc.p99, ''],
		['1x50 max ms', (f) => f.oneDoc.max, ''],
		['20x10 p50 ms', (f) => f.twentyDocs.p50, ''],
		['20x10 p95 ms', (f) => f.twentyDocs.p95, ''],
		['20x10 p99 ms', (f) => f.twentyDocs.p99, ''],
		['20x10 max ms', (f) => f.twentyDocs.max, ''],
		['max rate (p99<100ms) upd/s', (f) => f.maxRate.rate, ''],
		['peak RSS MiB', (f) => f.peakRss / 1048576, ''],
		['RSS per loaded doc KiB', (f) => f.perDoc / 1024, ''],
		['sync 100k-update doc ms', (f) => f.sync100k, ''],
		['sync after compaction ms', (f) => f.sync100kCompacted, ''],
		['resync 200 clients after kill -9 ms', (f) => f.resync, '']
	];
	console.log('\n| figure | ours | stock y-websocket | Hocuspocus + SQLite | ours/stock | ours/Hocuspocus |');
	console.log('|---|---|---|---|---|---|');
	for (const [label, pick] of rows) {
		const o = pick(ours);
		const s = pick(results.stock!);
		const h = pick(results.hocuspocus!);
		const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 0) : 'n/a');
		console.log(`| ${label} | ${fmt(o)} | ${fmt(s)} | ${fmt(h)} | ${ratio(o, s)} | ${ratio(o, h)} |`);
	}
	console.log(`\nConverged: ours ${ours.oneDoc.converged && ours.twentyDocs.converged}, stock ${results.stock!.oneDoc.converged && results.stock!.twentyDocs.converged}, Hocuspocus ${results.hocuspocus!.oneDoc.converged && results.hocuspocus!.twentyDocs.converged}`);
	console.log('Durability: ours commits every update to SQLite (WAL, synchronous=FULL) before relaying it;');
	console.log('the stock server keeps nothing on disk (a restart loses everything); Hocuspocus stores');
	console.log('the whole document after a 2 s debounce (10 s at most), so a crash loses recent edits.');
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	}
);
