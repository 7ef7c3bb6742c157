import * as devalue from 'devalue';
/**
 * Starts the real built server (build/server.js) as a child process on a random
 * loopback port with its own SQLite file, as production runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningServer {
	origin: string;
	port: number;
	databasePath: string;
	process: ChildProcess;
	output: () => string;
	stop: (signal?: NodeJS.Signals) => Promise<void>;
	dispose: () => Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolvePort(port));
		});
	});
}

export interface StartOptions {
	env?: Record<string, string>;
	/** Reuse a database file, e.g. to restart after a kill. */
	databasePath?: string;
	demo?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	const dir = options.databasePath ? null : mkdtempSync(join(tmpdir(), 'dhr-server-'));
	const databasePath = options.databasePath ?? join(dir!, 'data', 'dhr.sqlite');
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [resolve('build/server.js')], {
		cwd: resolve('.'),
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATABASE_PATH: databasePath,
			DEMO: options.demo === false ? '' : '1',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));

	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`Server exited early (${child.exitCode}):\n${output}`);
		try {
			const response = await fetch(`${origin}/healthz`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`Server did not start in time:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}

	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((r) => child.once('exit', () => r()));
		child.kill(signal);
		await exited;
	};
	return {
		origin,
		port,
		databasePath,
		process: child,
		output: () => output,
		stop,
		dispose: async () => {
			await stop();
			if (dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A tiny cookie-keeping client for the JSON API. */
export class ApiClient {
	private cookie = '';

	/** The session cookie, for opening a websocket as this user. */
	cookieHeader(): string {
		return this.cookie;
	}

	constructor(private readonly origin: string) {}

	async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
		const response = await fetch(`${this.origin}${path}`, {
			method,
			headers: {
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			redirect: 'manual'
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) {
			const pair = setCookie.split(';')[0];
			this.cookie = pair.endsWith('=') ? '' : pair;
		}
		return response;
	}

	/**
	 * Submits a page's form action as the browser's enhanced form does. Answers SvelteKit's
	 * `{type, status, location}` and the action's returned data.
	 */
	async submit(path: string, action: string, fields: Record<string, string | string[]>): Promise<{ type: string; status: number; location?: string; data?: Record<string, unknown> }> {
		const body = new URLSearchParams();
		for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
		const response = await this.request('POST', action ? `${path}?/${action}` : path, body.toString(), {
			'content-type': 'application/x-www-form-urlencoded',
			origin: this.origin,
			'x-sveltekit-action': 'true'
		});
		const result = (await response.json()) as { type: string; status?: number; location?: string; data?: string };
		return { type: result.type, status: result.status ?? response.status, location: result.location, data: result.data ? (devalue.parse(result.data) as Record<string, unknown>) : undefined };
	}

	async signIn(email: string, password = 'demo-password'): Promise<Response> {
		return this.request('POST', '/api/session', { email, password });
	}

	get sessionCookie(): string {
		return this.cookie;
	}

	set sessionCookie(value: string) {
		this.cookie = value;
	}
}
