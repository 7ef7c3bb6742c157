/**
 * Comments on the report (issue 5): stored in SQLite, checked against the permission
 * table and the rules in domain/comments.ts, audited, and announced live through the
 * report document so every open page fetches them again.
 */
import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { AppDatabase, DbExecutor } from './db/client';
import { commentMention, commentThreadRead, membership, reportComment, user } from './db/schema';
import { enqueueNotification } from './notifications';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument } from './live-documents';
import { commentBodyProblems, mayChangeComment, mayResolveThread, mentionedIn, mentionRefusal, type MentionCandidate } from '../domain/comments';
import { documentName, isReviewRole, type Membership } from '../domain/permissions';

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
	/** Members chosen from the @ list, by id, beside those named as `@Full Name` in the text. */
	mentions?: string[];
}

/** The review's members as mentions need them (active or not, any role). */
function mentionCandidates(db: DbExecutor, reviewId: string): MentionCandidate[] {
	return db
		.select({ userId: user.id, name: user.name, role: membership.role, agencyId: membership.agencyId, deactivatedAt: user.deactivatedAt })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.reviewId, reviewId))
		.all()
		.flatMap((row) => (isReviewRole(row.role) ? [{ userId: row.userId, name: row.name, membership: { role: row.role, agencyId: row.agencyId }, deactivated: row.deactivatedAt !== null }] : []));
}

/** The members the @ list offers: only those who can read the report, by name. */
export function mentionableMembers(db: AppDatabase, reviewId: string): { userId: string; name: string }[] {
	return mentionCandidates(db, reviewId)
		.filter((member) => mentionRefusal(member) === null)
		.map(({ userId, name }) => ({ userId, name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Who a comment mentions, or why it cannot: a mention of someone who could not read the
 * thread (not a member, the family advocate, a guest, a deactivated account) is refused
 * with the reason, and nothing is stored.
 */
function resolveMentions(db: DbExecutor, reviewId: string, body: string, chosen: string[] = []): Outcome<string[]> {
	const members = mentionCandidates(db, reviewId);
	const byId = new Map(members.map((member) => [member.userId, member]));
	if (chosen.some((id) => !byId.has(id))) return refused(400, 'mentions', 'Only members of this review can be mentioned');
	const ids = new Set([...chosen, ...mentionedIn(body, members)]);
	for (const id of ids) {
		const refusal = mentionRefusal(byId.get(id)!);
		if (refusal) return refused(400, 'mentions', refusal);
	}
	return { ok: true, value: [...ids] };
}

const threadLink = (reviewId: string, threadId: string) => `/reviews/${reviewId}/report#comment-${threadId}`;

/** Stores a comment's new mentions and tells each person, inside the comment's transaction. */
function recordMentions(tx: DbExecutor, reviewId: string, threadId: string, commentId: string, authorId: string, userIds: string[], now: Date): string[] {
	const told: string[] = [];
	for (const userId of userIds) {
		if (userId === authorId) continue;
		const added = tx.insert(commentMention).values({ commentId, userId, reviewId, createdAt: now }).onConflictDoNothing().run();
		if (added.changes === 0) continue;
		enqueueNotification(tx, { userId, reviewId, kind: 'mention', dedupeKey: `mention:${commentId}:${userId}`, link: threadLink(reviewId, threadId) }, now);
		told.push(userId);
	}
	return told;
}

/** Records that this person has read the thread now: its replies and mentions leave their list. */
function markRead(tx: DbExecutor, threadId: string, userId: string, now: Date): void {
	tx.insert(commentThreadRead).values({ threadId, userId, readAt: now }).onConflictDoUpdate({ target: [commentThreadRead.threadId, commentThreadRead.userId], set: { readAt: now } }).run();
}

/** The member has read a thread (opened it on the report page). */
export function markThreadRead(db: AppDatabase, actor: Actor, reviewId: string, threadId: string, now = new Date()): Outcome<null> {
	const thread = findComment(db, reviewId, threadId);
	if (!thread || thread.parentId) return refused(404, 'threadId', 'That comment thread does not exist');
	markRead(db, threadId, actor.userId, now);
	return { ok: true, value: null };
}

export function addComment(db: AppDatabase, actor: Actor, reviewId: string, input: NewComment, now = new Date()): Outcome<{ id: string }> {
	const problems = commentBodyProblems(input.body);
	if (problems.length) return refused(400, 'body', problems[0]);
	let sectionKey = input.sectionKey;
	let threadAuthorId: string | null = null;
	if (input.parentId) {
		const parent = db.select().from(reportComment).where(and(eq(reportComment.id, input.parentId), eq(reportComment.reviewId, reviewId))).get();
		if (!parent || parent.parentId) return refused(404, 'parentId', 'That comment thread does not exist');
		sectionKey = parent.sectionKey;
		threadAuthorId = parent.authorId;
	} else if (!sectionKey) {
		return refused(400, 'sectionKey', 'Say which section the comment is on');
	}
	const id = crypto.randomUUID();
	const threadId = input.parentId ?? id;
	const refusal = db.transaction((tx) => {
		const mentions = resolveMentions(tx, reviewId, input.body, input.mentions);
		if (!mentions.ok) return mentions;
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
		const told = recordMentions(tx, reviewId, threadId, id, actor.userId, mentions.value, now);
		if (told.length) recordAudit(tx, { action: 'comment.mentioned', actorUserId: actor.userId, reviewId, detail: { commentId: id, mentioned: told }, ipAddress: actor.ipAddress, at: now });
		// A reply tells the thread's author, if they can still read it (a mention already told them).
		const author = threadAuthorId ? mentionCandidates(tx, reviewId).find((member) => member.userId === threadAuthorId) : undefined;
		if (author && author.userId !== actor.userId && !told.includes(author.userId) && mentionRefusal(author) === null) {
			enqueueNotification(tx, { userId: author.userId, reviewId, kind: 'comment_reply', dedupeKey: `comment_reply:${id}:${author.userId}`, link: threadLink(reviewId, threadId) }, now);
		}
		// Writing in a thread is reading it.
		if (input.parentId) markRead(tx, threadId, actor.userId, now);
		return null;
	});
	if (refusal) return refusal;
	announce(db, reviewId, actor.userId);
	return { ok: true, value: { id } };
}

function findComment(db: AppDatabase, reviewId: string, commentId: string) {
	return db.select().from(reportComment).where(and(eq(reportComment.id, commentId), eq(reportComment.reviewId, reviewId))).get();
}

export type CommentChange = { body: string; mentions?: string[] } | { resolved: boolean };

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
		const refusal = db.transaction((tx) => {
			const mentions = resolveMentions(tx, reviewId, change.body, change.mentions);
			if (!mentions.ok) return mentions;
			tx.update(reportComment).set({ body: change.body.trim(), updatedAt: now }).where(eq(reportComment.id, commentId)).run();
			recordAudit(tx, { action: 'comment.changed', actorUserId: actor.userId, reviewId, detail: { commentId }, ipAddress: actor.ipAddress, at: now });
			// Only someone newly named is told; those already mentioned were told once.
			const told = recordMentions(tx, reviewId, comment.parentId ?? comment.id, commentId, actor.userId, mentions.value, now);
			if (told.length) recordAudit(tx, { action: 'comment.mentioned', actorUserId: actor.userId, reviewId, detail: { commentId, mentioned: told }, ipAddress: actor.ipAddress, at: now });
			return null;
		});
		if (refusal) return refusal;
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
