/**
 * A chair's invitation for someone who has no account yet (issue 13): a one-use link,
 * of which only a hash is kept (as with learning-event guests), that lets the person
 * choose a password, and so creates their account and their membership of the review
 * at once. Nothing is emailed yet: the chair passes the link on by a secure route.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { accountInvitation, agency, membership, review, user, type AccountInvitation } from './db/schema';
import { findUserByEmail, normaliseEmail } from './accounts';
import { checkNewPassword, hashPassword } from './auth/password';
import { checkRoleAndAgency } from './members';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { isEmailAddress } from '../domain/validation';
import type { ReviewRole } from '../domain/permissions';
import { invitationStatus, type InvitationStatus } from '../domain/invitations';

/** Long enough to reach someone on leave for a few days; short enough that a forgotten link dies. */
export const invitationValidDays = 7;

export const unknownInvitationMessage = 'This invitation link is not valid. Check it was copied in full, or ask the chair who invited you for a new one.';

const refusalMessages: Record<Exclude<InvitationStatus, 'pending'>, string> = {
	used: 'This invitation has already been used. If you used it, sign in with the password you chose. If you did not, tell the chair who invited you.',
	expired: 'This invitation has expired. Ask the chair who invited you for a new one.',
	revoked: 'This invitation has been withdrawn. Ask the chair who invited you if you think this is a mistake.'
};

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export interface InvitationInput {
	name: string;
	email: string;
	role: string;
	agencyId?: string | null;
}

/** A one-use link for someone with no account to join this review; the token is returned once, never stored. */
export function inviteToReview(db: AppDatabase, actor: Actor, reviewId: string, input: InvitationInput, now = new Date()): Outcome<{ id: string; token: string; expiresAt: Date }> {
	const name = input.name.trim();
	const email = normaliseEmail(input.email);
	if (!name) return refused(400, 'inviteName', 'Enter the person’s full name');
	if (name.length > 120) return refused(400, 'inviteName', 'Name must be 120 characters or fewer');
	if (!email) return refused(400, 'inviteEmail', 'Enter their email address');
	if (!isEmailAddress(email) || email.length > 320) return refused(400, 'inviteEmail', 'Enter an email address in the correct format, like name@example.org');
	const checked = checkRoleAndAgency(db, reviewId, input.role, input.agencyId ?? null);
	if (!checked.ok) return refused(400, checked.errors[0].field === 'role' ? 'inviteRole' : 'inviteAgencyId', checked.errors[0].message);
	const existing = findUserByEmail(db, email);
	// Separate duties, separate accounts: an admin is never a member of a review.
	if (existing?.isAdmin) return refused(409, 'inviteEmail', 'This is a DHR co-ordinator (admin) account, and admins cannot be members of a review. Ask them for another account.');
	if (existing) return refused(409, 'inviteEmail', 'An account already uses this email address. Add them as a member instead.');
	const token = encodeBase32LowerCaseNoPadding(randomBytes(32));
	const id = randomUUID();
	const expiresAt = new Date(now.getTime() + invitationValidDays * 24 * 3_600_000);
	const outcome = db.transaction((tx): Outcome<null> => {
		const pending = tx
			.select()
			.from(accountInvitation)
			.where(and(eq(accountInvitation.reviewId, reviewId), eq(accountInvitation.email, email), isNull(accountInvitation.usedAt), isNull(accountInvitation.revokedAt)))
			.all()
			.some((row) => invitationStatus(row, now) === 'pending');
		if (pending) return refused(409, 'inviteEmail', 'This person already has an invitation to this review. Withdraw it first to make a new link.');
		tx.insert(accountInvitation)
			.values({ id, tokenHash: hashToken(token), email, name, reviewId, role: checked.value.role, agencyId: checked.value.agencyId, invitedBy: actor.userId, expiresAt, createdAt: now })
			.run();
		recordAudit(tx, { action: 'invitation.created', actorUserId: actor.userId, reviewId, detail: { invitationId: id, email, role: checked.value.role, agencyId: checked.value.agencyId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null };
	});
	return outcome.ok ? { ok: true, value: { id, token, expiresAt } } : outcome;
}

export interface InvitationView {
	id: string;
	name: string;
	email: string;
	role: ReviewRole;
	agencyId: string | null;
	reviewId: string;
	reviewTitle: string;
	invitedBy: string;
	createdAt: Date;
	expiresAt: Date;
	status: InvitationStatus;
}

const inviter = alias(user, 'inviter');

/** Invitations not yet accepted nor withdrawn (expired ones too, so no one waits on a dead link); one review's, or all. */
export function listOpenInvitations(db: AppDatabase, now: Date, reviewId?: string): InvitationView[] {
	return db
		.select({ invitation: accountInvitation, reviewTitle: review.title, invitedBy: inviter.name })
		.from(accountInvitation)
		.innerJoin(review, eq(review.id, accountInvitation.reviewId))
		.innerJoin(inviter, eq(inviter.id, accountInvitation.invitedBy))
		.where(and(isNull(accountInvitation.usedAt), isNull(accountInvitation.revokedAt), reviewId ? eq(accountInvitation.reviewId, reviewId) : undefined))
		.orderBy(asc(accountInvitation.expiresAt))
		.all()
		.map(({ invitation, reviewTitle, invitedBy }) => ({
			id: invitation.id,
			name: invitation.name,
			email: invitation.email,
			role: invitation.role as ReviewRole,
			agencyId: invitation.agencyId,
			reviewId: invitation.reviewId,
			reviewTitle,
			invitedBy,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			status: invitationStatus(invitation, now)
		}));
}

export function revokeInvitation(db: AppDatabase, actor: Actor, reviewId: string, invitationId: string, now = new Date()): Outcome<{ name: string }> {
	return db.transaction((tx): Outcome<{ name: string }> => {
		const found = tx.select().from(accountInvitation).where(and(eq(accountInvitation.id, invitationId), eq(accountInvitation.reviewId, reviewId))).get();
		if (!found) return refused(404, 'invitations', 'This invitation does not exist');
		const status = invitationStatus(found, now);
		if (status === 'used') return refused(409, 'invitations', `${found.name} has already accepted this invitation. Remove them from the members instead.`);
		if (status === 'revoked') return refused(409, 'invitations', 'This invitation has already been withdrawn');
		tx.update(accountInvitation).set({ revokedAt: now }).where(eq(accountInvitation.id, invitationId)).run();
		recordAudit(tx, { action: 'invitation.revoked', actorUserId: actor.userId, reviewId, detail: { invitationId, email: found.email }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { name: found.name } };
	});
}

function findByToken(db: AppDatabase, token: string): AccountInvitation | null {
	if (!/^[a-z2-7]{40,64}$/.test(token)) return null;
	return db.select().from(accountInvitation).where(eq(accountInvitation.tokenHash, hashToken(token))).get() ?? null;
}

export type InvitationLink =
	| { ok: true; invitation: { name: string; email: string; role: ReviewRole; agencyName: string | null; invitedBy: string; expiresAt: Date } }
	| { ok: false; message: string };

function refuseLink(db: AppDatabase, invitation: AccountInvitation | null, status: InvitationStatus | 'unknown', ipAddress: string | null, now: Date): { ok: false; message: string } {
	recordAudit(db, {
		action: 'invitation.refused',
		reviewId: invitation?.reviewId ?? null,
		detail: { refusal: status, ...(invitation ? { invitationId: invitation.id, email: invitation.email } : {}) },
		ipAddress,
		at: now
	});
	return { ok: false, message: status === 'unknown' || status === 'pending' ? unknownInvitationMessage : refusalMessages[status] };
}

/**
 * What the link offers, for the page the invited person opens, or why it no longer works
 * (used, expired or withdrawn: audited). Nothing of the review's content is shown.
 */
export function openInvitationLink(db: AppDatabase, token: string, ipAddress: string | null, now = new Date()): InvitationLink {
	const found = findByToken(db, token);
	if (!found) return { ok: false, message: unknownInvitationMessage };
	const status = invitationStatus(found, now);
	if (status !== 'pending') return refuseLink(db, found, status, ipAddress, now);
	const invitedBy = db.select({ name: user.name }).from(user).where(eq(user.id, found.invitedBy)).get()?.name ?? 'the chair';
	const agencyName = found.agencyId ? (db.select({ name: agency.name }).from(agency).where(eq(agency.id, found.agencyId)).get()?.name ?? null) : null;
	return { ok: true, invitation: { name: found.name, email: found.email, role: found.role as ReviewRole, agencyName, invitedBy, expiresAt: found.expiresAt } };
}

export interface Acceptance {
	name: string;
	newPassword: string;
	confirmPassword: string;
}

/**
 * Accepts an invitation: creates the account with the password the person chose and
 * their membership of the review, in one transaction that also spends the link, so a
 * second use (even a simultaneous one) changes nothing. The caller signs them in.
 */
export async function acceptAccountInvitation(db: AppDatabase, token: string, input: Acceptance, ipAddress: string | null, now = new Date()): Promise<Outcome<{ userId: string; reviewId: string }>> {
	const found = findByToken(db, token);
	if (!found) {
		refuseLink(db, null, 'unknown', ipAddress, now);
		return refused(404, 'token', unknownInvitationMessage);
	}
	const status = invitationStatus(found, now);
	if (status !== 'pending') return refused(409, 'token', refuseLink(db, found, status, ipAddress, now).message);
	const name = input.name.trim();
	if (!name) return refused(400, 'name', 'Enter your full name');
	if (name.length > 120) return refused(400, 'name', 'Name must be 120 characters or fewer');
	if (!input.newPassword) return refused(400, 'newPassword', 'Choose a password');
	const problem = checkNewPassword(input.newPassword, found.email);
	if (problem) return refused(400, 'newPassword', problem);
	if (input.newPassword !== input.confirmPassword) return refused(400, 'confirmPassword', 'The passwords do not match');
	if (found.role === 'agency_rep' && !found.agencyId) {
		return refused(409, 'token', 'The agency this invitation was for has been removed from the review. Ask the chair who invited you for a new one.');
	}
	const emailTaken = refused<{ userId: string; reviewId: string }>(409, 'token', 'An account already uses this email address. Sign in with it, and ask the chair to add you to the review.');
	if (findUserByEmail(db, found.email)) return emailTaken;
	const passwordHash = await hashPassword(input.newPassword);
	const userId = randomUUID();
	return db.transaction((tx): Outcome<{ userId: string; reviewId: string }> => {
		// Again here: the admin may have made an account with this address while the password was hashed.
		if (findUserByEmail(tx, found.email)) return emailTaken;
		// Spend the link first: of two uses at once, only one finds it unspent.
		const spent = tx
			.update(accountInvitation)
			.set({ usedAt: now })
			.where(and(eq(accountInvitation.id, found.id), isNull(accountInvitation.usedAt), isNull(accountInvitation.revokedAt)))
			.run();
		if (spent.changes !== 1) {
			recordAudit(tx, { action: 'invitation.refused', reviewId: found.reviewId, detail: { refusal: 'used', invitationId: found.id, email: found.email }, ipAddress, at: now });
			return refused(409, 'token', refusalMessages.used);
		}
		tx.insert(user).values({ id: userId, email: found.email, name, passwordHash, isAdmin: false, mustChangePassword: false, createdAt: now }).run();
		tx.insert(membership).values({ reviewId: found.reviewId, userId, role: found.role, agencyId: found.agencyId, addedBy: found.invitedBy, addedAt: now }).run();
		tx.update(accountInvitation).set({ userId }).where(eq(accountInvitation.id, found.id)).run();
		// The account event belongs to no review (the admin's log); the joining is the review's.
		recordAudit(tx, { action: 'account.created', actorUserId: userId, targetUserId: userId, detail: { email: found.email, isAdmin: false, invitationId: found.id }, ipAddress, at: now });
		recordAudit(tx, {
			action: 'invitation.accepted',
			actorUserId: userId,
			reviewId: found.reviewId,
			targetUserId: userId,
			detail: { invitationId: found.id, role: found.role, agencyId: found.agencyId, invitedBy: found.invitedBy },
			ipAddress,
			at: now
		});
		return { ok: true, value: { userId, reviewId: found.reviewId } };
	});
}
