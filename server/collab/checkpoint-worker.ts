/**
 * Moves committed pages from the WAL into the database file on its own thread.
 * SQLite would otherwise do this inside whichever commit crosses 1,000 WAL pages,
 * holding up that edit (and every relay behind it) for tens of milliseconds.
 * A PASSIVE checkpoint never blocks writers or readers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { databasePath, intervalMs } = workerData as { databasePath: string; intervalMs: number };
const sqlite = new Database(databasePath);
sqlite.pragma('busy_timeout = 5000');

setInterval(() => {
	try {
		sqlite.pragma('wal_checkpoint(PASSIVE)');
	} catch (error) {
		parentPort?.postMessage(`checkpoint failed: ${String(error)}`);
	}
}, intervalMs);
