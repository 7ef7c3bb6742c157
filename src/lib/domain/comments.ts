/**
 * Who may do what with a report comment. Writing comments is in the permission table
 * (`comment.write`: everyone who reads the report except observers); beyond that only
 * the author edits or deletes a comment, and a thread is resolved or reopened by the
 * person who started it or by the chair.
 */
import { can, type Membership } from './permissions';

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

// ---- Mentions (issue 14) ----

/** A member as a mention needs them: who, and whether they can read the report. */
export interface MentionCandidate {
	userId: string;
	name: string;
	membership: Membership;
	deactivated: boolean;
}

/**
 * The members named as `@Full Name` in a comment. Longer names are tried first, so
 * "@Jo Lindqvist-Shah" is never read as "@Jo Lindqvist"; a name must end at a word's end.
 */
export function mentionedIn(body: string, members: readonly MentionCandidate[]): string[] {
	const found = new Set<string>();
	let rest = body;
	for (const member of [...members].sort((a, b) => b.name.length - a.name.length)) {
		const mark = `@${member.name}`;
		let at = rest.indexOf(mark);
		while (at !== -1) {
			const next = rest.charAt(at + mark.length);
			if (!/[\p{L}\p{N}]/u.test(next)) {
				found.add(member.userId);
				rest = rest.slice(0, at) + ' '.repeat(mark.length) + rest.slice(at + mark.length);
			}
			at = rest.indexOf(mark, at + 1);
		}
	}
	return [...found];
}

/** Why this member cannot be mentioned (they could not read the thread), or null. */
export function mentionRefusal(member: MentionCandidate): string | null {
	if (member.deactivated) return `${member.name} cannot be mentioned: their account is deactivated, so they cannot read the report`;
	if (!can(member.membership, 'report.read')) {
		const reason = member.membership.role === 'family_advocate' ? 'the family advocate sees only what the chair shares with the family' : member.membership.role === 'guest' ? 'a guest practitioner takes part in one learning event only' : 'their role does not include reading the report';
		return `${member.name} cannot be mentioned: ${reason}, not the report or its comments`;
	}
	return null;
}
