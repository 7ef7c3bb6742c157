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
	/** Cookies by name, as a browser keeps them (the session's, and any others the server sets). */
	private jar = new Map<string, string>();

	/** The cookies to send, e.g. the session cookie for opening a websocket as this user. */
	cookieHeader(): string {
		return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	constructor(private readonly origin: string) {}

	async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
		const response = await fetch(`${this.origin}${path}`, {
			method,
			headers: {
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.jar.size > 0 ? { cookie: this.cookieHeader() } : {}),
				...headers
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			redirect: 'manual'
		});
		for (const setCookie of response.headers.getSetCookie()) {
			const pair = setCookie.split(';')[0];
			const name = pair.slice(0, pair.indexOf('='));
			const value = pair.slice(pair.indexOf('=') + 1);
			if (value === '' || /max-age=0/i.test(setCookie)) this.jar.delete(name);
			else this.jar.set(name, value);
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
		return this.cookieHeader();
	}

	/** Replaces every cookie with these (`name=value; name=value`), e.g. to replay a stolen one. */
	set sessionCookie(value: string) {
		this.jar = new Map(
			value
				.split(';')
				.map((pair) => pair.trim())
				.filter(Boolean)
				.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as [string, string])
		);
	}
}
