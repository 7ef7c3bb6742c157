import { and, count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { agency, membership } from './db/schema';
import { can, isAssignableRole, roleLabels, type AssignableRole, type Membership, type ReviewRole } from '../domain/permissions';
import { agencyKindLabels, isAgencyKind, type AgencyKind } from '../domain/agencies';
import { findUserByEmail, findUserById } from './accounts';
import { recordAudit } from './audit';
import { accessEvents } from './access-events';
import { findMembership } from './reviews';
import { guestDescriptions } from './events';
import { refused, type Actor, type Outcome } from './actor';

export interface MemberInput {
	email?: unknown;
	role?: unknown;
	agencyId?: unknown;
}

function agencyOfReview(db: AppDatabase, reviewId: string, agencyId: unknown): string | null {
	if (typeof agencyId !== 'string' || agencyId === '') return null;
	const row = db.select({ id: agency.id }).from(agency).where(and(eq(agency.id, agencyId), eq(agency.reviewId, reviewId))).get();
	return row?.id ?? null;
}

/** Agency representatives speak for one agency; other roles speak for the panel. */
export function checkRoleAndAgency(db: AppDatabase, reviewId: string, role: unknown, agencyId: unknown): Outcome<{ role: AssignableRole; agencyId: string | null }> {
	if (!isAssignableRole(role)) return refused(400, 'role', 'Select a role');
	if (role !== 'agency_rep') return { ok: true, value: { role, agencyId: null } };
	const found = agencyOfReview(db, reviewId, agencyId);
	if (!found) return refused(400, 'agencyId', 'Select the agency this representative speaks for');
	return { ok: true, value: { role, agencyId: found } };
}

/**
 * The member list as one member may see it: guest practitioners appear by role and
 * agency, named only to the moderator and the chair (the invitation form's promise).
 */
export function membersSeenBy<M extends { userId: string; name: string; role: ReviewRole }>(db: AppDatabase, reviewId: string, members: M[], viewer: Membership): M[] {
	if (can(viewer, 'guests.identify') || !members.some((member) => member.role === 'guest')) return members;
	const described = guestDescriptions(db, reviewId);
	return members.map((member) => (member.role === 'guest' ? { ...member, name: described.get(member.userId) ?? roleLabels.guest } : member));
}

/** Admin rights and review content never meet in one account (DESIGN.md, "People and roles"). */
export const adminMemberMessage =
	'This is a DHR co-ordinator (admin) account, which cannot be a member of a review: separate duties need separate accounts. Add the person’s own account instead.';

function countChairs(db: AppDatabase, reviewId: string): number {
	return db.select({ n: count() }).from(membership).where(and(eq(membership.reviewId, reviewId), eq(membership.role, 'chair'))).get()?.n ?? 0;
}

export function addMember(db: AppDatabase, actor: Actor, reviewId: string, input: MemberInput, now = new Date()): Outcome<{ userId: string }> {
	const email = typeof input.email === 'string' ? input.email.trim() : '';
	if (!email) return refused(400, 'email', 'Enter the email address of the person to add');
	const account = findUserByEmail(db, email);
	if (!account) {
		return refused(400, 'email', 'No account uses this email address. Invite them to the review instead: they choose their own password.');
	}
	if (account.isAdmin) return refused(400, 'email', adminMemberMessage);
	if (account.deactivatedAt) return refused(409, 'email', `${account.name}’s account is deactivated. Ask your DHR co-ordinator.`);
	const checked = checkRoleAndAgency(db, reviewId, input.role, input.agencyId);
	if (!checked.ok) return checked;
	if (findMembership(db, reviewId, account.id)) {
		return refused(409, 'email', `${account.name} is already a member of this review`);
	}
	db.transaction((tx) => {
		tx.insert(membership).values({ reviewId, userId: account.id, role: checked.value.role, agencyId: checked.value.agencyId, addedBy: actor.userId, addedAt: now }).run();
		recordAudit(tx, { action: 'member.added', actorUserId: actor.userId, reviewId, targetUserId: account.id, detail: { ...checked.value }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { userId: account.id } };
}

export function changeMemberRole(db: AppDatabase, actor: Actor, reviewId: string, userId: string, input: MemberInput, now = new Date()): Outcome<null> {
	const current = findMembership(db, reviewId, userId);
	if (!current) return refused(404, 'userId', 'This person is not a member of this review');
	// An admin account made a member before this rule can be removed, but given no new role.
	if (findUserById(db, userId)?.isAdmin) return refused(400, 'role', adminMemberMessage);
	const checked = checkRoleAndAgency(db, reviewId, input.role, input.agencyId);
	if (!checked.ok) return checked;
	if (current.role === 'chair' && checked.value.role !== 'chair' && countChairs(db, reviewId) <= 1) {
		return refused(409, 'role', 'A review must always have a chair. Add another chair first.');
	}
	db.transaction((tx) => {
		tx.update(membership).set(checked.value).where(and(eq(membership.reviewId, reviewId), eq(membership.userId, userId))).run();
		recordAudit(tx, {
			action: 'member.role_changed',
			actorUserId: actor.userId,
			reviewId,
			targetUserId: userId,
			detail: { from: current, to: checked.value },
			ipAddress: actor.ipAddress,
			at: now
		});
	});
	accessEvents.emit('membership-changed', { reviewId, userId });
	return { ok: true, value: null };
}

export function removeMember(db: AppDatabase, actor: Actor, reviewId: string, userId: string, now = new Date()): Outcome<null> {
	const current = findMembership(db, reviewId, userId);
	if (!current) return refused(404, 'userId', 'This person is not a member of this review');
	if (current.role === 'chair' && countChairs(db, reviewId) <= 1) {
		return refused(409, 'userId', 'A review must always have a chair. Add another chair before removing this one.');
	}
	db.transaction((tx) => {
		tx.delete(membership).where(and(eq(membership.reviewId, reviewId), eq(membership.userId, userId))).run();
		recordAudit(tx, { action: 'member.removed', actorUserId: actor.userId, reviewId, targetUserId: userId, detail: { role: current.role, agencyId: current.agencyId }, ipAddress: actor.ipAddress, at: now });
	});
	// Open live connections are closed by the collaboration server on this event.
	accessEvents.emit('membership-changed', { reviewId, userId });
	return { ok: true, value: null };
}

export function addAgency(db: AppDatabase, actor: Actor, reviewId: string, input: { name?: unknown; kind?: unknown }, now = new Date()): Outcome<{ id: string }> {
	const name = typeof input.name === 'string' ? input.name.trim() : '';
	const errors = [];
	if (!name) errors.push({ field: 'agencyName', message: 'Enter the name of the agency' });
	else if (name.length > 120) errors.push({ field: 'agencyName', message: 'Agency name must be 120 characters or fewer' });
	if (!isAgencyKind(input.kind)) errors.push({ field: 'agencyKind', message: 'Select the kind of agency' });
	if (errors.length > 0) return { ok: false, status: 400, errors };
	const duplicate = db.select({ id: agency.id }).from(agency).where(and(eq(agency.reviewId, reviewId), eq(agency.name, name))).get();
	if (duplicate) return refused(409, 'agencyName', `${name} is already an agency in this review`);
	const id = randomUUID();
	const kind = input.kind as AgencyKind;
	db.transaction((tx) => {
		tx.insert(agency).values({ id, reviewId, name, kind, createdAt: now }).run();
		recordAudit(tx, { action: 'agency.added', actorUserId: actor.userId, reviewId, detail: { agencyId: id, name, kind: agencyKindLabels[kind] }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

export function removeAgency(db: AppDatabase, actor: Actor, reviewId: string, agencyId: string, now = new Date()): Outcome<null> {
	const found = db.select().from(agency).where(and(eq(agency.id, agencyId), eq(agency.reviewId, reviewId))).get();
	if (!found) return refused(404, 'agencies', 'This agency is not part of this review');
	const representatives = db.select({ n: count() }).from(membership).where(eq(membership.agencyId, agencyId)).get()?.n ?? 0;
	if (representatives > 0) {
		return refused(409, 'agencies', `${found.name} still has representatives. Remove them or change their role first.`);
	}
	db.transaction((tx) => {
		tx.delete(agency).where(eq(agency.id, agencyId)).run();
		recordAudit(tx, { action: 'agency.removed', actorUserId: actor.userId, reviewId, detail: { agencyId, name: found.name }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: null };
}
