/**
 * Runs WAL checkpoints off the main and writer threads (see checkpoint-worker.ts) and
 * turns off SQLite's automatic checkpoints on the app's connection, which would
 * otherwise run them inside an ordinary request or session touch.
 */
import { Worker } from 'node:worker_threads';
import type { AppDatabase } from '../../src/lib/server/db/client';

export function startCheckpointer(workerUrl: URL, databasePath: string, db: AppDatabase, log: (message: string) => void): { close(): Promise<void> } {
	const worker = new Worker(workerUrl, { workerData: { databasePath, intervalMs: 1_000 } });
	worker.on('message', (message) => log(String(message)));
	worker.on('error', (error) => {
		// Without the checkpointer the WAL would only grow: give the job back to SQLite.
		log(`the checkpointer stopped (${error.message}); SQLite checkpoints automatically again`);
		db.$client.pragma('wal_autocheckpoint = 1000');
	});
	worker.unref();
	db.$client.pragma('wal_autocheckpoint = 0');
	return {
		async close() {
			await worker.terminate();
			db.$client.pragma('wal_autocheckpoint = 1000');
		}
	};
}
