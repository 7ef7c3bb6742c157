/**
 * Where accepted updates are committed. The worker writer commits on its own thread
 * and SQLite connection, so the main thread keeps reading and relaying while a
 * commit waits for the disk (synchronous=FULL); the in-thread writer commits on the
 * caller's connection, for tests and in-memory databases.
 *
 * Either way a batch is one transaction (a group commit), and `drain` gives the rare
 * paths that must see everything stored (a sync reply, compaction, unload, a change
 * from the app, shutdown) a synchronous way to wait for it.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { DocumentStore, UpdateToStore } from '../../src/lib/server/document-store';

export type WriteResult = { ok: true; ids: number[] } | { ok: false; error: string };

export interface UpdateWriter {
	/** Starts committing a batch; `done` runs once it is stored or has failed. */
	write(batch: UpdateToStore[], at: Date, done: (result: WriteResult) => void): void;
	/** Returns only when every batch handed over is stored and its `done` has run. */
	drain(): void;
	close(): Promise<void>;
}

export function createInThreadWriter(store: DocumentStore): UpdateWriter {
	return {
		write(batch, at, done) {
			let result: WriteResult;
			try {
				result = { ok: true, ids: store.append(batch, at) };
			} catch (error) {
				result = { ok: false, error: String(error) };
			}
			done(result);
		},
		drain() {},
		async close() {}
	};
}

/** Messages between the main thread and update-writer-worker.ts. */
export interface WriteRequest {
	seq: number;
	batch: UpdateToStore[];
	at: number;
}
export type WriteReply = { seq: number } & WriteResult;
export interface WorkerSetup {
	databasePath: string;
	port: MessagePort;
	/** Int32Array over a SharedArrayBuffer; the worker bumps [0] after every reply. */
	signal: SharedArrayBuffer;
}

const drainTimeoutMs = 30_000;

export function createWorkerWriter(workerUrl: URL, databasePath: string): UpdateWriter {
	const channel = new MessageChannel();
	const signal = new SharedArrayBuffer(4);
	const replies = new Int32Array(signal);
	const worker = new Worker(workerUrl, {
		workerData: { databasePath, port: channel.port2, signal } satisfies WorkerSetup,
		transferList: [channel.port2]
	});
	const port = channel.port1;
	const waiting = new Map<number, (result: WriteResult) => void>();
	let nextSeq = 1;
	let failure: string | null = null;

	function settle(reply: WriteReply): void {
		const done = waiting.get(reply.seq);
		if (!done) return;
		waiting.delete(reply.seq);
		done(reply);
	}
	function failAll(reason: string): void {
		failure = reason;
		for (const [seq] of [...waiting]) settle({ seq, ok: false, error: reason });
	}

	port.on('message', settle);
	worker.on('error', (error) => failAll(`the update writer stopped: ${error.message}`));
	worker.on('exit', (code) => failAll(`the update writer exited (${code})`));
	// Neither the worker nor its port should keep the process alive on their own.
	worker.unref();
	port.unref();

	function drain(): void {
		const deadline = Date.now() + drainTimeoutMs;
		while (waiting.size > 0) {
			const seen = Atomics.load(replies, 0);
			const received = receiveMessageOnPort(port);
			if (received) {
				// `done` may hand over the next batch, which this loop then waits for too.
				settle(received.message as WriteReply);
				continue;
			}
			if (failure) return;
			if (Date.now() > deadline) return failAll('the update writer did not answer in time');
			Atomics.wait(replies, 0, seen, 1_000);
		}
	}

	return {
		drain,
		write(batch, at, done) {
			if (failure) return done({ ok: false, error: failure });
			const seq = nextSeq++;
			waiting.set(seq, done);
			// An update is often a view into a larger socket buffer, which structured cloning
			// would copy whole: copy just the update and hand that buffer over.
			const rows = batch.map((row) => ({ ...row, update: row.update.slice() }));
			port.postMessage({ seq, batch: rows, at: at.getTime() } satisfies WriteRequest, rows.map((row) => row.update.buffer));
		},

		async close() {
			drain();
			port.close();
			await worker.terminate();
		}
	};
}
