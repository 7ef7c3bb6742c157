/**
 * Who may do what with a report comment. Writing comments is in the permission table
 * (`comment.write`: everyone who reads the report except observers); beyond that only
 * the author edits or deletes a comment, and a thread is resolved or reopened by the
 * person who started it or by the chair.
 */
import type { Membership } from './permissions';

export const maxCommentLength = 4_000;

export function commentBodyProblems(body: string): string[] {
	const trimmed = body.trim();
	if (!trimmed) return ['Write your comment'];
	if (trimmed.length > maxCommentLength) return [`Keep the comment to ${maxCommentLength} characters or fewer`];
	return [];
}

export function mayChangeComment(userId: string, authorId: string): boolean {
	return userId === authorId;
}

export function mayResolveThread(membership: Membership, userId: string, threadAuthorId: string): boolean {
	return membership.role === 'chair' || userId === threadAuthorId;
}
