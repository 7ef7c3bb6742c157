import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt, totpStep } from '../../src/lib/server/auth/totp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

const run = promisify(execFile);
let dir: string;
let databasePath: string;
let server: RunningServer;
let oneTimePassword: string;
let adminClient: ApiClient;

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
		oneTimePassword = password;
		adminClient = admin;
	});

	it('outside demo mode a second factor is required by default: after the new password, enrolment comes before anything else', async () => {
		const changed = await adminClient.submit('/account/password', '', { currentPassword: oneTimePassword, newPassword: 'a long new passphrase', confirmPassword: 'a long new passphrase' });
		expect(changed.type).toBe('redirect');
		const blocked = await adminClient.request('GET', '/api/reviews');
		expect(blocked.status).toBe(403);
		expect(await blocked.json()).toEqual({ error: 'Set up two-factor sign-in before continuing' });
		expect((await adminClient.request('GET', '/admin')).headers.get('location')).toBe('/account/two-factor');

		const again = new ApiClient(server.origin);
		expect(await (await again.signIn('x@y.z', 'a long new passphrase')).json()).toMatchObject({ complete: false, needs: 'enrolment' });

		const page = await (await adminClient.request('GET', '/account/two-factor/authenticator-app')).text();
		const secret = decodeBase32IgnorePadding(/data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</.exec(page)![1].replace(/ /g, ''));
		const credentialId = /name="credentialId" value="([^"]+)"/.exec(page)![1];
		const added = await adminClient.submit('/account/two-factor/authenticator-app', '', { credentialId, name: 'Phone', code: totpCodeAt(secret, totpStep(new Date())) });
		expect(added).toMatchObject({ type: 'success', data: { added: true } });
		expect((added.data!.recoveryCodes as string[]).length).toBe(10);
		expect((await adminClient.request('GET', '/api/reviews')).status).toBe(200);
		// The key that seals the app's secret was made beside the database, for the owner only.
		expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
	});
});
