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

/** `ids`: the stored updates' ids (appends); `removed`: rows deleted (prunes). */
export type WriteResult = { ok: true; ids: number[]; removed: number } | { ok: false; error: string };

/** Records `state` as the document up to `upToUpdateId`, with a history mark. */
export interface CompactionJob {
	docName: string;
	upToUpdateId: number;
	state: Uint8Array;
	/** An encoded Y.Snapshot of the same state, kept as a history mark; null when unchanged. */
	mark: Uint8Array | null;
}

export type WriteJob =
	| { kind: 'append'; batch: UpdateToStore[] }
	| ({ kind: 'compact' } & CompactionJob)
	/** Deletes a bounded number of rows a snapshot has made redundant. */
	| { kind: 'prune'; docName: string; limit: number };

/** Runs one job on a store: shared by both writers so they cannot drift apart. */
export function runJob(store: DocumentStore, job: WriteJob, at: Date): WriteResult {
	try {
		if (job.kind === 'append') return { ok: true, ids: store.append(job.batch, at), removed: 0 };
		if (job.kind === 'prune') return { ok: true, ids: [], removed: store.prune(job.docName, job.limit) };
		// Only the snapshot and its mark: deleting what it replaces is left to prune jobs,
		// so a compaction holds the writer no longer than an ordinary commit.
		store.compact(job.docName, job.upToUpdateId, job.state, at, job.mark);
		return { ok: true, ids: [], removed: 0 };
	} catch (error) {
		return { ok: false, error: String(error) };
	}
}

export interface UpdateWriter {
	/** Starts a job (jobs run in order); `done` runs once it is stored or has failed. */
	write(job: WriteJob, at: Date, done: (result: WriteResult) => void): void;
	/** Returns only when every batch handed over is stored and its `done` has run. */
	drain(): void;
	close(): Promise<void>;
}

export function createInThreadWriter(store: DocumentStore): UpdateWriter {
	return {
		write(job, at, done) {
			done(runJob(store, job, at));
		},
		drain() {},
		async close() {}
	};
}

/** Messages between the main thread and update-writer-worker.ts. */
export interface WriteRequest {
	seq: number;
	job: WriteJob;
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
		write(job, at, done) {
			if (failure) return done({ ok: false, error: failure });
			const seq = nextSeq++;
			waiting.set(seq, done);
			port.postMessage({ seq, job: transferable(job), at: at.getTime() } satisfies WriteRequest);
		},

		async close() {
			drain();
			port.close();
			await worker.terminate();
		}
	};
}

/**
 * An update is often a view into a larger socket buffer, which structured cloning
 * would copy whole: copy just the bytes.
 */
function transferable(job: WriteJob): WriteJob {
	if (job.kind !== 'append') return job;
	return { kind: 'append', batch: job.batch.map((row) => ({ ...row, update: row.update.slice() })) };
}
