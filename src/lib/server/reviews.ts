import { asc, eq, and } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { agency, membership, review, timescaleExtension, user, type Agency, type Review } from './db/schema';
import type { ReviewDetails } from '../domain/review-details';
import { isReviewRole, type Membership, type ReviewRole } from '../domain/permissions';
import type { TimescaleExtension, MilestoneKey } from '../domain/timescales';
import { findUserByEmail } from './accounts';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';

/** The caller's membership of a review, or null: the only door to a review's content. */
export function findMembership(db: AppDatabase, reviewId: string, userId: string): Membership | null {
	const row = db
		.select({ role: membership.role, agencyId: membership.agencyId })
		.from(membership)
		.where(and(eq(membership.reviewId, reviewId), eq(membership.userId, userId)))
		.get();
	if (!row || !isReviewRole(row.role)) return null;
	return { role: row.role, agencyId: row.agencyId };
}

export interface NewReview extends ReviewDetails {
	chairEmail: string;
}

export function createReview(db: AppDatabase, actor: Actor, input: NewReview, now = new Date()): Outcome<{ id: string }> {
	const chair = findUserByEmail(db, input.chairEmail);
	if (!chair) {
		return refused(400, 'chairEmail', 'No account uses this email address. Create an account for the chair first.');
	}
	// Separate duties, separate accounts: the co-ordinator cannot appoint themself (DESIGN.md).
	if (chair.isAdmin) {
		return refused(400, 'chairEmail', 'This is a DHR co-ordinator (admin) account, which cannot chair a review: separate duties need separate accounts. Appoint the chair’s own account.');
	}
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(review)
			.values({
				id,
				title: input.title,
				partnership: input.partnership,
				dateOfDeath: input.dateOfDeath,
				notifiedOn: input.notifiedOn,
				decisionOn: input.decisionOn,
				createdBy: actor.userId,
				createdAt: now
			})
			.run();
		tx.insert(membership).values({ reviewId: id, userId: chair.id, role: 'chair', addedBy: actor.userId, addedAt: now }).run();
		recordAudit(tx, { action: 'review.created', actorUserId: actor.userId, reviewId: id, detail: { title: input.title }, ipAddress: actor.ipAddress, at: now });
		recordAudit(tx, { action: 'member.added', actorUserId: actor.userId, reviewId: id, targetUserId: chair.id, detail: { role: 'chair' }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

export interface ReviewListing {
	id: string;
	title: string;
	partnership: string;
	notifiedOn: string;
	decisionOn: string | null;
	role: ReviewRole;
}

export function listReviewsForUser(db: AppDatabase, userId: string): ReviewListing[] {
	return db
		.select({ id: review.id, title: review.title, partnership: review.partnership, notifiedOn: review.notifiedOn, decisionOn: review.decisionOn, role: membership.role })
		.from(membership)
		.innerJoin(review, eq(review.id, membership.reviewId))
		.where(eq(membership.userId, userId))
		.orderBy(asc(review.title))
		.all()
		.filter((row): row is ReviewListing => isReviewRole(row.role));
}

export interface AdminReviewListing {
	id: string;
	title: string;
	partnership: string;
	createdAt: Date;
	chairs: string[];
}

/** The admin's register of reviews: titles and chairs only, never content. */
export function listAllReviews(db: AppDatabase): AdminReviewListing[] {
	const rows = db
		.select({ id: review.id, title: review.title, partnership: review.partnership, createdAt: review.createdAt, chairName: user.name, role: membership.role })
		.from(review)
		.leftJoin(membership, and(eq(membership.reviewId, review.id), eq(membership.role, 'chair')))
		.leftJoin(user, eq(user.id, membership.userId))
		.orderBy(asc(review.title))
		.all();
	const byId = new Map<string, AdminReviewListing>();
	for (const row of rows) {
		const listing = byId.get(row.id) ?? { id: row.id, title: row.title, partnership: row.partnership, createdAt: row.createdAt, chairs: [] };
		if (row.chairName) listing.chairs.push(row.chairName);
		byId.set(row.id, listing);
	}
	return [...byId.values()];
}

export interface ReviewMember {
	userId: string;
	name: string;
	email: string;
	role: ReviewRole;
	agencyId: string | null;
	addedAt: Date;
	/** The account is deactivated: the name stays in the record, marked so. */
	deactivated: boolean;
}

export interface ReviewOverview {
	review: Review;
	agencies: Agency[];
	members: ReviewMember[];
	extensions: TimescaleExtension[];
}

export function getReviewOverview(db: AppDatabase, reviewId: string): ReviewOverview | null {
	const found = db.select().from(review).where(eq(review.id, reviewId)).get();
	if (!found) return null;
	const agencies = db.select().from(agency).where(eq(agency.reviewId, reviewId)).orderBy(asc(agency.name)).all();
	const members = db
		.select({ userId: user.id, name: user.name, email: user.email, role: membership.role, agencyId: membership.agencyId, addedAt: membership.addedAt, deactivatedAt: user.deactivatedAt })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.reviewId, reviewId))
		.orderBy(asc(user.name))
		.all()
		.map(({ deactivatedAt, ...row }) => ({ ...row, deactivated: deactivatedAt !== null }))
		.filter((row): row is ReviewMember => isReviewRole(row.role));
	const extensions = listExtensions(db, reviewId);
	return { review: found, agencies, members, extensions };
}

/** A review's agreed timescale extensions, oldest first. */
export function listExtensions(db: AppDatabase, reviewId: string): TimescaleExtension[] {
	return db
		.select({ milestone: timescaleExtension.milestone, newDueOn: timescaleExtension.newDueOn, reason: timescaleExtension.reason, recordedAt: timescaleExtension.recordedAt, recordedBy: user.name })
		.from(timescaleExtension)
		.innerJoin(user, eq(user.id, timescaleExtension.recordedBy))
		.where(eq(timescaleExtension.reviewId, reviewId))
		.orderBy(asc(timescaleExtension.recordedAt))
		.all()
		.map((row) => ({ ...row, milestone: row.milestone as MilestoneKey }));
}

export function recordDecisionDate(db: AppDatabase, actor: Actor, reviewId: string, decisionOn: string, now = new Date()): void {
	db.transaction((tx) => {
		tx.update(review).set({ decisionOn }).where(eq(review.id, reviewId)).run();
		recordAudit(tx, { action: 'review.dates_changed', actorUserId: actor.userId, reviewId, detail: { decisionOn }, ipAddress: actor.ipAddress, at: now });
	});
}

export function recordVictimDateOfBirth(db: AppDatabase, actor: Actor, reviewId: string, victimDateOfBirth: string | null, now = new Date()): void {
	db.transaction((tx) => {
		tx.update(review).set({ victimDateOfBirth }).where(eq(review.id, reviewId)).run();
		recordAudit(tx, { action: 'review.dates_changed', actorUserId: actor.userId, reviewId, detail: { victimDateOfBirth: victimDateOfBirth ?? 'removed' }, ipAddress: actor.ipAddress, at: now });
	});
}

export function recordExtension(
	db: AppDatabase,
	actor: Actor,
	reviewId: string,
	extension: { milestone: MilestoneKey; newDueOn: string; reason: string },
	now = new Date()
): void {
	db.transaction((tx) => {
		tx.insert(timescaleExtension)
			.values({ id: randomUUID(), reviewId, milestone: extension.milestone, newDueOn: extension.newDueOn, reason: extension.reason.trim(), recordedBy: actor.userId, recordedAt: now })
			.run();
		recordAudit(tx, { action: 'timescale.extended', actorUserId: actor.userId, reviewId, detail: { ...extension }, ipAddress: actor.ipAddress, at: now });
	});
}
