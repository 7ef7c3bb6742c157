import { desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { AppDatabase, DbExecutor } from './db/client';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditEvent, user, type AuditEvent } from './db/schema';

export type AuditAction =
	| 'sign_in.succeeded'
	| 'sign_in.failed'
	| 'sign_in.throttled'
	| 'sign_out'
	| 'session.ended'
	| 'session.expired'
	| 'password.changed'
	| 'password.confirmed'
	| 'password.confirmation_failed'
	| 'second_factor.enrolled'
	| 'second_factor.removed'
	| 'second_factor.succeeded'
	| 'second_factor.failed'
	| 'second_factor.throttled'
	| 'recovery_codes.generated'
	| 'recovery_code.used'
	| 'account.created'
	| 'review.created'
	| 'review.dates_changed'
	| 'member.added'
	| 'member.removed'
	| 'member.role_changed'
	| 'agency.added'
	| 'agency.removed'
	| 'timescale.extended'
	| 'chronology.exported'
	| 'chronology.printed'
	| 'chronology.imported'
	| 'chronology.read'
	| 'document.opened'
	| 'report.structure_changed'
	| 'language.flag_dismissed'
	| 'language.term_added'
	| 'pseudonym.added'
	| 'pseudonym.changed'
	| 'pseudonym.removed'
	| 'anonymisation.finding_dismissed'
	| 'report.version_created'
	| 'comment.created'
	| 'comment.changed'
	| 'comment.deleted'
	| 'comment.resolved'
	| 'comment.reopened'
	| 'comment.mentioned'
	| 'notification.preference_changed'
	| 'signoff.round_opened'
	| 'signoff.confirmed'
	| 'signoff.disputed'
	| 'signoff.dispute_answered'
	| 'signoff.family_seen'
	| 'signoff.family_not_seen'
	| 'signoff.finalised'
	| 'signoff.reopened'
	| 'signoff.partnership'
	| 'signoff.record_read'
	| 'family.shared'
	| 'family.read'
	| 'family.comment_recorded'
	| 'family.disagreement_recorded'
	| 'family.contact_recorded'
	| 'event.created'
	| 'event.plan_changed'
	| 'event.member_invited'
	| 'event.guest_invited'
	| 'event.invitation_accepted'
	| 'event.ground_rules_acknowledged'
	| 'event.contribution_added'
	| 'event.findings_sent'
	| 'event.record_read'
	| 'report.read'
	| 'sign_in.refused_deactivated'
	| 'account.password_reset'
	| 'account.second_factors_reset'
	| 'account.deactivated'
	| 'account.reactivated'
	| 'invitation.created'
	| 'invitation.accepted'
	| 'invitation.revoked'
	| 'invitation.refused'
	| 'retention.rule_set'
	| 'review.material_deleted'
	| 'database.restored';

export interface AuditEntry {
	action: AuditAction;
	actorUserId?: string | null;
	reviewId?: string | null;
	targetUserId?: string | null;
	detail?: Record<string, unknown>;
	ipAddress?: string | null;
	at?: Date;
}

export function recordAudit(db: DbExecutor, entry: AuditEntry): void {
	db.insert(auditEvent)
		.values({
			at: entry.at ?? new Date(),
			action: entry.action,
			actorUserId: entry.actorUserId ?? null,
			reviewId: entry.reviewId ?? null,
			targetUserId: entry.targetUserId ?? null,
			detail: entry.detail ?? null,
			ipAddress: entry.ipAddress ?? null
		})
		.run();
}

export interface AuditListing extends AuditEvent {
	actorName: string | null;
	targetName: string | null;
}

const target = alias(user, 'target');

function listAudit(db: AppDatabase, where: SQL, limit: number): AuditListing[] {
	return db
		.select({ event: auditEvent, actorName: user.name, targetName: target.name })
		.from(auditEvent)
		.leftJoin(user, eq(user.id, auditEvent.actorUserId))
		.leftJoin(target, eq(target.id, auditEvent.targetUserId))
		.where(where)
		.orderBy(desc(auditEvent.id))
		.limit(limit)
		.all()
		.map((row) => ({ ...row.event, actorName: row.actorName, targetName: row.targetName }));
}

/** A review's own trail, for its chair. */
export function listReviewAudit(db: AppDatabase, reviewId: string, limit = 500): AuditListing[] {
	return listAudit(db, eq(auditEvent.reviewId, reviewId), limit);
}

/** Account events (sign-ins, passwords, accounts) that belong to no review, for the admin. */
export function listAccountAudit(db: AppDatabase, limit = 500): AuditListing[] {
	return listAudit(db, isNull(auditEvent.reviewId), limit);
}

export const auditActionLabels: Record<AuditAction, string> = {
	'sign_in.succeeded': 'Signed in',
	'sign_in.failed': 'Failed sign-in',
	'sign_in.throttled': 'Sign-in refused: too many attempts',
	sign_out: 'Signed out',
	'session.ended': 'Session ended',
	'session.expired': 'Session expired',
	'password.changed': 'Password changed',
	'password.confirmed': 'Password confirmed to change sign-in methods',
	'password.confirmation_failed': 'Wrong password when confirming to change sign-in methods',
	'second_factor.enrolled': 'Second factor added',
	'second_factor.removed': 'Second factor removed',
	'second_factor.succeeded': 'Signed in with a second factor',
	'second_factor.failed': 'Failed second factor',
	'second_factor.throttled': 'Second factor refused: too many attempts',
	'recovery_codes.generated': 'Recovery codes made',
	'recovery_code.used': 'Signed in with a recovery code',
	'account.created': 'Account created',
	'review.created': 'Review created',
	'review.dates_changed': 'Review dates changed',
	'member.added': 'Member added',
	'member.removed': 'Member removed',
	'member.role_changed': 'Member role changed',
	'agency.added': 'Agency added',
	'agency.removed': 'Agency removed',
	'timescale.extended': 'Timescale extended',
	'chronology.exported': 'Chronology exported',
	'chronology.printed': 'Chronology opened for printing',
	'chronology.imported': 'Chronology imported',
	'chronology.read': 'Chronology page opened',
	'document.opened': 'Live document opened',
	'report.structure_changed': 'Report sections changed',
	'language.flag_dismissed': 'Language flag dismissed',
	'language.term_added': 'Language term added',
	'pseudonym.added': 'Pseudonym added to the register',
	'pseudonym.changed': 'Pseudonym register entry changed',
	'pseudonym.removed': 'Pseudonym register entry removed',
	'anonymisation.finding_dismissed': 'Identifier finding marked not identifying',
	'report.version_created': 'Report version saved',
	'comment.created': 'Comment added',
	'comment.changed': 'Comment changed',
	'comment.deleted': 'Comment deleted',
	'comment.resolved': 'Comment thread resolved',
	'comment.reopened': 'Comment thread reopened',
	'comment.mentioned': 'Members mentioned in a comment',
	'notification.preference_changed': 'Email notification choice changed',
	'signoff.round_opened': 'Sign-off round opened',
	'signoff.confirmed': 'Agency confirmed the report',
	'signoff.disputed': 'Agency disputed the report',
	'signoff.dispute_answered': 'Chair answered an agency’s dispute',
	'signoff.family_seen': 'Family recorded as having seen a version',
	'signoff.family_not_seen': 'Reason recorded why the family has not seen the final draft',
	'signoff.finalised': 'Report marked final',
	'signoff.reopened': 'Final report reopened',
	'signoff.partnership': 'Partnership signed off the final report',
	'signoff.record_read': 'Sign-off record opened',
	'family.shared': 'Report version shared with the family',
	'family.read': 'Family’s shared version opened',
	'family.comment_recorded': 'Family’s comments recorded',
	'family.disagreement_recorded': 'Family’s disagreement recorded',
	'family.contact_recorded': 'Contact with the family recorded',
	'event.created': 'Learning event planned',
	'event.plan_changed': 'Learning event plan changed',
	'event.member_invited': 'Member invited to a learning event',
	'event.guest_invited': 'Guest practitioner invited to a learning event',
	'event.invitation_accepted': 'Guest practitioner accepted an invitation',
	'event.ground_rules_acknowledged': 'Ground rules acknowledged',
	'event.contribution_added': 'Contribution added to a learning event',
	'event.findings_sent': 'Learning points sent to the report',
	'event.record_read': 'Learning event record opened',
	'report.read': 'Report opened',
	'sign_in.refused_deactivated': 'Sign-in refused: account deactivated',
	'account.password_reset': 'Password reset by the DHR co-ordinator',
	'account.second_factors_reset': 'Second factors reset by the DHR co-ordinator',
	'account.deactivated': 'Account deactivated',
	'account.reactivated': 'Account reactivated',
	'invitation.created': 'Person without an account invited to the review',
	'invitation.accepted': 'Invitation accepted: account created and added to the review',
	'invitation.revoked': 'Invitation withdrawn',
	'invitation.refused': 'Invitation link refused',
	'retention.rule_set': 'Retention rule set',
	'review.material_deleted': 'Working material deleted under the retention rule',
	'database.restored': 'Database restored from a backup; every session ended'
};

const secondFactorMethodLabels: Record<string, string> = { webauthn: 'passkey', totp: 'authenticator app', recovery: 'recovery code' };
// Second-factor failures store a reason key, not a sentence: shown here in words.
const secondFactorFailureLabels: Record<string, string> = {
	wrong: 'wrong code',
	reused: 'code already used',
	expired: 'code expired',
	used: 'code already used',
	none: 'no authenticator app',
	challenge_unknown: 'expired or replayed passkey request',
	challenge_expired: 'expired passkey request',
	challenge_other_session: 'passkey request from another session',
	unknown_credential: 'unknown passkey',
	invalid: 'passkey not verified',
	already_registered: 'passkey already registered'
};

/** A short plain-English line from an event's detail, for the audit pages. */
export function summariseAuditDetail(event: AuditEvent): string {
	const detail = event.detail ?? {};
	const parts: string[] = [];
	if (typeof detail.email === 'string') parts.push(detail.email);
	if (typeof detail.role === 'string') parts.push(`role: ${detail.role.replace('_', ' ')}`);
	if (typeof detail.name === 'string') parts.push(detail.name);
	if (typeof detail.title === 'string') parts.push(detail.title);
	if (typeof detail.newDueOn === 'string') parts.push(`new date ${detail.newDueOn}`);
	if (typeof detail.reason === 'string') parts.push(detail.reason);
	if (typeof detail.decisionOn === 'string') parts.push(`decision ${detail.decisionOn}`);
	if (typeof detail.format === 'string') parts.push(`as ${detail.format.toUpperCase()}`);
	if (typeof detail.entries === 'number') parts.push(`${detail.entries} entries`);
	if (typeof detail.openFlags === 'number' && detail.openFlags > 0) parts.push(`the chair went ahead with ${detail.openFlags} language ${detail.openFlags === 1 ? 'flag' : 'flags'} open`);
	if (typeof detail.fileName === 'string') parts.push(detail.fileName);
	if (typeof detail.page === 'string') parts.push(`${detail.page} page`);
	if (typeof detail.document === 'string') parts.push(detail.document);
	if (typeof detail.victimDateOfBirth === 'string') parts.push(`victim's date of birth ${detail.victimDateOfBirth}`);
	if (typeof detail.ended === 'number') parts.push(`${detail.ended} ended`);
	if (typeof detail.refusal === 'string') parts.push(detail.refusal);
	if (typeof detail.removed === 'number') parts.push(`${detail.removed} second factor${detail.removed === 1 ? '' : 's'} removed`);
	if (typeof detail.keepYears === 'number') parts.push(`keep ${detail.keepYears} ${detail.keepYears === 1 ? 'year' : 'years'} after publication`);
	if (detail.early === true) parts.push('before the retention period ended');
	if (typeof detail.method === 'string' && detail.method in secondFactorMethodLabels) parts.push(secondFactorMethodLabels[detail.method]);
	if (typeof detail.failure === 'string' && detail.failure in secondFactorFailureLabels) parts.push(secondFactorFailureLabels[detail.failure]);
	if (typeof detail.remaining === 'number') parts.push(`${detail.remaining} recovery codes left`);
	if (detail.pending === 'second_factor') parts.push('password right, second factor still to pass');
	if (detail.pending === 'enrolment') parts.push('password right, second factor still to set up');
	if (detail.to && typeof detail.to === 'object' && 'role' in detail.to) parts.push(`now ${String(detail.to.role).replace('_', ' ')}`);
	return parts.join(' · ');
}

export function presentAudit(events: AuditListing[]) {
	return events.map((event) => ({
		id: event.id,
		at: event.at,
		action: event.action,
		actionLabel: auditActionLabels[event.action as AuditAction] ?? event.action,
		actorName: event.actorName,
		targetName: event.targetName,
		summary: summariseAuditDetail(event),
		ipAddress: event.ipAddress
	}));
}
