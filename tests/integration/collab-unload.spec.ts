/**
 * Runs the collaboration server in this process (on a real HTTP server, random
 * loopback port) so the test can read its room count and heap directly.
 */
import { createServer, type Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../helpers/temp-database';
import { seedDemo } from '../../src/lib/server/demo';
import { createSession } from '../../src/lib/server/auth/session';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { listReviewsForUser } from '../../src/lib/server/reviews';
import { createSqliteDocumentStore } from '../../src/lib/server/document-store';
import { createCollaborationServer, type CollaborationServer } from '../../server/collab/collaboration-server';
import { collabLimitsFromEnv } from '../../server/collab/limits';
import { connectClient, waitFor, waitForSync } from '../helpers/collab-client';
import type { RunningServer } from '../helpers/server';
import { learningEvent } from '../../src/lib/server/db/schema';
import { defaultAgenda } from '../../src/lib/domain/learning-events';

setFlagsFromString('--expose-gc');
// Each y-websocket provider in Node listens for the process's exit.
process.setMaxListeners(100);
const gc = runInNewContext('gc') as () => void;

let temp: ReturnType<typeof createTempDatabase>;
let http: Server;
let collab: CollaborationServer;
let target: RunningServer;
let cookie: string;
let reviewId: string;

beforeAll(async () => {
	temp = createTempDatabase();
	await seedDemo(temp.db);
	const chair = findUserByEmail(temp.db, 'chair@demo.test')!;
	cookie = `session=${createSession(temp.db, chair.id, new Date()).token}`;
	reviewId = listReviewsForUser(temp.db, chair.id)[0].id;
	http = createServer((_, res) => res.end());
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const port = (http.address() as { port: number }).port;
	const origin = `http://127.0.0.1:${port}`;
	collab = createCollaborationServer({
		db: temp.db,
		store: createSqliteDocumentStore(temp.db),
		allowedOrigin: origin,
		// The chair's session is made directly, with no second factor: as in demo mode.
		sessionPolicy: { idleTimeoutMs: 3_600_000, absoluteTimeoutMs: 3_600_000, mfaRequired: false },
		limits: { ...collabLimitsFromEnv(), unloadAfterMs: 50 },
		log: () => {}
	});
	http.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head, req.url!.slice('/collab/'.length)));
	target = { origin, port } as RunningServer;
});
afterAll(async () => {
	await collab.close();
	await new Promise((resolve) => http.close(resolve));
	temp.dispose();
});

/** Event boards are the documents a review has many of; each needs its event to exist. */
function planEvents(count: number, prefix: string): void {
	const chair = findUserByEmail(temp.db, 'chair@demo.test')!;
	for (let i = 0; i < count; i++) {
		temp.db
			.insert(learningEvent)
			.values({ id: `${prefix}${i}`, reviewId, title: `Event ${i}`, kind: 'practitioner', startsAt: new Date(), agenda: defaultAgenda('practitioner'), episodeIds: [], createdBy: chair.id, createdAt: new Date() })
			.run();
	}
}

async function openAndCloseDocuments(count: number, prefix: string): Promise<void> {
	planEvents(count, prefix);
	for (let start = 0; start < count; start += 20) {
		const batch = Array.from({ length: Math.min(20, count - start) }, (_, i) => connectClient(target, `review/${reviewId}/event/${prefix}${start + i}`, cookie));
		await Promise.all(batch.map(waitForSync));
		for (const client of batch) client.doc.getText('board').insert(0, 'A contribution of a few words. '.repeat(20));
		await new Promise((r) => setTimeout(r, 50));
		for (const client of batch) client.destroy();
	}
}

describe('idle documents', () => {
	it('are unloaded after the last connection leaves, and memory returns to its baseline', async () => {
		await openAndCloseDocuments(40, 'warmup-');
		await waitFor(() => collab.stats().rooms === 0, 5_000, 'warm-up rooms to unload');
		gc();
		const baseline = process.memoryUsage().heapUsed;

		await openAndCloseDocuments(300, 'doc-');
		expect(collab.stats().rooms).toBeGreaterThan(0);
		await waitFor(() => collab.stats().rooms === 0 && collab.stats().connections === 0, 10_000, 'rooms to unload');
		await new Promise((r) => setTimeout(r, 200));
		gc();
		const after = process.memoryUsage().heapUsed;
		// 300 documents of about 600 characters each were loaded; what remains must be noise.
		expect(after - baseline).toBeLessThan(8 * 1024 * 1024);
	});

	it('an unloaded document comes back with its content', async () => {
		const client = connectClient(target, `review/${reviewId}/event/doc-7`, cookie);
		try {
			await waitForSync(client);
			expect(client.doc.getText('board').toString()).toContain('A contribution of a few words.');
		} finally {
			client.destroy();
		}
	});
});
