import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { databasePath } from '../config';

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabaseOptions {
	/** Folder of Drizzle migrations; defaults to `drizzle/` in the working directory. */
	migrationsFolder?: string;
	/** `FULL` by default so that a committed write also survives power loss. */
	synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating its folder if need be) one SQLite database file, without migrating it. */
export function connectDatabase(path: string, options: OpenDatabaseOptions = {}): AppDatabase {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema, casing: 'snake_case' }) as AppDatabase;
	// Two connections write to this file (the app's and the collaboration server's update
	// writer). A deferred transaction that reads and then writes fails at once with
	// SQLITE_BUSY when the other committed in between; an immediate one takes the write
	// lock first and waits its turn (busy_timeout).
	const transaction = db.transaction.bind(db);
	db.transaction = ((run, config) => transaction(run, { behavior: 'immediate', ...config })) as typeof db.transaction;
	return db;
}

/** Opens and migrates one SQLite database file. */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): AppDatabase {
	const db = connectDatabase(path, options);
	migrate(db, { migrationsFolder: options.migrationsFolder ?? resolve('drizzle') });
	return db;
}

// The SvelteKit bundle and the collaboration server are built separately and so hold
// separate copies of this module; one connection per file for the whole process.
const registryKey = Symbol.for('dhr-panel-workspace.databases');
type Registry = Map<string, AppDatabase>;
const registry: Registry = ((globalThis as Record<symbol, unknown>)[registryKey] as Registry) ??
	((globalThis as Record<symbol, unknown>)[registryKey] = new Map());

/** The process's database, at DATABASE_PATH. */
export function getDatabase(): AppDatabase {
	const path = resolve(databasePath());
	let db = registry.get(path);
	if (!db) {
		db = openDatabase(path);
		registry.set(path, db);
	}
	return db;
}

export function closeDatabases(): void {
	for (const db of registry.values()) db.$client.close();
	registry.clear();
}

/** The database or an open transaction on it: domain writes accept either. */
export type DbExecutor = AppDatabase | Parameters<Parameters<AppDatabase['transaction']>[0]>[0];
