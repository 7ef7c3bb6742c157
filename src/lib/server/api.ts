/**
 * JSON endpoints answer every failure as `{"error": "<plain sentence>"}` with its
 * status (DESIGN.md, "HTTP API"); nothing unexpected leaks as a stack trace.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { actionPlanAccess, finalReportMessage, refusalOf, type ActionPlanAccess, type ActionTarget, type Membership, type ReviewAction, type ReviewFacts } from '../domain/permissions';
import type { SessionUser } from './auth/session';
import { findMembership } from './reviews';
import { review } from './db/schema';
import { eq } from 'drizzle-orm';
import type { Outcome } from './actor';
import { reviewNotFoundMessage } from './guards';
import { materialDeletedAt, materialDeletedMessage } from './retention';
import { outlivesDeletion } from '../domain/retention';
import { reviewFacts } from './signoff';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export function endpoint<E extends RequestEvent>(handler: (event: E) => Promise<Response> | Response): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (caught) {
			if (caught instanceof ApiError) {
				return json({ error: caught.message }, { status: caught.status, headers: caught.headers });
			}
			const errorId = crypto.randomUUID();
			console.error(`[api] ${event.request.method} ${event.url.pathname} failed (error ${errorId}, user ${event.locals.user?.id ?? 'none'})`, caught);
			return json({ error: `Sorry, something went wrong on our side. Quote reference ${errorId} if you report it.` }, { status: 500 });
		}
	};
}


export function apiUser(locals: App.Locals): SessionUser {
	if (!locals.user) throw new ApiError(401, 'Sign in to continue');
	return locals.user;
}

/** The signed-in DHR co-ordinator, or 403 for anyone else. */
export function apiAdmin(locals: App.Locals): SessionUser {
	const user = apiUser(locals);
	if (!user.isAdmin) throw new ApiError(403, 'Only the DHR co-ordinator can do this');
	return user;
}

/** The caller's access for one action; a final report refuses changes with 409 (the chair can reopen it). */
export function apiReviewAccess(locals: App.Locals, reviewId: string, action: ReviewAction, target?: ActionTarget): { user: SessionUser; membership: Membership; facts: ReviewFacts } {
	const user = apiUser(locals);
	const membership = findMembership(locals.db, reviewId, user.id);
	if (!membership) throw new ApiError(404, reviewNotFoundMessage);
	const facts = reviewFacts(locals.db, reviewId);
	const refusal = refusalOf(membership, action, { ...target, ...facts });
	if (refusal === 'role') throw new ApiError(403, 'Your role in this review does not allow this');
	if (!outlivesDeletion(action) && materialDeletedAt(locals.db, reviewId)) throw new ApiError(410, materialDeletedMessage);
	if (refusal === 'report_final') throw new ApiError(409, finalReportMessage);
	return { user, membership, facts };
}

/**
 * Who may read a review's action plan: its members by role, and the partnership's co-ordinator
 * (admin), whose rights reach the plan and nothing else of the review. Anyone else: 404.
 */
export function apiActionPlanAccess(locals: App.Locals, reviewId: string): { user: SessionUser; membership: Membership | null; access: Exclude<ActionPlanAccess, 'none'> } {
	const user = apiUser(locals);
	const membership = findMembership(locals.db, reviewId, user.id);
	const exists = locals.db.select({ id: review.id }).from(review).where(eq(review.id, reviewId)).get();
	const access = actionPlanAccess(membership, user.isAdmin);
	if (!exists || (!membership && access === 'none')) throw new ApiError(404, reviewNotFoundMessage);
	if (access === 'none') throw new ApiError(403, 'Your role in this review does not allow this');
	if (materialDeletedAt(locals.db, reviewId)) throw new ApiError(410, materialDeletedMessage);
	return { user, membership, access };
}

/** Parses a JSON body against a schema; 400 with a plain message when it does not fit. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		throw new ApiError(415, 'Send the request body as JSON (Content-Type: application/json)');
	}
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw new ApiError(400, 'The request body is not valid JSON');
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
		throw new ApiError(400, `Invalid ${where}: ${issue.message}`);
	}
	return parsed.data;
}

/** Maps a refused change to its API error. */
export function unwrap<T>(outcome: Outcome<T>): T {
	if (!outcome.ok) throw new ApiError(outcome.status, outcome.errors.map((e) => e.message).join('. '));
	return outcome.value;
}
