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
	| 'database.restored'
	| 'action_plan.read'
	| 'action_plan.exported'
	| 'action_plan.recommendation_set'
	| 'action_plan.action_added'
	| 'action_plan.action_changed'
	| 'action_plan.action_updated'
	| 'action_plan.evidence_read'
	| 'action_plan.reply_recorded'
	| 'action_plan.recurrence_decided'
	| 'action_plan.concluded'
	| 'report.exported'
	| 'report.export_refused'
	| 'report.printed'
	| 'readiness.attested'
	| 'readiness.attestation_withdrawn'
	| 'glossary.term_added'
	| 'glossary.term_removed'
	| 'submission.step_recorded'
	| 'submission.step_removed'
	| 'submission.qa_item_added'
	| 'submission.qa_item_done'
	| 'submission.qa_item_reopened'
	| 'submission.qa_letter_read'
	| 'review.notification_recorded'
	| 'review.decision_recorded'
	| 'review.early_learning_recorded'
	| 'review.no_review_letter_read'
	| 'terms.agreed'
	| 'terms.copied_to_report'
	| 'terms.answer_linked'
	| 'terms.answer_unlinked'
	| 'document.uploaded'
	| 'document.downloaded'
	| 'document.linked'
	| 'document.unlinked'
	| 'request.sent'
	| 'request.answered'
	| 'request.item_provided'
	| 'independence.declared'
	| 'imr.senior_manager_marked'
	| 'imr.senior_manager_unmarked'
	| 'imr.author_declared'
	| 'imr.signed_off'
	| 'imr.submitted'
	| 'imr.returned'
	| 'imr.accepted'
	| 'imr.commented'
	| 'imr.read'
	| 'meeting.scheduled'
	| 'meeting.rescheduled'
	| 'meeting.agenda_changed'
	| 'meeting.members_invited'
	| 'meeting.handed_over'
	| 'meeting.attendance_corrected'
	| 'meeting.decision_recorded'
	| 'meeting.action_recorded'
	| 'meeting.action_done'
	| 'meeting.minutes_circulated'
	| 'meeting.minutes_confirmed'
	| 'meeting.minutes_commented'
	| 'meeting.minutes_reopened'
	| 'meeting.minutes_read'
	| 'event.rescheduled'
	| 'event.attendance_corrected';

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
	'review.notification_recorded': 'Notification recorded',
	'review.decision_recorded': 'Decision whether to review recorded',
	'review.early_learning_recorded': 'Early learning recorded',
	'review.no_review_letter_read': 'Letter to the Home Office opened',
	'terms.agreed': 'Terms of reference agreed',
	'terms.copied_to_report': 'Agreed terms of reference put into the report',
	'terms.answer_linked': 'Report passage linked to a key line of enquiry',
	'terms.answer_unlinked': 'Report passage unlinked from a key line of enquiry',
	'document.uploaded': 'Document uploaded',
	'document.downloaded': 'Document downloaded',
	'document.linked': 'Document linked',
	'document.unlinked': 'Document unlinked',
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
	'report.exported': 'Report exported',
	'report.export_refused': 'Publication export refused',
	'report.printed': 'Report print view opened',
	'readiness.attested': 'Readiness check attested by the chair',
	'readiness.attestation_withdrawn': 'Readiness attestation withdrawn',
	'glossary.term_added': 'Glossary abbreviation added',
	'glossary.term_removed': 'Glossary abbreviation removed',
	'submission.step_recorded': 'Publication step recorded',
	'submission.step_removed': 'Publication step removed',
	'submission.qa_item_added': 'Quality assurance item added',
	'submission.qa_item_done': 'Quality assurance item ticked off',
	'submission.qa_item_reopened': 'Quality assurance item reopened',
	'submission.qa_letter_read': 'Quality assurance letter downloaded',
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
	'database.restored': 'Database restored from a backup; every session ended',
	'action_plan.read': 'Read the action plan',
	'action_plan.exported': 'Exported the action plan',
	'action_plan.recommendation_set': 'Set a recommendation’s scope, lead or theme in the action plan',
	'action_plan.action_added': 'Added an action to the action plan',
	'action_plan.action_changed': 'Changed an action’s owner, milestones or target date',
	'action_plan.action_updated': 'Reported progress on an action',
	'action_plan.evidence_read': 'Downloaded evidence for an action',
	'action_plan.reply_recorded': 'Recorded a national body’s reply to a recommendation',
	'action_plan.recurrence_decided': 'Confirmed or dismissed a recurring recommendation',
	'action_plan.concluded': 'Concluded the action plan',
	'request.sent': 'Information request sent to an agency',
	'request.answered': 'Agency answered the information request',
	'request.item_provided': 'Agency said a requested item is complete',
	'independence.declared': 'Declaration of independence made',
	'imr.senior_manager_marked': 'Agency representative marked as the agency’s senior manager',
	'imr.senior_manager_unmarked': 'Agency representative no longer the agency’s senior manager',
	'imr.author_declared': 'IMR author declared their independence',
	'imr.signed_off': 'IMR signed off by the agency’s senior manager',
	'imr.submitted': 'IMR submitted to the panel',
	'imr.returned': 'IMR returned to the agency with questions',
	'imr.accepted': 'IMR accepted by the panel',
	'imr.commented': 'Question or comment added to an IMR',
	'imr.read': 'IMR opened',
	'meeting.scheduled': 'Panel meeting scheduled',
	'meeting.rescheduled': 'Panel meeting moved or its call link or venue changed',
	'meeting.agenda_changed': 'Panel meeting agenda changed',
	'meeting.members_invited': 'Members invited to a panel meeting',
	'meeting.handed_over': 'Panel meeting handed to another presenter',
	'meeting.attendance_corrected': 'Panel meeting attendance corrected',
	'meeting.decision_recorded': 'Panel meeting decision recorded',
	'meeting.action_recorded': 'Panel meeting action given',
	'meeting.action_done': 'Panel meeting action ticked off',
	'meeting.minutes_circulated': 'Panel meeting minutes circulated',
	'meeting.minutes_confirmed': 'Panel meeting minutes confirmed',
	'meeting.minutes_commented': 'Comment on panel meeting minutes',
	'meeting.minutes_reopened': 'Panel meeting minutes reopened for changes',
	'meeting.minutes_read': 'Agreed panel meeting minutes opened',
	'event.rescheduled': 'Learning event moved or its call link or venue changed',
	'event.attendance_corrected': 'Learning event attendance corrected'
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
	if (typeof detail.outcome === 'string') parts.push(detail.outcome === 'no_review' ? 'not to review' : 'to review');
	if (typeof detail.decidedOn === 'string') parts.push(`decided ${detail.decidedOn}`);
	if (typeof detail.agreedOn === 'string') parts.push(`agreed ${detail.agreedOn}`);
	if (typeof detail.format === 'string') parts.push(`as ${detail.format.toUpperCase()}`);
	if (typeof detail.entries === 'number') parts.push(`${detail.entries} entries`);
	if (typeof detail.openFlags === 'number' && detail.openFlags > 0) parts.push(`the chair went ahead with ${detail.openFlags} language ${detail.openFlags === 1 ? 'flag' : 'flags'} open`);
	if (typeof detail.fileName === 'string') parts.push(detail.fileName);
	if (typeof detail.page === 'string') parts.push(`${detail.page} page`);
	if (typeof detail.document === 'string') parts.push(detail.document);
	if (typeof detail.edition === 'string') parts.push(`${detail.edition} edition`);
	if (typeof detail.sha256 === 'string') parts.push(`SHA-256 ${detail.sha256.slice(0, 12)}…`);
	if (typeof detail.checkLabel === 'string') parts.push(detail.checkLabel);
	if (typeof detail.abbreviation === 'string') parts.push(detail.abbreviation);
	if (typeof detail.stepLabel === 'string') parts.push(detail.stepLabel);
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
