/**
 * "What changed since I last looked" (issue 5): each time a member opens the report the
 * report's state is remembered (a Yjs snapshot, possible because documents keep their
 * history); the review page compares the report now with it.
 */
import * as Y from 'yjs';
import { and, eq, gt, ne } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { docUpdate, reportComment, reportVisit, user } from './db/schema';
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
	const then = Y.createDocFromSnapshot(now, Y.decodeSnapshot(new Uint8Array(visit.snapshot)));
	try {
		const changedSections = reportSections(db, reviewId).filter((section) => {
			const name = sectionFragmentName(section.key);
			return now.getXmlFragment(name).toString() !== then.getXmlFragment(name).toString();
		});
		const editors = db
			.selectDistinct({ name: user.name })
			.from(docUpdate)
			.innerJoin(user, eq(user.id, docUpdate.userId))
			.where(and(eq(docUpdate.docName, documentName({ kind: 'report', reviewId })), gt(docUpdate.createdAt, visit.seenAt), ne(docUpdate.userId, userId)))
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
