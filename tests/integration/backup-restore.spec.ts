import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync, type CollabClient } from '../helpers/collab-client';

const running: RunningServer[] = [];
const clients: CollabClient[] = [];
const folders: string[] = [];
afterAll(async () => {
	for (const client of clients.splice(0)) client.destroy();
	for (const server of running.splice(0)) await server.dispose();
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
	const dir = mkdtempSync(join(tmpdir(), 'dhr-backup-'));
	folders.push(dir);
	return dir;
}

/** Runs `npm run <script> -- <args>` as an operator would, with DATABASE_PATH set. */
function npmRun(script: string, args: string[], databasePath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((done) => {
		const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: resolve('.'), env: { ...process.env, DATABASE_PATH: databasePath }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('exit', (code) => done({ code, stdout, stderr }));
	});
}

function client(server: RunningServer, docName: string, cookie: string): CollabClient {
	const c = connectClient(server, docName, cookie);
	clients.push(c);
	return c;
}

describe('backup and restore', () => {
	it('a backup taken during live editing restores into a new server with every edit made before it and a working audit trail', async () => {
		const first = await startServer();
		running.push(first);
		const chair = new ApiClient(first.origin);
		const panel = new ApiClient(first.origin);
		await Promise.all([chair.signIn('chair@demo.test'), panel.signIn('panel@demo.test')]);
		const reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id as string;
		const docName = `review/${reviewId}/analysis`;
		const writer = client(first, docName, panel.sessionCookie);
		const reader = client(first, docName, chair.sessionCookie);
		await Promise.all([waitForSync(writer), waitForSync(reader)]);

		// Edits are acknowledged as stored once another client has them: the server stores before it relays.
		const notes = writer.doc.getMap<string>('annotations');
		const acknowledged: string[] = [];
		let counter = 0;
		async function edit(): Promise<void> {
			const key = `backup-edit-${counter++}`;
			notes.set(key, `Note ${key} written live`);
			await waitFor(() => reader.doc.getMap('annotations').get(key) !== undefined, 5_000, `relay of ${key}`);
			acknowledged.push(key);
		}
		for (let i = 0; i < 30; i++) await edit();

		// Editing carries on while the backup runs.
		const beforeBackup = [...acknowledged];
		let editing = true;
		const carryOn = (async () => {
			while (editing) await edit();
		})();
		const backups = folder();
		const copy = join(backups, 'nightly', 'dhr-copy.sqlite');
		const backup = await npmRun('backup', ['--to', copy], first.databasePath);
		editing = false;
		await carryOn;
		expect(backup.stderr).toBe('');
		expect(backup.code).toBe(0);
		expect(backup.stdout).toContain('Integrity check: ok.');
		expect(backup.stdout).toMatch(/It holds 1 review, \d+ accounts, \d+ collaborative documents and \d+ audit events\./);
		expect(backup.stdout).toMatch(/secret\.key\) is not in the database and not in this copy/);
		expect(statSync(copy).mode & 0o777).toBe(0o600);
		expect(acknowledged.length).toBeGreaterThan(beforeBackup.length);

		// Backing up to an existing file is refused, and the file is left alone.
		const sizeBefore = statSync(copy).size;
		const again = await npmRun('backup', ['--to', copy], first.databasePath);
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/already exists/);
		expect(statSync(copy).size).toBe(sizeBefore);

		const backedUpAudit = (() => {
			const db = new Database(copy, { readonly: true });
			try {
				return db.prepare('select id, action from audit_event order by id').all() as { id: number; action: string }[];
			} finally {
				db.close();
			}
		})();
		expect(backedUpAudit.map((row) => row.action)).toContain('sign_in.succeeded');

		// Restore into a new, empty data folder and start a new server on it.
		const restoredPath = join(folder(), 'data', 'dhr.sqlite');
		const restore = await npmRun('restore', ['--from', copy], restoredPath);
		expect(restore.stderr).toBe('');
		expect(restore.code).toBe(0);
		expect(restore.stdout).toContain('Integrity check: ok.');
		expect(statSync(restoredPath).mode & 0o777).toBe(0o600);

		// A restore never goes over an existing database.
		const over = await npmRun('restore', ['--from', copy], restoredPath);
		expect(over.code).toBe(1);
		expect(over.stderr).toMatch(/A database already exists/);

		const second = await startServer({ databasePath: restoredPath });
		running.push(second);
		// Sessions from the backup were ended: the old cookie no longer works.
		const stale = new ApiClient(second.origin);
		stale.sessionCookie = chair.sessionCookie;
		expect((await stale.request('GET', '/api/reviews')).status).toBe(401);
		const chairAgain = new ApiClient(second.origin);
		expect((await chairAgain.signIn('chair@demo.test')).status).toBe(200);
		const restored = client(second, docName, chairAgain.sessionCookie);
		await waitForSync(restored);
		const restoredNotes = restored.doc.getMap('annotations');
		for (const key of beforeBackup) expect(restoredNotes.get(key), key).toBe(`Note ${key} written live`);

		// The audit trail: every row of the backup, the restore, the new sign-in; still append-only.
		const db = new Database(restoredPath);
		try {
			const rows = db.prepare('select id, action from audit_event order by id').all() as { id: number; action: string }[];
			expect(rows.slice(0, backedUpAudit.length)).toEqual(backedUpAudit);
			const later = rows.slice(backedUpAudit.length).map((row) => row.action);
			expect(later[0]).toBe('database.restored');
			expect(later).toContain('sign_in.succeeded');
			expect(() => db.prepare("update audit_event set action = 'rewritten' where id = ?").run(rows[0].id)).toThrow();
			expect(() => db.prepare('delete from audit_event where id = ?').run(rows[0].id)).toThrow();
		} finally {
			db.close();
		}
	});

	it('restore refuses a file that is not a sound database of a version it knows', async () => {
		const dir = folder();
		const junk = join(dir, 'junk.sqlite');
		writeFileSync(junk, 'not a database at all');
		const refusedJunk = await npmRun('restore', ['--from', junk], join(dir, 'a', 'dhr.sqlite'));
		expect(refusedJunk.code).toBe(1);
		expect(refusedJunk.stderr).toMatch(/^Restore refused: .*is not a readable SQLite database/);
		expect(existsSync(join(dir, 'a', 'dhr.sqlite'))).toBe(false);

		const newer = join(dir, 'newer.sqlite');
		const db = new Database(newer);
		db.exec("create table __drizzle_migrations (id integer primary key, hash text not null, created_at numeric); insert into __drizzle_migrations (hash, created_at) values ('abc', 4102444800000)");
		db.close();
		const refusedNewer = await npmRun('restore', ['--from', newer], join(dir, 'b', 'dhr.sqlite'));
		expect(refusedNewer.code).toBe(1);
		expect(refusedNewer.stderr).toMatch(/newer or different version/);
		expect(existsSync(join(dir, 'b', 'dhr.sqlite'))).toBe(false);

		const missing = await npmRun('backup', ['--to', join(dir, 'copy.sqlite')], join(dir, 'nothing-here.sqlite'));
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/There is no database/);
	});
});
