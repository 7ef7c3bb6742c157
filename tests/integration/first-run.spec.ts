import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

const run = promisify(execFile);
let dir: string;
let databasePath: string;
let server: RunningServer;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'dhr-first-run-'));
	databasePath = join(dir, 'not', 'yet', 'there', 'dhr.sqlite');
});
afterAll(async () => {
	await server?.dispose();
	rmSync(dir, { recursive: true, force: true });
});

describe('a real deployment’s first run', () => {
	it('creates the first admin with a one-time password, in a folder it creates', async () => {
		const { stdout } = await run(process.execPath, ['build/admin-create.js', '--email', 'Coordinator@Council.example', '--name', 'Ada Co-ordinator'], {
			env: { ...process.env, DATABASE_PATH: databasePath, DEMO: '' }
		});
		expect(existsSync(databasePath)).toBe(true);
		expect(stdout).toMatch(/One-time password: [a-z2-7-]{20,}/);
	});

	it('refuses to create another admin once an account exists', async () => {
		const attempt = run(process.execPath, ['build/admin-create.js', '--email', 'second@council.example'], {
			env: { ...process.env, DATABASE_PATH: databasePath, DEMO: '' }
		});
		await expect(attempt).rejects.toMatchObject({ code: 1 });
	});

	it('the one-time password must be changed before anything else, and demo accounts do not exist', async () => {
		const { stdout } = await run(process.execPath, ['build/admin-create.js', '--email', 'x@y.z'], {
			env: { ...process.env, DATABASE_PATH: join(dir, 'other.sqlite'), DEMO: '' }
		});
		const password = /One-time password: (\S+)/.exec(stdout)![1];
		server = await startServer({ databasePath: join(dir, 'other.sqlite'), demo: false });
		const demo = new ApiClient(server.origin);
		expect((await demo.signIn('admin@demo.test')).status).toBe(401);

		const admin = new ApiClient(server.origin);
		const signedIn = await admin.signIn('x@y.z', password);
		expect(signedIn.status).toBe(200);
		expect((await signedIn.json()).user.mustChangePassword).toBe(true);
		const blocked = await admin.request('GET', '/api/reviews');
		expect(blocked.status).toBe(403);
		expect((await blocked.json()).error).toMatch(/one-time password/);
		const page = await admin.request('GET', '/reviews');
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/account/password');
	});
});
