/**
 * The update writer's thread (see update-writer.ts): its own SQLite connection, one
 * transaction per batch, a reply per batch. Built to build/update-writer-worker.js.
 */
import { workerData } from 'node:worker_threads';
import { connectDatabase } from '../../src/lib/server/db/client';
import { createSqliteDocumentStore } from '../../src/lib/server/document-store';
import type { WorkerSetup, WriteReply, WriteRequest } from './update-writer';

const { databasePath, port, signal } = workerData as WorkerSetup;
const replies = new Int32Array(signal);
// The main thread has already applied the migrations.
const store = createSqliteDocumentStore(connectDatabase(databasePath));

port.on('message', ({ seq, batch, at }: WriteRequest) => {
	let reply: WriteReply;
	try {
		reply = { seq, ok: true, ids: store.append(batch, new Date(at)) };
	} catch (error) {
		reply = { seq, ok: false, error: String(error) };
	}
	port.postMessage(reply);
	Atomics.add(replies, 0, 1);
	Atomics.notify(replies, 0);
});
