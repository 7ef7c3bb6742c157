/**
 * "What changed since I last looked" (issue 5): each time a member opens the report the
 * report's state is remembered (a Yjs snapshot, possible because documents keep their
 * history); the review page compares the report now with it.
 */
import * as Y from 'yjs';
import { and, eq, gt, ne } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { docClient, docUpdate, reportComment, reportVisit, user } from './db/schema';
import { readReportDocument, reportSections } from './report';
import { documentName } from '../domain/permissions';
import { sectionFragmentName } from '../domain/report-template';

export interface ReportChanges {
	lastSeenAt: Date;
	changedSections: { key: string; title: string }[];
	/** Other people whose edits arrived since. */
	editors: string[];
	newComments: number;
}

/** Remembers the report as this member sees it now. */
export function recordReportVisit(db: AppDatabase, reviewId: string, userId: string, now = new Date()): void {
	const doc = readReportDocument(db, reviewId);
	const snapshot = Buffer.from(Y.encodeSnapshot(Y.snapshot(doc)));
	doc.destroy();
	db.insert(reportVisit)
		.values({ reviewId, userId, seenAt: now, snapshot })
		.onConflictDoUpdate({ target: [reportVisit.reviewId, reportVisit.userId], set: { seenAt: now, snapshot } })
		.run();
}

/** What is new since this member last opened the report; null if they never have. */
export function reportChangesSince(db: AppDatabase, reviewId: string, userId: string): ReportChanges | null {
	const visit = db.select().from(reportVisit).where(and(eq(reportVisit.reviewId, reviewId), eq(reportVisit.userId, userId))).get();
	if (!visit) return null;
	const now = readReportDocument(db, reviewId);
	const seen = Y.decodeSnapshot(new Uint8Array(visit.snapshot));
	const then = Y.createDocFromSnapshot(now, seen);
	const docName = documentName({ kind: 'report', reviewId });
	try {
		// The member's own edits are not news to them (issue 15): a section counts only when
		// someone else wrote or removed something in it since the visit.
		const byOthers = changedByOthers(db, docName, userId, seen, visit.seenAt);
		const changedSections = reportSections(db, reviewId).filter((section) => {
			const name = sectionFragmentName(section.key);
			return now.getXmlFragment(name).toString() !== then.getXmlFragment(name).toString() && byOthers(now.getXmlFragment(name));
		});
		const editors = db
			.selectDistinct({ name: user.name })
			.from(docUpdate)
			.innerJoin(user, eq(user.id, docUpdate.userId))
			.where(and(eq(docUpdate.docName, docName), gt(docUpdate.createdAt, visit.seenAt), ne(docUpdate.userId, userId)))
			.all()
			.map((row) => row.name);
		const newComments = db
			.select({ id: reportComment.id })
			.from(reportComment)
			.where(and(eq(reportComment.reviewId, reviewId), gt(reportComment.createdAt, visit.seenAt), ne(reportComment.authorId, userId)))
			.all().length;
		return { lastSeenAt: visit.seenAt, changedSections: changedSections.map(({ key, title }) => ({ key, title })), editors, newComments };
	} finally {
		then.destroy();
		now.destroy();
	}
}

/** What a Yjs shared type keeps of its content: a list of items, and keyed attributes. */
type SharedType = Pick<Y.AbstractType<never>, '_start' | '_map'>;

/**
 * Whether someone other than `userId` changed a part of the document since the snapshot `seen`.
 * Added content is attributed by its Yjs client id, which the collaboration server binds to the
 * person writing (`doc_client`), so it holds even after the update log is compacted. A deletion
 * carries no author in Yjs: it is someone else's when one of their stored updates since the visit
 * made it (a deletion whose update has since been compacted away is not attributed).
 */
function changedByOthers(db: AppDatabase, docName: string, userId: string, seen: Y.Snapshot, seenAt: Date): (type: SharedType) => boolean {
	const ownClients = new Set(
		db
			.select({ clientId: docClient.clientId })
			.from(docClient)
			.where(and(eq(docClient.docName, docName), eq(docClient.userId, userId)))
			.all()
			.map((row) => row.clientId)
	);
	const othersDeletions = Y.mergeDeleteSets(
		db
			.select({ update: docUpdate.update, userId: docUpdate.userId })
			.from(docUpdate)
			.where(and(eq(docUpdate.docName, docName), gt(docUpdate.createdAt, seenAt)))
			.all()
			.filter((row) => row.userId !== userId)
			.map((row) => Y.decodeUpdate(new Uint8Array(row.update)).ds)
	);
	const changedByOther = (item: Y.Item): boolean => {
		const addedSince = item.id.clock >= (seen.sv.get(item.id.client) ?? 0);
		if (addedSince && !ownClients.has(item.id.client)) return true;
		const deletedSince = item.deleted && !Y.isDeleted(seen.ds, item.id);
		return deletedSince && Y.isDeleted(othersDeletions, item.id);
	};
	const touched = (type: SharedType): boolean => {
		for (let item = type._start; item; item = item.right) {
			if (changedByOther(item)) return true;
			if (item.content instanceof Y.ContentType && touched(item.content.type)) return true;
		}
		// Attributes (a citation's entry, a heading's level): each key keeps its history leftwards.
		for (const last of type._map.values()) {
			for (let item: Y.Item | null = last; item; item = item.left) if (changedByOther(item)) return true;
		}
		return false;
	};
	return touched;
}
