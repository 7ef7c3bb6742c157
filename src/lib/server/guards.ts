/**
 * Authorisation for pages and endpoints. Every page load and action calls one of
 * these itself (layout loads do not re-run on client navigation). A non-member is
 * told the review does not exist (404), so its existence is not revealed.
 */
import { error, redirect } from '@sveltejs/kit';
import { actionPlanAccess, finalReportMessage, refusalOf, type ActionPlanAccess, type Membership, type ReviewAction, type ActionTarget, type ReviewFacts } from '../domain/permissions';
import type { SessionUser } from './auth/session';
import { findMembership, getReviewOverview, type ReviewOverview } from './reviews';
import type { Actor } from './actor';
import { materialDeletedAt, materialDeletedMessage } from './retention';
import { outlivesDeletion } from '../domain/retention';
import { reviewFacts } from './signoff';

export const reviewNotFoundMessage = 'Review not found';

export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) {
		const next = url.pathname + url.search;
		redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	}
	return locals.user;
}

export function requireAdmin(locals: App.Locals, url: URL): SessionUser {
	const user = requireUser(locals, url);
	if (!user.isAdmin) error(403, 'Only the DHR co-ordinator can do this');
	return user;
}

export interface ReviewAccess {
	user: SessionUser;
	membership: Membership;
	actor: Actor;
	/** The review's state the decision took into account, for the page's own `can` questions. */
	facts: ReviewFacts;
}

export function requireReviewAction(
	locals: App.Locals,
	url: URL,
	reviewId: string,
	action: ReviewAction,
	target?: ActionTarget
): ReviewAccess {
	const user = requireUser(locals, url);
	const membership = findMembership(locals.db, reviewId, user.id);
	if (!membership) error(404, reviewNotFoundMessage);
	const facts = reviewFacts(locals.db, reviewId);
	const refusal = refusalOf(membership, action, { ...target, ...facts });
	if (refusal === 'role') error(403, 'Your role in this review does not allow this');
	// After retention deletion the material is gone for good: 410, not a page built from nothing.
	if (!outlivesDeletion(action) && materialDeletedAt(locals.db, reviewId)) error(410, materialDeletedMessage);
	if (refusal === 'report_final') error(409, finalReportMessage);
	return { user, membership, actor: actorOf(locals), facts };
}

/** The review's overview for a page, or the same 404 a non-member gets. */
export function requireReviewOverview(db: App.Locals['db'], reviewId: string): ReviewOverview {
	const overview = getReviewOverview(db, reviewId);
	if (!overview) error(404, reviewNotFoundMessage);
	return overview;
}

export function actorOf(locals: App.Locals): Actor {
	if (!locals.user) throw new Error('actorOf needs a signed-in user');
	return { userId: locals.user.id, ipAddress: locals.clientAddress };
}

/** The action plan's page: members by role, and the co-ordinator (admin), who sees the plan and nothing else. */
export function requireActionPlanAccess(locals: App.Locals, url: URL, reviewId: string): { user: SessionUser; membership: Membership | null; access: Exclude<ActionPlanAccess, 'none'>; actor: Actor } {
	const user = requireUser(locals, url);
	const membership = findMembership(locals.db, reviewId, user.id);
	const access = actionPlanAccess(membership, user.isAdmin);
	if (!getReviewOverview(locals.db, reviewId) || (!membership && access === 'none')) error(404, reviewNotFoundMessage);
	if (access === 'none') error(403, 'Your role in this review does not allow this');
	if (materialDeletedAt(locals.db, reviewId)) error(410, materialDeletedMessage);
	return { user, membership, access, actor: actorOf(locals) };
}
