/**
 * Comments on the report (issue 5): stored in SQLite, checked against the permission
 * table and the rules in domain/comments.ts, audited, and announced live through the
 * report document so every open page fetches them again.
 */
import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { reportComment, user } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument } from './live-documents';
import { commentBodyProblems, mayChangeComment, mayResolveThread } from '../domain/comments';
import { documentName, type Membership } from '../domain/permissions';

export interface CommentView {
	id: string;
	authorId: string;
	authorName: string;
	body: string;
	createdAt: string;
	updatedAt: string | null;
}

export interface ThreadView extends CommentView {
	sectionKey: string;
	anchor: string | null;
	quote: string;
	resolvedAt: string | null;
	resolvedByName: string | null;
	replies: CommentView[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function listThreads(db: AppDatabase, reviewId: string): ThreadView[] {
	const rows = db
		.select({ comment: reportComment, authorName: user.name })
		.from(reportComment)
		.innerJoin(user, eq(user.id, reportComment.authorId))
		.where(eq(reportComment.reviewId, reviewId))
		.orderBy(asc(reportComment.createdAt))
		.all();
	const names = new Map(rows.map(({ comment, authorName }) => [comment.authorId, authorName]));
	const resolverIds = rows.map(({ comment }) => comment.resolvedBy).filter((id): id is string => !!id && !names.has(id));
	if (resolverIds.length) {
		for (const row of db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, resolverIds)).all()) names.set(row.id, row.name);
	}
	const view = ({ comment, authorName }: (typeof rows)[number]): CommentView => ({
		id: comment.id,
		authorId: comment.authorId,
		authorName,
		body: comment.body,
		createdAt: comment.createdAt.toISOString(),
		updatedAt: iso(comment.updatedAt)
	});
	const threads = new Map<string, ThreadView>();
	for (const row of rows) {
		if (row.comment.parentId) continue;
		threads.set(row.comment.id, {
			...view(row),
			sectionKey: row.comment.sectionKey,
			anchor: row.comment.anchor,
			quote: row.comment.quote,
			resolvedAt: iso(row.comment.resolvedAt),
			resolvedByName: row.comment.resolvedBy ? (names.get(row.comment.resolvedBy) ?? null) : null,
			replies: []
		});
	}
	for (const row of rows) if (row.comment.parentId) threads.get(row.comment.parentId)?.replies.push(view(row));
	return [...threads.values()];
}

/** Tells every open report page that comments changed (they fetch them again). */
function announce(db: AppDatabase, reviewId: string, userId: string): void {
	changeDocument(createSqliteDocumentStore(db), {
		docName: documentName({ kind: 'report', reviewId }),
		userId,
		change: (doc) => doc.getMap('signals').set('comments', Date.now())
	});
}

export interface NewComment {
	sectionKey: string;
	body: string;
	parentId?: string | null;
	anchor?: string | null;
	quote?: string;
}

export function addComment(db: AppDatabase, actor: Actor, reviewId: string, input: NewComment, now = new Date()): Outcome<{ id: string }> {
	const problems = commentBodyProblems(input.body);
	if (problems.length) return refused(400, 'body', problems[0]);
	let sectionKey = input.sectionKey;
	if (input.parentId) {
		const parent = db.select().from(reportComment).where(and(eq(reportComment.id, input.parentId), eq(reportComment.reviewId, reviewId))).get();
		if (!parent || parent.parentId) return refused(404, 'parentId', 'That comment thread does not exist');
		sectionKey = parent.sectionKey;
	} else if (!sectionKey) {
		return refused(400, 'sectionKey', 'Say which section the comment is on');
	}
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(reportComment)
			.values({
				id,
				reviewId,
				sectionKey,
				parentId: input.parentId ?? null,
				anchor: input.parentId ? null : (input.anchor ?? null),
				quote: input.parentId ? '' : (input.quote ?? '').slice(0, 500),
				body: input.body.trim(),
				authorId: actor.userId,
				createdAt: now
			})
			.run();
		recordAudit(tx, { action: 'comment.created', actorUserId: actor.userId, reviewId, detail: { commentId: id, section: sectionKey }, ipAddress: actor.ipAddress, at: now });
	});
	announce(db, reviewId, actor.userId);
	return { ok: true, value: { id } };
}

function findComment(db: AppDatabase, reviewId: string, commentId: string) {
	return db.select().from(reportComment).where(and(eq(reportComment.id, commentId), eq(reportComment.reviewId, reviewId))).get();
}

export type CommentChange = { body: string } | { resolved: boolean };

export function changeComment(
	db: AppDatabase,
	actor: Actor,
	membership: Membership,
	reviewId: string,
	commentId: string,
	change: CommentChange,
	now = new Date()
): Outcome<null> {
	const comment = findComment(db, reviewId, commentId);
	if (!comment) return refused(404, 'commentId', 'That comment does not exist');
	if ('body' in change) {
		if (!mayChangeComment(actor.userId, comment.authorId)) return refused(403, 'commentId', 'Only the person who wrote a comment can change it');
		const problems = commentBodyProblems(change.body);
		if (problems.length) return refused(400, 'body', problems[0]);
		db.transaction((tx) => {
			tx.update(reportComment).set({ body: change.body.trim(), updatedAt: now }).where(eq(reportComment.id, commentId)).run();
			recordAudit(tx, { action: 'comment.changed', actorUserId: actor.userId, reviewId, detail: { commentId }, ipAddress: actor.ipAddress, at: now });
		});
	} else {
		if (comment.parentId) return refused(400, 'resolved', 'Resolve the thread, not a reply');
		if (!mayResolveThread(membership, actor.userId, comment.authorId)) {
			return refused(403, 'commentId', 'Only the chair or the person who started the thread can resolve or reopen it');
		}
		db.transaction((tx) => {
			tx.update(reportComment)
				.set(change.resolved ? { resolvedAt: now, resolvedBy: actor.userId } : { resolvedAt: null, resolvedBy: null })
				.where(eq(reportComment.id, commentId))
				.run();
			recordAudit(tx, { action: change.resolved ? 'comment.resolved' : 'comment.reopened', actorUserId: actor.userId, reviewId, detail: { commentId }, ipAddress: actor.ipAddress, at: now });
		});
	}
	announce(db, reviewId, actor.userId);
	return { ok: true, value: null };
}

export function deleteComment(db: AppDatabase, actor: Actor, reviewId: string, commentId: string, now = new Date()): Outcome<null> {
	const comment = findComment(db, reviewId, commentId);
	if (!comment) return refused(404, 'commentId', 'That comment does not exist');
	if (!mayChangeComment(actor.userId, comment.authorId)) return refused(403, 'commentId', 'Only the person who wrote a comment can delete it');
	const othersReplied = db
		.select({ id: reportComment.id })
		.from(reportComment)
		.where(and(eq(reportComment.parentId, commentId), ne(reportComment.authorId, actor.userId)))
		.get();
	if (othersReplied) return refused(409, 'commentId', 'Others have replied to this thread, so it cannot be deleted; resolve it instead');
	db.transaction((tx) => {
		// A thread goes with the author's own replies to it.
		tx.delete(reportComment).where(or(eq(reportComment.id, commentId), eq(reportComment.parentId, commentId))).run();
		recordAudit(tx, { action: 'comment.deleted', actorUserId: actor.userId, reviewId, detail: { commentId }, ipAddress: actor.ipAddress, at: now });
	});
	announce(db, reviewId, actor.userId);
	return { ok: true, value: null };
}
