/**
 * The update writer's thread (see update-writer.ts): its own SQLite connection, one
 * transaction per batch, a reply per batch. Built to build/update-writer-worker.js.
 */
import { workerData } from 'node:worker_threads';
import { connectDatabase } from '../../src/lib/server/db/client';
import { createSqliteDocumentStore } from '../../src/lib/server/document-store';
import { runJob, type WorkerSetup, type WriteReply, type WriteRequest } from './update-writer';

const { databasePath, port, signal } = workerData as WorkerSetup;
const replies = new Int32Array(signal);
// The main thread has already applied the migrations. Checkpoints run on their own
// thread (checkpoint-worker.ts), never inside an edit's commit.
const db = connectDatabase(databasePath);
db.$client.pragma('wal_autocheckpoint = 0');
const store = createSqliteDocumentStore(db);

port.on('message', ({ seq, job, at }: WriteRequest) => {
	port.postMessage({ seq, ...runJob(store, job, new Date(at)) } satisfies WriteReply);
	Atomics.add(replies, 0, 1);
	Atomics.notify(replies, 0);
});
