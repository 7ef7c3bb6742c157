/**
 * The test server's SQLite file, opened directly: to check what no page shows (audit rows,
 * what is stored or gone) and to make time pass (an expiry, an event's start). Each call
 * opens and closes its own connection, so none is held while the server writes.
 */
import Database from 'better-sqlite3';

export function queryDatabase<T>(databasePath: string, sql: string, ...params: unknown[]): T[] {
	const db = new Database(databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

export function changeDatabase(databasePath: string, sql: string, ...params: unknown[]): void {
	const db = new Database(databasePath);
	try {
		db.prepare(sql).run(...params);
	} finally {
		db.close();
	}
}
