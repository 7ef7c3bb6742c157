/**
 * Backup and restore of the database (issue 13), for `npm run backup` and `npm run
 * restore` (server/cli/). The copy is taken with SQLite's online backup API through
 * better-sqlite3, which reads one consistent snapshot while the server carries on
 * writing (WAL: a reader never blocks a writer). A copy is written beside its final name
 * and linked into place only once checked, so a half-written file never carries the
 * name, and an existing file is never overwritten.
 *
 * The copy holds everything the live database holds, so it is as sensitive. The key that
 * encrypts authenticator-app secrets lives outside the database (secret.key) and is
 * deliberately not in it: a copy alone does not give those secrets away.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, linkSync, mkdirSync, openSync, closeSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export class BackupRefused extends Error {}

export interface DatabaseSummary {
	bytes: number;
	integrity: string;
	accounts: number;
	reviews: number;
	auditEvents: number;
	documents: number;
	/** The newest migration applied, by its time stamp (drizzle's created_at). */
	newestMigrationAt: number | null;
}

/** Where the second-factor encryption key is kept: beside the database unless SECRET_KEY_FILE says otherwise. */
export function secretKeyPath(databasePath: string): string {
	return process.env.SECRET_KEY_FILE || join(dirname(resolve(databasePath)), 'secret.key');
}

function openExisting(path: string, readonly = false): Database.Database {
	const sqlite = new Database(path, { fileMustExist: true, readonly });
	sqlite.pragma('busy_timeout = 5000');
	return sqlite;
}

function scalar(sqlite: Database.Database, sql: string): number {
	return (sqlite.prepare(sql).pluck().get() as number | null) ?? 0;
}

function hasTable(sqlite: Database.Database, name: string): boolean {
	return sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
}

/** Checks a database file (integrity) and counts what it holds, in the users' words. */
export function describeDatabase(path: string): DatabaseSummary {
	const sqlite = openExisting(path, true);
	try {
		const integrity = (sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
		const count = (table: string, sql = `select count(*) from ${table}`) => (hasTable(sqlite, table) ? scalar(sqlite, sql) : 0);
		return {
			bytes: statSync(path).size,
			integrity,
			accounts: count('user'),
			reviews: count('review'),
			auditEvents: count('audit_event'),
			documents: count('doc_update', 'select count(*) from (select doc_name from doc_update union select doc_name from doc_snapshot)'),
			newestMigrationAt: hasTable(sqlite, '__drizzle_migrations') ? scalar(sqlite, 'select max(created_at) from __drizzle_migrations') : null
		};
	} finally {
		sqlite.close();
	}
}

/** A new, empty file only we can read, created here so that nothing else can have it first. */
function createPrivateFile(path: string): void {
	closeSync(openSync(path, 'wx', 0o600));
	chmodSync(path, 0o600);
}

/**
 * Copies `sourcePath` (live or not) to `targetPath`, which must not exist, as one
 * self-contained file (rollback journal, not WAL) with mode 0600, checked before it
 * takes its name.
 */
export async function backupDatabase(sourcePath: string, targetPath: string): Promise<DatabaseSummary> {
	if (!existsSync(sourcePath)) throw new BackupRefused(`There is no database at ${sourcePath}. Set DATABASE_PATH to the live database file.`);
	if (existsSync(targetPath)) throw new BackupRefused(`${targetPath} already exists. Give a new file name: a backup never overwrites a file.`);
	mkdirSync(dirname(resolve(targetPath)), { recursive: true, mode: 0o700 });
	const partial = join(dirname(resolve(targetPath)), `.${basename(targetPath)}.partial-${process.pid}`);
	createPrivateFile(partial);
	try {
		const source = openExisting(sourcePath);
		try {
			// better-sqlite3 copies every page in its first step: one read snapshot, so edits
			// made meanwhile are either wholly in the copy or wholly not.
			await source.backup(partial);
		} finally {
			source.close();
		}
		const copy = openExisting(partial);
		try {
			// One file to carry about: no -wal or -shm beside it.
			copy.pragma('journal_mode = DELETE');
		} finally {
			copy.close();
		}
		const summary = describeDatabase(partial);
		if (summary.integrity !== 'ok') throw new BackupRefused(`The copy failed its integrity check (${summary.integrity}); it was not kept.`);
		chmodSync(partial, 0o600);
		try {
			// A hard link fails if the name was taken meanwhile: never overwrite.
			linkSync(partial, targetPath);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupRefused(`${targetPath} already exists. Give a new file name: a backup never overwrites a file.`);
			throw error;
		}
		return summary;
	} finally {
		rmSync(partial, { force: true });
	}
}

/** Every migration the backup has applied must be one this version knows (same time stamp, same SQL). */
function checkMigrations(sqlite: Database.Database, migrationsFolder: string): void {
	if (!hasTable(sqlite, '__drizzle_migrations')) throw new BackupRefused('This file is not a DHR Panel Workspace database (it has no migration history).');
	const known = new Map(readMigrationFiles({ migrationsFolder }).map((migration) => [migration.folderMillis, migration.hash]));
	const applied = sqlite.prepare('select hash, created_at as at from __drizzle_migrations order by created_at').all() as { hash: string; at: number }[];
	for (const migration of applied) {
		const hash = known.get(Number(migration.at));
		if (hash === undefined) {
			throw new BackupRefused(`The backup was made by a newer or different version of DHR Panel Workspace: it has a migration from ${new Date(Number(migration.at)).toISOString()} this version does not know. Restore it with that version.`);
		}
		if (hash !== migration.hash) throw new BackupRefused(`The backup's migration from ${new Date(Number(migration.at)).toISOString()} differs from this version's. Restore it with the version that made it.`);
	}
}

/**
 * Puts a backup in place at `targetPath`, which must not exist (nor its -wal or -shm):
 * a restore goes into an empty data folder, never over a live database. The backup is
 * checked first (integrity, migrations); every session in it is ended, since a session
 * revoked after the backup was taken must not come back; the restore is recorded in the
 * audit trail.
 */
export async function restoreDatabase(fromPath: string, targetPath: string, migrationsFolder: string, now = new Date()): Promise<DatabaseSummary> {
	if (!existsSync(fromPath)) throw new BackupRefused(`There is no backup at ${fromPath}.`);
	const existing = [targetPath, `${targetPath}-wal`, `${targetPath}-shm`].find((path) => existsSync(path));
	if (existing) throw new BackupRefused(`A database already exists at ${existing}. Restore into an empty data folder: set DATABASE_PATH to a new location, or move the old database away first.`);
	let checked: DatabaseSummary;
	try {
		checked = describeDatabase(fromPath);
	} catch (error) {
		throw new BackupRefused(`${fromPath} is not a readable SQLite database (${(error as Error).message}). It was not restored.`);
	}
	if (checked.integrity !== 'ok') throw new BackupRefused(`The backup failed its integrity check (${checked.integrity}). It was not restored.`);
	const backup = openExisting(fromPath, true);
	try {
		checkMigrations(backup, migrationsFolder);
	} finally {
		backup.close();
	}

	mkdirSync(dirname(resolve(targetPath)), { recursive: true, mode: 0o700 });
	const partial = join(dirname(resolve(targetPath)), `.${basename(targetPath)}.partial-${process.pid}`);
	createPrivateFile(partial);
	try {
		const source = openExisting(fromPath, true);
		try {
			await source.backup(partial);
		} finally {
			source.close();
		}
		const restored = openExisting(partial);
		try {
			restored.pragma('journal_mode = DELETE');
			restored.transaction(() => {
				const ended = restored.prepare('delete from session').run().changes;
				restored
					.prepare('insert into audit_event (at, action, detail) values (?, ?, ?)')
					.run(now.getTime(), 'database.restored', JSON.stringify({ fileName: basename(fromPath), ended }));
			})();
		} finally {
			restored.close();
		}
		const summary = describeDatabase(partial);
		if (summary.integrity !== 'ok') throw new BackupRefused(`The restored database failed its integrity check (${summary.integrity}).`);
		try {
			linkSync(partial, targetPath);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupRefused(`A database already exists at ${targetPath}. Restore into an empty data folder.`);
			throw error;
		}
		return summary;
	} finally {
		rmSync(partial, { force: true });
	}
}

/** "12.3 MB" */
export function formatBytes(bytes: number): string {
	if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1_000)).toLocaleString('en-GB')} kB`;
	return `${(bytes / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** What the operator must know about the second-factor key, printed by both commands. */
export function secretKeyAdvice(databasePath: string, after: 'backup' | 'restore'): string[] {
	const keyPath = secretKeyPath(databasePath);
	const consequence = 'Without it everyone must enrol their authenticator app again (passkeys and recovery codes still work).';
	if (after === 'backup') {
		return [
			`The key that encrypts authenticator-app secrets (${keyPath}) is not in the database and not in this copy.`,
			`Back it up separately and keep it apart from the database copies. ${consequence}`
		];
	}
	return existsSync(keyPath)
		? [`The key for authenticator-app secrets is in place at ${keyPath}: check it is the one kept with this backup.`]
		: [`Put the key for authenticator-app secrets, from where you keep it apart from the backups, at ${keyPath} before starting the server. ${consequence}`];
}

/** "1 review", "3 reviews" */
export function counted(count: number, noun: string): string {
	return `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
}

/** The plain summary both commands print. */
export function describeContents(summary: DatabaseSummary): string {
	return `It holds ${counted(summary.reviews, 'review')}, ${counted(summary.accounts, 'account')}, ${counted(summary.documents, 'collaborative document')} and ${counted(summary.auditEvents, 'audit event')}.`;
}
