/**
 * Who may do what in a review: the one table every route and the collaboration
 * server consult (DESIGN.md, "People and roles"). Admin rights are deliberately
 * absent here: being the partnership's co-ordinator grants no access to content.
 */

import { imrAccess, type ImrStatus } from './imrs';

export const reviewRoles = [
	'chair',
	'panel_member',
	'agency_rep',
	'moderator',
	'family_advocate',
	'observer',
	'guest'
] as const;
export type ReviewRole = (typeof reviewRoles)[number];

/** Roles a chair can give through the members page; guests come only from event invitations. */
export const assignableRoles = reviewRoles.filter((role) => role !== 'guest');
export type AssignableRole = (typeof assignableRoles)[number];

export const roleLabels: Record<ReviewRole, string> = {
	chair: 'Independent chair',
	panel_member: 'Panel member',
	agency_rep: 'Agency representative',
	moderator: 'Learning event moderator',
	family_advocate: 'Family advocate',
	observer: 'Observer',
	guest: 'Guest practitioner'
};

export const roleDescriptions: Record<ReviewRole, string> = {
	chair: 'Leads the review: members, all documents, sign-off and exports.',
	panel_member: 'Drafts the analysis and the report; reads every chronology; comments.',
	agency_rep: "Writes their own agency's chronology; reads the rest; comments; signs off for the agency.",
	moderator: 'Runs learning events; reads everything; comments.',
	family_advocate: 'Reads only what the chair shares with the family and records their comments.',
	observer: 'Reads only.',
	guest: 'Takes part in one learning event only.'
};

export type ReviewAction =
	| 'review.read'
	| 'members.read'
	| 'members.manage'
	/** See guest practitioners' names: the invitation form promises only the moderator and the chair do. */
	| 'guests.identify'
	| 'timescales.manage'
	| 'audit.read'
	| 'chronology.read'
	| 'chronology.write'
	| 'analysis.read'
	| 'analysis.write'
	| 'report.read'
	| 'report.write'
	| 'report.version'
	| 'report.structure'
	| 'language.manage'
	/** The pseudonym register's real names (issue 16): never agency reps, the family advocate or guests. */
	| 'pseudonyms.read'
	| 'pseudonyms.manage'
	/** Record a finding of the identifier scan as "Not identifying". */
	| 'anonymisation.dismiss'
	| 'comment.write'
	| 'signoff.manage'
	| 'signoff.confirm'
	| 'family.read_shared'
	| 'family.record'
	| 'events.read'
	| 'events.run'
	/** Send a learning event's learning points into the report as candidate findings. */
	| 'events.send_findings'
	/** The action plan (issue 19): read it; the chair turns recommendations into actions; agencies report progress on theirs. */
	| 'actionplan.read'
	| 'actionplan.write'
	| 'actionplan.update'
	/** Read the notification, the decision whether to review, and the scoping stage's early learning. */
	| 'start.read'
	/** Record the notification, the decision and early learning (issue 20). */
	| 'start.manage'
	| 'terms.read'
	| 'terms.write'
	/** Record that the panel agreed the terms of reference, and put them into the report. */
	| 'terms.agree'
	| 'documents.read'
	| 'documents.upload'
	/** Send information requests to agencies, mark senior managers (issue 20). */
	| 'requests.manage'
	/** Answer one's own agency's information request (with its `agencyId`). */
	| 'requests.answer'
	/** Read a submitted IMR, ask questions on it, accept it or return it (the panel). */
	| 'imr.review'
	/** Declare one's independence as a member of the panel (the chair and panel members). */
	| 'independence.declare'
	/** Panel meetings (issue 18): their agenda, papers, minutes, decisions and actions. */
	| 'meetings.read'
	/** Schedule meetings, build agendas, invite, correct attendance, circulate minutes. */
	| 'meetings.manage'
	| 'export';

const everyContentRead: ReviewAction[] = [
	'review.read',
	'actionplan.read',
	'members.read',
	'chronology.read',
	'analysis.read',
	'report.read',
	'events.read',
	'start.read',
	// The family advocate and guests never see the terms or the panel's documents (issue 20).
	'terms.read',
	'documents.read',
	'meetings.read'
];

const roleTable: Record<ReviewRole, ReadonlySet<ReviewAction>> = {
	chair: new Set<ReviewAction>([
		...everyContentRead,
		'members.manage',
		'guests.identify',
		'timescales.manage',
		'audit.read',
		'chronology.write',
		'analysis.write',
		'report.write',
		'report.version',
		'report.structure',
		'language.manage',
		'pseudonyms.read',
		'pseudonyms.manage',
		'anonymisation.dismiss',
		'comment.write',
		'signoff.manage',
		'family.read_shared',
		'events.run',
		'events.send_findings',
		'actionplan.write',
		'actionplan.update',
		'start.manage',
		'terms.write',
		'terms.agree',
		'documents.upload',
		'requests.manage',
		'imr.review',
		'independence.declare',
		'meetings.manage',
		'export'
	]),
	panel_member: new Set<ReviewAction>([
		...everyContentRead,
		'analysis.write',
		'report.write',
		'comment.write',
		'terms.write',
		'documents.upload',
		'imr.review',
		'independence.declare',
		'pseudonyms.read',
		'anonymisation.dismiss'
	]),
	agency_rep: new Set<ReviewAction>([
		...everyContentRead,
		'chronology.write',
		'comment.write',
		'signoff.confirm',
		'actionplan.update',
		'documents.upload',
		'requests.answer'
	]),
	moderator: new Set<ReviewAction>([...everyContentRead, 'pseudonyms.read', 'comment.write', 'events.run', 'events.send_findings', 'guests.identify']),
	family_advocate: new Set<ReviewAction>(['review.read', 'family.read_shared', 'family.record']),
	observer: new Set<ReviewAction>(everyContentRead),
	guest: new Set<ReviewAction>([])
};

/**
 * How a guest practitioner appears to everyone but the moderator and the chair: by
 * role and agency, never by name (the promise the invitation form makes).
 */
export function guestDescription(guest: { roleTitle: string | null; agencyLabel: string | null }): string {
	const details = [guest.roleTitle, guest.agencyLabel].filter((part) => part && part.trim()).join(', ');
	return details ? `${roleLabels.guest} (${details})` : roleLabels.guest;
}

/** The caller's membership of one review, as the permission checks need it. */
export interface Membership {
	role: ReviewRole;
	/** Set for agency representatives: the agency they speak for. */
	agencyId: string | null;
}

/** Extra facts some actions depend on, such as whose chronology is being written. */
export interface ActionTarget {
	agencyId?: string;
}

export type ReportStage = 'draft' | 'final';

/** The review's state that decisions depend on, loaded once per request by the guards. */
export interface ReviewFacts {
	/** A final report is read-only until the chair reopens it (with a reason). */
	reportStage: ReportStage;
}

/**
 * Actions that change the report or what is recorded against its words: refused while
 * the report is final. Reading, naming a version, sign-off steps (the sign-off state
 * machine keeps its own stage) and contact with the family go on.
 */
export const reportChanges = ['report.write', 'report.structure', 'language.manage', 'comment.write', 'family.record', 'events.send_findings'] as const satisfies readonly ReviewAction[];
export type ReportChange = (typeof reportChanges)[number];
const reportChangeSet: ReadonlySet<ReviewAction> = new Set(reportChanges);

export const finalReportMessage = 'The report is final and cannot change. Only the chair can reopen it.';

/** Why an action is refused: the member's role, or the report's stage (a conflict the chair can lift by reopening). */
export type Refusal = 'role' | 'report_final';

/**
 * The permission decision: null when allowed, else why not. The role table answers
 * first; then the facts of the review's state (issue 14: "a final report is read-only"
 * lives here, not in each route).
 */
export function refusalOf(membership: Membership | null, action: ReviewAction, facts: ActionTarget & Partial<ReviewFacts> = {}): Refusal | null {
	if (!membership) return 'role';
	if (!roleTable[membership.role].has(action)) return 'role';
	if (action === 'requests.answer' && facts.agencyId !== membership.agencyId) return 'role';
	if (action === 'chronology.write' || action === 'signoff.confirm') {
		const ownAgency = facts.agencyId !== undefined && facts.agencyId === membership.agencyId;
		const allowed = (membership.role === 'chair' && action === 'chronology.write') || (membership.role === 'agency_rep' && ownAgency);
		if (!allowed) return 'role';
	}
	// An agency reports progress on its own actions only; the chair on any. Not a report change:
	// it goes on after the report is final and the panel has stood down.
	if (action === 'actionplan.update' && membership.role === 'agency_rep' && (facts.agencyId === undefined || facts.agencyId !== membership.agencyId)) return 'role';
	if (facts.reportStage === 'final' && reportChangeSet.has(action)) return 'report_final';
	return null;
}

/**
 * Whether a member may take an action. `null` membership (not a member) is always
 * refused, whatever global rights the user has. An action that changes the report
 * needs the report's stage: the compiler makes every caller say it.
 */
export function can(membership: Membership | null, action: ReportChange, facts: ActionTarget & ReviewFacts): boolean;
export function can(membership: Membership | null, action: Exclude<ReviewAction, ReportChange>, facts?: ActionTarget & Partial<ReviewFacts>): boolean;
export function can(membership: Membership | null, action: ReviewAction, facts: ActionTarget & ReviewFacts): boolean;
export function can(membership: Membership | null, action: ReviewAction, facts: ActionTarget & Partial<ReviewFacts> = {}): boolean {
	return refusalOf(membership, action, facts) === null;
}

/** Every action a member may take, for showing or hiding controls in the UI. */
export function allowedActions(membership: Membership | null): ReviewAction[] {
	if (!membership) return [];
	return [...roleTable[membership.role]];
}

export function isReviewRole(value: unknown): value is ReviewRole {
	return typeof value === 'string' && (reviewRoles as readonly string[]).includes(value);
}

export function isAssignableRole(value: unknown): value is AssignableRole {
	return typeof value === 'string' && (assignableRoles as readonly string[]).includes(value);
}

// ---- Collaborative documents (DESIGN.md, "Collaborative documents") ----

export type DocumentRef =
	| { kind: 'chronology'; reviewId: string; agencyId: string }
	| { kind: 'analysis'; reviewId: string }
	| { kind: 'report'; reviewId: string }
	| { kind: 'terms'; reviewId: string }
	| { kind: 'event'; reviewId: string; eventId: string }
	| { kind: 'imr'; reviewId: string; agencyId: string }
	| { kind: 'meeting'; reviewId: string; meetingId: string };

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses a document name such as `review/<id>/chronology/<agencyId>`; null when malformed. */
export function parseDocumentName(name: string): DocumentRef | null {
	const parts = name.split('/');
	if (parts[0] !== 'review' || parts.length < 3 || !idPattern.test(parts[1])) return null;
	const reviewId = parts[1];
	if (parts.length === 3 && parts[2] === 'analysis') return { kind: 'analysis', reviewId };
	if (parts.length === 3 && parts[2] === 'report') return { kind: 'report', reviewId };
	if (parts.length === 3 && parts[2] === 'terms') return { kind: 'terms', reviewId };
	if (parts.length === 4 && parts[2] === 'chronology' && idPattern.test(parts[3])) {
		return { kind: 'chronology', reviewId, agencyId: parts[3] };
	}
	if (parts.length === 4 && parts[2] === 'event' && idPattern.test(parts[3])) {
		return { kind: 'event', reviewId, eventId: parts[3] };
	}
	if (parts.length === 4 && parts[2] === 'imr' && idPattern.test(parts[3])) {
		return { kind: 'imr', reviewId, agencyId: parts[3] };
	}
	if (parts.length === 4 && parts[2] === 'meeting' && idPattern.test(parts[3])) {
		return { kind: 'meeting', reviewId, meetingId: parts[3] };
	}
	return null;
}

/** The name of a document, the inverse of `parseDocumentName`. */
export function documentName(ref: DocumentRef): string {
	switch (ref.kind) {
		case 'chronology':
			return `review/${ref.reviewId}/chronology/${ref.agencyId}`;
		case 'event':
			return `review/${ref.reviewId}/event/${ref.eventId}`;
		case 'imr':
			return `review/${ref.reviewId}/imr/${ref.agencyId}`;
		case 'meeting':
			return `review/${ref.reviewId}/meeting/${ref.meetingId}`;
		default:
			return `review/${ref.reviewId}/${ref.kind}`;
	}
}

export type DocumentAccess = 'write' | 'read' | 'none';

/** What the permission checks need to know about one learning event and the caller. */
export interface EventFacts {
	/** The caller is one of the event's participants (invited members and guests). */
	invited: boolean;
	/** The event's window (until its reflection window closes, or its end) has not passed. */
	windowOpen: boolean;
}

export type EventAccess = 'run' | 'contribute' | 'read' | 'none';

/**
 * A member's part in one learning event. Guests reach only the event they were
 * invited to, and only while its window is open; the family advocate never sees
 * events (practitioners speak there in confidence).
 */
export function eventAccess(membership: Membership | null, facts: EventFacts): EventAccess {
	if (!membership) return 'none';
	if (membership.role === 'guest') return facts.invited && facts.windowOpen ? 'contribute' : 'none';
	if (can(membership, 'events.run')) return 'run';
	if (!can(membership, 'events.read')) return 'none';
	return facts.invited && membership.role !== 'observer' ? 'contribute' : 'read';
}

/** What the permission checks need to know about one panel meeting and the caller. */
export interface MeetingFacts {
	/** The chair handed the meeting to this member: they present (move the agenda, set the focus). */
	presenter: boolean;
	/** The minutes are still being written: not yet circulated for agreement (then frozen). */
	minutesOpen: boolean;
}

export type MeetingAccess = 'run' | 'write' | 'read' | 'none';

/**
 * A member's part in one panel meeting (issue 18). Only members reach it: the family
 * advocate and guest practitioners never (what was said at learning events in confidence
 * is discussed there). The chair, or the member the chair hands it to, runs it; the
 * panel co-writes the minutes until they are circulated; observers read.
 */
export function meetingAccess(membership: Membership | null, facts: MeetingFacts): MeetingAccess {
	if (!membership || !can(membership, 'meetings.read')) return 'none';
	if (!facts.minutesOpen) return 'read';
	if (can(membership, 'meetings.manage') || facts.presenter) return 'run';
	return membership.role === 'observer' ? 'read' : 'write';
}

/** What a member may do with a collaborative document: the review's facts, and an event board's, IMR's or meeting's. */
export function documentAccess(membership: Membership | null, ref: DocumentRef, facts: ReviewFacts & { event?: EventFacts; imrStatus?: ImrStatus; meeting?: MeetingFacts }): DocumentAccess {
	if (!membership) return 'none';
	switch (ref.kind) {
		case 'chronology':
			if (can(membership, 'chronology.write', { agencyId: ref.agencyId })) return 'write';
			return can(membership, 'chronology.read') ? 'read' : 'none';
		case 'analysis':
			if (can(membership, 'analysis.write')) return 'write';
			return can(membership, 'analysis.read') ? 'read' : 'none';
		case 'terms':
			if (can(membership, 'terms.write')) return 'write';
			return can(membership, 'terms.read') ? 'read' : 'none';
		case 'report':
			// A final report is read-only for everyone until the chair reopens it.
			if (can(membership, 'report.write', facts)) return 'write';
			return can(membership, 'report.read') ? 'read' : 'none';
		case 'event': {
			// Contributions reach the board through the server (so an unnamed one carries no
			// trace of its author); only those who run the event write to it directly.
			const access = eventAccess(membership, facts.event ?? { invited: false, windowOpen: false });
			return access === 'run' ? 'write' : access === 'none' ? 'none' : 'read';
		}
		case 'imr':
			// Who sees an IMR depends on where it is in its life (domain/imrs.ts); unknown is not requested.
			return imrAccess(membership, ref.agencyId, facts.imrStatus ?? 'not_requested');
		case 'meeting': {
			// An unknown meeting gives no facts: nothing is reachable.
			if (!facts.meeting) return 'none';
			const access = meetingAccess(membership, facts.meeting);
			return access === 'run' || access === 'write' ? 'write' : access;
		}
	}
}

// ---- The action plan for the partnership (issue 19) ----

export type ActionPlanAccess = 'manage' | 'update' | 'read' | 'monitor' | 'none';

/**
 * A person's part in one review's action plan. The DHR co-ordinator (admin) monitors the plans
 * of every review of the partnership, and nothing else of their content: this is the only
 * place admin rights reach into a review, and only for the plan. Members get their role's part;
 * the family advocate and guests get nothing.
 */
export function actionPlanAccess(membership: Membership | null, isAdmin: boolean): ActionPlanAccess {
	if (isAdmin) return 'monitor';
	if (!membership || !can(membership, 'actionplan.read')) return 'none';
	if (can(membership, 'actionplan.write')) return 'manage';
	return membership.role === 'agency_rep' ? 'update' : 'read';
}
