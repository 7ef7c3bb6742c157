/**
 * Where collaborative documents live: an append-only log of updates plus a compacted
 * snapshot, in SQLite. A small contract so that another store (PostgreSQL) can sit
 * beside this one; both the collaboration server and the app's exports read it.
 */
import { and, asc, desc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { docClient, docMark, docSnapshot, docUpdate } from './db/schema';

export interface StoredDocument {
	/** The latest compacted state, or null before the first compaction. */
	snapshot: Uint8Array | null;
	/** Updates stored after the snapshot, oldest first. */
	updates: Uint8Array[];
	/** Id of the newest update included (in the snapshot or the list); 0 when empty. */
	lastUpdateId: number;
}

export interface UpdateToStore {
	docName: string;
	update: Uint8Array;
	userId: string | null;
	/** Yjs client ids this update is the first to use: bound to `userId` with it. */
	newClientIds?: number[];
}

export interface DocumentStore {
	load(docName: string): StoredDocument;
	/** Stores updates in one transaction (a group commit); returns their ids in order. */
	append(updates: UpdateToStore[], now: Date): number[];
	/**
	 * Records `state` as the document up to `upToUpdateId` (and, when given, a history mark
	 * of it) in one transaction. From then on loading starts from it; updates stored later
	 * are untouched, so an edit racing with compaction is never lost.
	 */
	compact(docName: string, upToUpdateId: number, state: Uint8Array, now: Date, mark?: Uint8Array | null): void;
	/**
	 * Deletes up to `limit` updates that the latest snapshot already holds, and older
	 * snapshots; returns how many rows went (0 when nothing is left to delete).
	 */
	prune(docName: string, limit: number): number;
	addMark(docName: string, snapshot: Uint8Array, reason: string, now: Date): void;
	listMarks(docName: string): { id: number; snapshot: Uint8Array; reason: string; createdAt: Date }[];
	/** Who writes with each of these Yjs client ids, for those already bound. */
	clientOwners(docName: string, clientIds: number[]): Map<number, string>;
}

export function createSqliteDocumentStore(db: AppDatabase): DocumentStore {
	// Prepared once: this insert runs for every edit anyone makes.
	const insertUpdate = db
		.insert(docUpdate)
		.values({ docName: sql.placeholder('docName'), update: sql.placeholder('update'), userId: sql.placeholder('userId'), createdAt: sql.placeholder('createdAt') })
		.returning({ id: docUpdate.id })
		.prepare();
	return {
		load(docName) {
			const snapshot = db.select().from(docSnapshot).where(eq(docSnapshot.docName, docName)).orderBy(desc(docSnapshot.id)).limit(1).get();
			const after = snapshot?.upToUpdateId ?? 0;
			const rows = db
				.select({ id: docUpdate.id, update: docUpdate.update })
				.from(docUpdate)
				.where(and(eq(docUpdate.docName, docName), gt(docUpdate.id, after)))
				.orderBy(asc(docUpdate.id))
				.all();
			return {
				snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
				updates: rows.map((row) => new Uint8Array(row.update)),
				lastUpdateId: rows.at(-1)?.id ?? after
			};
		},

		append(updates, now) {
			return db.transaction((tx) =>
				updates.map((entry) => {
					if (entry.newClientIds?.length && entry.userId) {
						tx.insert(docClient)
							.values(entry.newClientIds.map((clientId) => ({ docName: entry.docName, clientId, userId: entry.userId!, firstSeenAt: now })))
							.onConflictDoNothing()
							.run();
					}
					return insertUpdate.get({ docName: entry.docName, update: Buffer.from(entry.update), userId: entry.userId, createdAt: now })!.id;
				})
			);
		},

		compact(docName, upToUpdateId, state, now, mark = null) {
			db.transaction((tx) => {
				tx.insert(docSnapshot).values({ docName, upToUpdateId, state: Buffer.from(state), createdAt: now }).run();
				if (mark) tx.insert(docMark).values({ docName, snapshot: Buffer.from(mark), reason: 'compaction', createdAt: now }).run();
			});
		},

		prune(docName, limit) {
			return db.transaction((tx) => {
				const latest = tx
					.select({ id: docSnapshot.id, upToUpdateId: docSnapshot.upToUpdateId })
					.from(docSnapshot)
					.where(eq(docSnapshot.docName, docName))
					.orderBy(desc(docSnapshot.id))
					.limit(1)
					.get();
				if (!latest) return 0;
				const covered = tx
					.select({ id: docUpdate.id })
					.from(docUpdate)
					.where(and(eq(docUpdate.docName, docName), lte(docUpdate.id, latest.upToUpdateId)))
					.orderBy(asc(docUpdate.id))
					.limit(limit)
					.all()
					.map((row) => row.id);
				if (covered.length > 0) tx.delete(docUpdate).where(inArray(docUpdate.id, covered)).run();
				const older = tx.delete(docSnapshot).where(and(eq(docSnapshot.docName, docName), lt(docSnapshot.id, latest.id))).run().changes;
				return covered.length + older;
			});
		},

		addMark(docName, snapshot, reason, now) {
			db.insert(docMark).values({ docName, snapshot: Buffer.from(snapshot), reason, createdAt: now }).run();
		},

		listMarks(docName) {
			return db
				.select()
				.from(docMark)
				.where(eq(docMark.docName, docName))
				.orderBy(asc(docMark.id))
				.all()
				.map((row) => ({ id: row.id, snapshot: new Uint8Array(row.snapshot), reason: row.reason, createdAt: row.createdAt }));
		},

		clientOwners(docName, clientIds) {
			if (clientIds.length === 0) return new Map();
			const rows = db
				.select({ clientId: docClient.clientId, userId: docClient.userId })
				.from(docClient)
				.where(and(eq(docClient.docName, docName), inArray(docClient.clientId, clientIds)))
				.all();
			return new Map(rows.map((row) => [row.clientId, row.userId]));
		}
	};
}
