/**
 * `npm run dev` (issue 15): Vite's dev server carries the collaboration websocket on its own
 * port, as production does, on the same database as the app, and leaves Vite's hot-reload
 * websocket alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ApiClient, freePort, type RunningServer } from '../helpers/server';
import { connectClient, rawSocket, waitFor, waitForSync } from '../helpers/collab-client';

let dir: string;
let child: ChildProcess;
let output = '';
let dev: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let reviewId: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'dhr-dev-'));
	const port = await freePort();
	const env: NodeJS.ProcessEnv = { ...process.env, DEMO: '1', DATABASE_PATH: join(dir, 'dev.sqlite'), NODE_ENV: 'development' };
	// This test runs under vitest; the dev server it starts must not think it does.
	for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
	delete env.ORIGIN;
	child = spawn(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'dev', '--port', String(port), '--strictPort'], { cwd: resolve('.'), env, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const origin = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 45_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`vite dev exited early (${child.exitCode}):\n${output}`);
		try {
			if ((await fetch(`${origin}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`vite dev did not start in time:\n${output}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	// Only what the websocket helpers read.
	dev = { origin, port } as RunningServer;
	chair = new ApiClient(origin);
	panel = new ApiClient(origin);
	expect((await chair.signIn('chair@demo.test')).status).toBe(200);
	expect((await panel.signIn('panel@demo.test')).status).toBe(200);
	reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
}, 60_000);

afterAll(async () => {
	if (child && child.exitCode === null) {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev serves live editing', () => {
	it('relays a report edit from one signed-in member to another over /collab/', async () => {
		const docName = `review/${reviewId}/report`;
		const chairClient = connectClient(dev, docName, chair.sessionCookie);
		const panelClient = connectClient(dev, docName, panel.sessionCookie, `http://localhost:${dev.port}`);
		try {
			await Promise.all([waitForSync(chairClient), waitForSync(panelClient)]);
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Written in development.')]);
			chairClient.doc.getXmlFragment('section:analysis').push([paragraph]);
			await waitFor(() => panelClient.doc.getXmlFragment('section:analysis').toString().includes('Written in development.'), 10_000, 'the edit to reach the other member');
			expect(panelClient.doc.getXmlFragment('section:analysis').toString()).toContain('Written in development.');
		} finally {
			chairClient.destroy();
			panelClient.destroy();
		}
	});

	it('checks the session and the origin as production does', async () => {
		const docName = `review/${reviewId}/report`;
		expect((await (await rawSocket(dev, docName, '')).closed).code).toBe(4401);
		await expect(rawSocket(dev, docName, chair.sessionCookie, 'https://evil.example')).rejects.toThrow(/403/);
	});

	it('leaves Vite’s own hot-reload websocket working', async () => {
		// The token Vite gives its own client, as the page would use it.
		const client = await (await fetch(`${dev.origin}/@vite/client`)).text();
		const token = /const wsToken = "([^"]+)"/.exec(client)?.[1] ?? '';
		const hmr = new WebSocket(`ws://127.0.0.1:${dev.port}/?token=${token}`, 'vite-hmr', { headers: { origin: dev.origin } });
		const opened = await new Promise<boolean>((r) => {
			hmr.once('open', () => r(true));
			hmr.once('error', () => r(false));
		});
		hmr.close();
		expect(opened).toBe(true);
	});
});
