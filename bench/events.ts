/**
 * Update latency on one learning-event board with 40 participants contributing
 * (issue 7). Run with `npm run bench:events`; never part of the tests.
 *
 * The built server runs as a child process on loopback with the demo review. The
 * moderator plans an event that is running now; 40 guest practitioners join by
 * their invitation links, acknowledge the ground rules and open the board with real
 * y-websocket providers. Then two phases, each at the same Poisson rate:
 *
 * - reference: the moderator's own client changes the board's live state over the
 *   websocket (the path every live edit takes);
 * - contributions: participants post contributions over HTTP; the server checks
 *   them, stores them with their author in SQLite, and writes them into the board
 *   under a fresh client id, which the providers then receive.
 *
 * Latency runs from the moment of sending to arrival at every participant's client;
 * the ratio says what the server-written path costs against a plain relayed edit.
 */
import { performance } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { ApiClient, startServer } from '../tests/helpers/server';
import { connectClient, waitFor, waitForSync, type CollabClient } from '../tests/helpers/collab-client';
import { eventStartFields } from '../tests/helpers/uk-time';

// Each provider's websocket adds a process listener; 40 of them are expected here.
process.setMaxListeners(0);

const participants = Number(process.argv.find((a) => a.startsWith('--participants='))?.split('=')[1] ?? 40);
const updates = Number(process.argv.find((a) => a.startsWith('--updates='))?.split('=')[1] ?? 400);
const ratePerSecond = Number(process.argv.find((a) => a.startsWith('--rate='))?.split('=')[1] ?? 20);

function percentiles(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const poissonGap = () => -Math.log(1 - Math.random()) * (1000 / ratePerSecond);

async function main(): Promise<void> {
	const server = await startServer();
	try {
		const moderator = new ApiClient(server.origin);
		await moderator.signIn('moderator@demo.test');
		const reviewId = (await (await moderator.request('GET', '/api/reviews')).json())[0].id;
		const planned = await moderator.submit(`/reviews/${reviewId}/events`, 'create', { title: 'Bench event', kind: 'practitioner', ...eventStartFields(new Date(Date.now() - 60_000)) });
		const eventPath = planned.location!;
		const eventId = eventPath.split('/').pop()!;

		console.log(`Joining ${participants} guest practitioners…`);
		const guests: ApiClient[] = [];
		for (let i = 0; i < participants; i++) {
			const invited = await moderator.submit(eventPath, 'inviteGuest', { name: `Guest ${i}`, roleTitle: 'Practitioner', agencyLabel: 'Agency' });
			const token = String(invited.data!.invitationLink).split('/invitations/')[1];
			const guest = new ApiClient(server.origin);
			await guest.submit(`/invitations/${token}`, '', {});
			await guest.submit(eventPath, 'acknowledge', {});
			guests.push(guest);
		}
		const docName = `review/${reviewId}/event/${eventId}`;
		const clients: CollabClient[] = guests.map((guest) => connectClient(server, docName, guest.cookieHeader()));
		for (const client of clients) await waitForSync(client);
		const moderatorClient = connectClient(server, docName, moderator.cookieHeader());
		await waitForSync(moderatorClient);

		// Arrival of marker n at each client.
		const sentAt = new Map<string, number>();
		const latencies: number[] = [];
		const record = (marker: string) => {
			const sent = sentAt.get(marker);
			if (sent !== undefined) latencies.push(performance.now() - sent);
		};
		for (const client of clients) {
			client.doc.getMap('live').observe((event) => {
				if (event.keysChanged.has('speaking')) record(String(client.doc.getMap('live').get('speaking')));
			});
			client.doc.getArray<Y.Map<unknown>>('contributions').observe((event) => {
				for (const item of event.changes.added) for (const map of item.content.getContent() as Y.Map<unknown>[]) record(String(map.get('text')));
			});
		}

		async function phase(label: string, send: (marker: string, index: number) => Promise<void> | void): Promise<ReturnType<typeof percentiles>> {
			latencies.length = 0;
			const pending: Promise<void>[] = [];
			let due = performance.now();
			for (let i = 0; i < updates; i++) {
				due += poissonGap();
				const wait = due - performance.now();
				if (wait > 0) await sleep(wait);
				const marker = `${label} ${i}`;
				// From the intended send time, so a slow server cannot hide queueing.
				sentAt.set(marker, due);
				pending.push(Promise.resolve(send(marker, i)));
			}
			await Promise.all(pending);
			await waitFor(() => latencies.length >= updates * participants, 30_000, `${label} deliveries`);
			return percentiles(latencies);
		}

		const warm = 40;
		for (let i = 0; i < warm; i++) moderatorClient.doc.getMap('live').set('speaking', `warm ${i}`);
		await sleep(500);

		const reference = await phase('ref', (marker) => {
			moderatorClient.doc.getMap('live').set('speaking', marker);
		});
		const httpTimes: number[] = [];
		const contributions = await phase('contribution', async (marker, index) => {
			const started = performance.now();
			const response = await guests[index % guests.length].request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: marker, prompt: 'helped', unnamed: index % 2 === 0 });
			httpTimes.push(performance.now() - started);
			if (response.status !== 201) throw new Error(`contribution refused: ${response.status} ${await response.text()}`);
		});
		const http = percentiles(httpTimes);

		const line = (label: string, r: ReturnType<typeof percentiles>) =>
			console.log(`  ${label.padEnd(46)} ${[r.p50, r.p95, r.p99, r.max].map((v) => v.toFixed(1).padStart(8)).join('')}   (${r.n.toLocaleString('en-GB')} deliveries)`);
		console.log(`\nOne event board, ${participants} participants, ${updates} updates per phase at ${ratePerSecond}/s (Poisson)`);
		console.log(`  ${''.padEnd(46)} ${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(8)).join('')}  ms`);
		line('reference: moderator edit relayed (websocket)', reference);
		line('contribution: HTTP, stored, written by server', contributions);
		console.log(`  ${'contribution HTTP response'.padEnd(46)} ${[http.p50, http.p95, http.p99, http.max].map((v) => v.toFixed(1).padStart(8)).join('')}`);
		const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
		console.log(`  contribution / reference: p50 ${ratio(contributions.p50, reference.p50)}, p95 ${ratio(contributions.p95, reference.p95)}, p99 ${ratio(contributions.p99, reference.p99)}`);
		const stored = clients.every((client) => client.doc.getArray('contributions').length === updates);
		console.log(`  every participant's board holds all ${updates} contributions: ${stored ? 'yes' : 'NO'}`);
		for (const client of [...clients, moderatorClient]) client.destroy();
	} finally {
		await server.dispose();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
