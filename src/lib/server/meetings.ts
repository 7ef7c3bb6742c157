/**
 * Panel meetings, stored (issue 18): plans and agendas, who is invited and who attended,
 * decisions and actions (structured rows, checked here), and the agreement of the minutes.
 * The live part (the agenda position, the focus, the minutes as they are written) is in
 * the meeting's Yjs document; circulating the minutes copies their words here, and from
 * then on the document is read-only (the permission table's `minutesOpen` fact).
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDatabase, DbExecutor } from './db/client';
import { meeting, meetingAction, meetingAgendaItem, meetingAgendaLink, meetingAttendee, meetingDecision, meetingMinutesResponse, membership, user, type Meeting } from './db/schema';
import { recordAudit } from './audit';
import { accessEvents } from './access-events';
import { refused, type Actor, type Outcome } from './actor';
import { findMembership } from './reviews';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument, readDocument } from './live-documents';
import { linkTargets, type ReviewContext } from './meeting-links';
import { minutesText, readMeetingLive } from '../collab/meeting-doc';
import { can, documentName, isReviewRole, meetingAccess, roleLabels, type MeetingAccess, type MeetingFacts, type Membership } from '../domain/permissions';
import { todayInUk } from '../domain/dates';
import {
	actionProblem,
	agendaItemProblem,
	agendaLinkKinds,
	attendanceCorrectionProblem,
	attendanceRecord,
	attendeesOf,
	decisionProblem,
	isAgendaLinkKind,
	meetingPlanProblem,
	meetingStatus,
	minutesAgreed,
	namesGuests,
	namesGuestsMessage,
	type AgendaLinkView,
	type Attendance,
	type AttendanceLine,
	type MeetingAgendaItem,
	type MeetingKind,
	type MeetingPlan,
	type MeetingStatus,
	type MinutesResponse
} from '../domain/meetings';

export type { Meeting };

export interface MeetingListing {
	id: string;
	title: string;
	kind: MeetingKind;
	startsAt: Date;
	link: string;
	status: MeetingStatus;
}

export function listMeetings(db: AppDatabase, reviewId: string): MeetingListing[] {
	return db
		.select()
		.from(meeting)
		.where(eq(meeting.reviewId, reviewId))
		.orderBy(asc(meeting.startsAt))
		.all()
		.map((row) => ({ id: row.id, title: row.title, kind: row.kind, startsAt: row.startsAt, link: row.link, status: meetingStatus(row) }));
}

export function findMeeting(db: AppDatabase, reviewId: string, meetingId: string): Meeting | null {
	return db.select().from(meeting).where(and(eq(meeting.id, meetingId), eq(meeting.reviewId, reviewId))).get() ?? null;
}

export function meetingFacts(found: Pick<Meeting, 'presenterId' | 'circulatedAt'>, userId: string): MeetingFacts {
	return { presenter: found.presenterId === userId, minutesOpen: found.circulatedAt === null };
}

export const meetingNotFoundMessage = 'Meeting not found';

/** The meeting and the caller's part in it, or null (no such meeting, or none for them): callers answer 404 to both. */
export function findMeetingFor(db: AppDatabase, reviewId: string, meetingId: string, userId: string): { meeting: Meeting; membership: Membership; access: Exclude<MeetingAccess, 'none'> } | null {
	const found = findMeeting(db, reviewId, meetingId);
	if (!found) return null;
	const member = findMembership(db, reviewId, userId);
	const access = meetingAccess(member, meetingFacts(found, userId));
	return member && access !== 'none' ? { meeting: found, membership: member, access } : null;
}

function auditMeeting(tx: Parameters<typeof recordAudit>[0], actor: Actor, found: Pick<Meeting, 'id' | 'reviewId'>, action: Parameters<typeof recordAudit>[1]['action'], now: Date, detail: Record<string, unknown> = {}, targetUserId?: string) {
	recordAudit(tx, { action, actorUserId: actor.userId, reviewId: found.reviewId, targetUserId, detail: { meetingId: found.id, ...detail }, ipAddress: actor.ipAddress, at: now });
}

/** Schedules a meeting; the chair who does is its first invitee. A meeting in the past is refused. */
export function createMeeting(db: AppDatabase, actor: Actor, reviewId: string, plan: MeetingPlan, now = new Date()): Outcome<{ id: string }> {
	const problem = meetingPlanProblem(plan, now);
	if (problem) return refused(400, problem.field, problem.message);
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(meeting)
			.values({ id, reviewId, title: plan.title.trim(), kind: plan.kind as MeetingKind, startsAt: plan.startsAt!, link: plan.link.trim(), createdBy: actor.userId, createdAt: now })
			.run();
		tx.insert(meetingAttendee).values({ meetingId: id, userId: actor.userId, invitedAt: now }).onConflictDoNothing().run();
		auditMeeting(tx, actor, { id, reviewId }, 'meeting.scheduled', now, { kind: plan.kind });
	});
	return { ok: true, value: { id } };
}

/** Moves the meeting or changes its call link or venue; the new time must be in the future. */
export function rescheduleMeeting(db: AppDatabase, actor: Actor, found: Meeting, change: { startsAt: Date | null; link: string }, now = new Date()): Outcome<null> {
	if (found.circulatedAt) return refused(409, 'startsAt', 'The meeting has been held and its minutes circulated; it cannot be moved');
	const problem = meetingPlanProblem({ title: found.title, kind: found.kind, startsAt: change.startsAt, link: change.link }, now);
	if (problem) return refused(400, problem.field, problem.message);
	db.transaction((tx) => {
		tx.update(meeting).set({ startsAt: change.startsAt!, link: change.link.trim() }).where(eq(meeting.id, found.id)).run();
		auditMeeting(tx, actor, found, 'meeting.rescheduled', now);
	});
	return { ok: true, value: null };
}

/**
 * Tells every open page of the meeting that its record (decisions, actions, attendance)
 * changed: they fetch it again. The signal carries nothing of the record itself.
 */
function announceRecordChanged(db: AppDatabase, found: Pick<Meeting, 'id' | 'reviewId'>, userId: string): void {
	changeDocument(createSqliteDocumentStore(db), {
		docName: documentName({ kind: 'meeting', reviewId: found.reviewId, meetingId: found.id }),
		userId,
		change: (doc) => doc.getMap('signals').set('record', Date.now())
	});
}

// ---- Agenda ----

export interface AgendaItemView extends MeetingAgendaItem {
	presenterName: string | null;
	links: AgendaLinkView[];
}

export function listAgenda(db: AppDatabase, found: Meeting, context: ReviewContext): AgendaItemView[] {
	const items = db
		.select({ id: meetingAgendaItem.id, title: meetingAgendaItem.title, minutes: meetingAgendaItem.minutes, presenterId: meetingAgendaItem.presenterId, presenterName: user.name })
		.from(meetingAgendaItem)
		.leftJoin(user, eq(user.id, meetingAgendaItem.presenterId))
		.where(eq(meetingAgendaItem.meetingId, found.id))
		.orderBy(asc(meetingAgendaItem.position), asc(meetingAgendaItem.createdAt))
		.all();
	const links = items.length
		? db
				.select()
				.from(meetingAgendaLink)
				.where(
					inArray(
						meetingAgendaLink.itemId,
						items.map((i) => i.id)
					)
				)
				.orderBy(asc(meetingAgendaLink.createdAt))
				.all()
		: [];
	const kinds = [...new Set(links.map((l) => l.kind))].filter(isAgendaLinkKind);
	const targets = kinds.length ? linkTargets(db, context, kinds) : new Map();
	return items.map((item) => ({
		...item,
		links: links
			.filter((l) => l.itemId === item.id)
			.map((l) => {
				const target = targets.get(l.kind)?.get(l.targetId);
				// A thing removed since keeps the label it had when linked, shown as removed.
				return { id: l.id, kind: l.kind, targetId: l.targetId, label: target?.label ?? l.label, removed: !target, href: target?.href || null, text: target?.text ?? '' };
			})
	}));
}

function presenterProblem(db: AppDatabase, reviewId: string, presenterId: string | null): Outcome<null> | null {
	if (!presenterId) return null;
	const member = findMembership(db, reviewId, presenterId);
	if (!member || !can(member, 'meetings.read') || member.role === 'observer') return refused(400, 'itemPresenter', 'Choose a member of the panel to present the item');
	return null;
}

export function addAgendaItem(db: AppDatabase, actor: Actor, found: Meeting, input: { title: string; minutes: number; presenterId: string | null }, now = new Date()): Outcome<{ id: string }> {
	const problem = agendaItemProblem(input);
	if (problem) return refused(400, problem.field, problem.message);
	const presenter = presenterProblem(db, found.reviewId, input.presenterId);
	if (presenter) return presenter as Outcome<{ id: string }>;
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		const last = tx.select({ position: meetingAgendaItem.position }).from(meetingAgendaItem).where(eq(meetingAgendaItem.meetingId, found.id)).orderBy(desc(meetingAgendaItem.position)).limit(1).get();
		tx.insert(meetingAgendaItem)
			.values({ id, meetingId: found.id, position: (last?.position ?? -1) + 1, title: input.title.trim(), minutes: input.minutes, presenterId: input.presenterId, createdAt: now })
			.run();
		auditMeeting(tx, actor, found, 'meeting.agenda_changed', now, { added: id });
	});
	return { ok: true, value: { id } };
}

export function removeAgendaItem(db: AppDatabase, actor: Actor, found: Meeting, itemId: string, now = new Date()): Outcome<null> {
	const changes = db.transaction((tx) => {
		const removed = tx.delete(meetingAgendaItem).where(and(eq(meetingAgendaItem.id, itemId), eq(meetingAgendaItem.meetingId, found.id))).run().changes;
		if (removed) auditMeeting(tx, actor, found, 'meeting.agenda_changed', now, { removed: itemId });
		return removed;
	});
	return changes ? { ok: true, value: null } : refused(404, 'itemId', 'That agenda item does not exist');
}

/**
 * Links an item to a thing of this review. Another review's entry, or one since removed,
 * is refused (its id is not among this review's), and nothing changes.
 */
export function addAgendaLink(db: AppDatabase, actor: Actor, found: Meeting, context: ReviewContext, input: { itemId: string; kind: string; targetId: string }, now = new Date()): Outcome<{ id: string }> {
	const item = db.select({ id: meetingAgendaItem.id }).from(meetingAgendaItem).where(and(eq(meetingAgendaItem.id, input.itemId), eq(meetingAgendaItem.meetingId, found.id))).get();
	if (!item) return refused(404, 'itemId', 'That agenda item does not exist');
	if (!isAgendaLinkKind(input.kind)) return refused(400, 'linkKind', `Choose what to link: ${agendaLinkKinds.join(', ')}`);
	const target = linkTargets(db, context, [input.kind]).get(input.kind)?.get(input.targetId);
	if (!target) return refused(400, 'linkTarget', 'That is not something in this review: choose from the list');
	if (target.linkable === false) return refused(400, 'linkTarget', 'That IMR has not been submitted to the panel yet: only the chair can put it on the agenda');
	const already = db.select({ id: meetingAgendaLink.id }).from(meetingAgendaLink).where(and(eq(meetingAgendaLink.itemId, item.id), eq(meetingAgendaLink.kind, input.kind), eq(meetingAgendaLink.targetId, input.targetId))).get();
	if (already) return refused(409, 'linkTarget', 'The item already links to it');
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(meetingAgendaLink).values({ id, itemId: item.id, kind: input.kind, targetId: input.targetId, label: target.label, createdAt: now }).run();
		auditMeeting(tx, actor, found, 'meeting.agenda_changed', now, { linked: input.kind });
	});
	return { ok: true, value: { id } };
}

export function removeAgendaLink(db: AppDatabase, actor: Actor, found: Meeting, linkId: string, now = new Date()): Outcome<null> {
	const link = db
		.select({ id: meetingAgendaLink.id })
		.from(meetingAgendaLink)
		.innerJoin(meetingAgendaItem, eq(meetingAgendaItem.id, meetingAgendaLink.itemId))
		.where(and(eq(meetingAgendaLink.id, linkId), eq(meetingAgendaItem.meetingId, found.id)))
		.get();
	if (!link) return refused(404, 'linkId', 'That link does not exist');
	db.transaction((tx) => {
		tx.delete(meetingAgendaLink).where(eq(meetingAgendaLink.id, link.id)).run();
		auditMeeting(tx, actor, found, 'meeting.agenda_changed', now, { unlinked: link.id });
	});
	return { ok: true, value: null };
}

// ---- Invitations, presenter, attendance ----

/** A member who can take part in a meeting: not the family advocate, not a guest practitioner. */
function takesPart(member: Membership | null): boolean {
	return member !== null && can(member, 'meetings.read');
}

export function inviteMembers(db: AppDatabase, actor: Actor, found: Meeting, userIds: string[], now = new Date()): Outcome<{ invited: number }> {
	if (userIds.length === 0) return refused(400, 'userIds', 'Choose who to invite');
	for (const userId of userIds) if (!takesPart(findMembership(db, found.reviewId, userId))) return refused(400, 'userIds', 'Only members of the panel can be invited to its meetings');
	const invited = db.transaction((tx) => {
		let count = 0;
		for (const userId of userIds) {
			count += tx.insert(meetingAttendee).values({ meetingId: found.id, userId, invitedAt: now }).onConflictDoNothing().run().changes;
		}
		if (count) auditMeeting(tx, actor, found, 'meeting.members_invited', now, { count });
		return count;
	});
	return { ok: true, value: { invited } };
}

/** Hands the meeting to a member to present, or back to the chair (null). Their open connections are rechecked. */
export function handMeetingTo(db: AppDatabase, actor: Actor, found: Meeting, presenterId: string | null, now = new Date()): Outcome<null> {
	const problem = presenterProblem(db, found.reviewId, presenterId);
	if (problem) return refused(400, 'presenterId', 'Choose a member of the panel to hand the meeting to');
	db.transaction((tx) => {
		tx.update(meeting).set({ presenterId }).where(eq(meeting.id, found.id)).run();
		auditMeeting(tx, actor, found, 'meeting.handed_over', now, {}, presenterId ?? undefined);
	});
	accessEvents.emit('review-changed', { reviewId: found.reviewId });
	return { ok: true, value: null };
}

export interface AttendeeView extends Partial<AttendanceLine> {
	userId: string;
	name: string;
	roleLabel: string;
	invitedAt: Date;
}

function readLiveOf(db: AppDatabase, found: Meeting) {
	const doc = readDocument(createSqliteDocumentStore(db), documentName({ kind: 'meeting', reviewId: found.reviewId, meetingId: found.id }));
	try {
		return readMeetingLive(doc);
	} finally {
		doc.destroy();
	}
}

/** Whether the meeting is running now, from its document's live state (however early or late it was started). */
export function meetingIsRunning(db: AppDatabase, found: Meeting): boolean {
	const { phaseIndex } = readLiveOf(db, found);
	if (found.circulatedAt || phaseIndex < 0) return false;
	return phaseIndex < countAgendaItems(db, found.id);
}

/** Held: its time has come, or the presenter started it (early, as learning events taught us, issue 18 item 5). */
export function meetingHeld(db: AppDatabase, found: Meeting, now = new Date()): boolean {
	return now >= found.startsAt || found.circulatedAt !== null || readLiveOf(db, found).phaseIndex >= 0;
}

function countAgendaItems(db: AppDatabase, meetingId: string): number {
	return db.select({ id: meetingAgendaItem.id }).from(meetingAgendaItem).where(eq(meetingAgendaItem.meetingId, meetingId)).all().length;
}

/**
 * Attendance from presence: an invitee who opens the meeting while it runs was there,
 * whenever the presenter started it (early or late). Those not invited who join are
 * added, since they were at the meeting.
 */
export function recordPresence(db: AppDatabase, found: Meeting, userId: string, now = new Date()): boolean {
	if (!takesPart(findMembership(db, found.reviewId, userId)) || !meetingIsRunning(db, found)) return false;
	const changes = db
		.insert(meetingAttendee)
		.values({ meetingId: found.id, userId, invitedAt: now, seenAt: now })
		.onConflictDoUpdate({ target: [meetingAttendee.meetingId, meetingAttendee.userId], set: { seenAt: now }, setWhere: isNull(meetingAttendee.seenAt) })
		.run().changes;
	if (changes) announceRecordChanged(db, found, userId);
	return true;
}

export function correctAttendance(db: AppDatabase, actor: Actor, found: Meeting, input: { userId: string; attendance: string; representedBy: string }, now = new Date()): Outcome<null> {
	const problem = attendanceCorrectionProblem(input.attendance, input.representedBy);
	if (problem) return refused(400, 'attendance', problem);
	if (found.circulatedAt) return refused(409, 'attendance', 'The minutes have been circulated: the attendance can no longer change');
	const row = db.select().from(meetingAttendee).where(and(eq(meetingAttendee.meetingId, found.id), eq(meetingAttendee.userId, input.userId))).get();
	if (!row) return refused(404, 'userId', 'They are not invited to this meeting');
	db.transaction((tx) => {
		tx.update(meetingAttendee)
			.set({ attendance: input.attendance as Attendance, representedBy: input.attendance === 'represented' ? input.representedBy.trim() : '' })
			.where(and(eq(meetingAttendee.meetingId, found.id), eq(meetingAttendee.userId, input.userId)))
			.run();
		auditMeeting(tx, actor, found, 'meeting.attendance_corrected', now, { attendance: input.attendance }, input.userId);
	});
	announceRecordChanged(db, found, actor.userId);
	return { ok: true, value: null };
}

export function listAttendees(db: AppDatabase, found: Meeting, now = new Date()): AttendeeView[] {
	const rows = db
		.select({ userId: meetingAttendee.userId, name: user.name, invitedAt: meetingAttendee.invitedAt, seenAt: meetingAttendee.seenAt, attendance: meetingAttendee.attendance, representedBy: meetingAttendee.representedBy, role: membership.role })
		.from(meetingAttendee)
		.innerJoin(user, eq(user.id, meetingAttendee.userId))
		.leftJoin(membership, and(eq(membership.userId, meetingAttendee.userId), eq(membership.reviewId, found.reviewId)))
		.where(eq(meetingAttendee.meetingId, found.id))
		.orderBy(asc(user.name))
		.all();
	const held = meetingHeld(db, found, now);
	const record = new Map(attendanceRecord(rows.map((r) => ({ userId: r.userId, seenAt: r.seenAt, corrected: r.attendance, representedBy: r.representedBy })), held).map((l) => [l.userId, l]));
	return rows.map((r) => ({ userId: r.userId, name: r.name, roleLabel: isReviewRole(r.role) ? roleLabels[r.role] : '', invitedAt: r.invitedAt, ...record.get(r.userId) }));
}

// ---- Decisions and actions ----

/** The names of the review's guest practitioners, which the minutes must never contain. */
export function guestNames(db: AppDatabase, reviewId: string): string[] {
	return db
		.select({ name: user.name })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.reviewId, reviewId), eq(membership.role, 'guest')))
		.all()
		.map((r) => r.name);
}

function itemOf(db: AppDatabase, found: Meeting, itemId: string | null): Outcome<string | null> {
	if (!itemId) return { ok: true, value: null };
	const item = db.select({ id: meetingAgendaItem.id }).from(meetingAgendaItem).where(and(eq(meetingAgendaItem.id, itemId), eq(meetingAgendaItem.meetingId, found.id))).get();
	return item ? { ok: true, value: item.id } : refused(404, 'itemId', 'That agenda item does not exist');
}

/** Why a decision cannot be recorded in this meeting, or null: minutes circulated, no words, or a guest named. */
export function decisionRefusal(db: AppDatabase, found: Meeting, text: string): Extract<Outcome<never>, { ok: false }> | null {
	const refusal = (status: 400 | 409, message: string) => ({ ok: false as const, status, errors: [{ field: 'decisionText', message }] });
	if (found.circulatedAt) return refusal(409, 'The minutes have been circulated: decisions can no longer be added');
	const problem = decisionProblem(text);
	if (problem) return refusal(400, problem);
	if (namesGuests(text, guestNames(db, found.reviewId))) return refusal(400, namesGuestsMessage);
	return null;
}

/**
 * Writes a decision already checked by `decisionRefusal`, with its audit record, inside the
 * caller's transaction (the terms' agreement records its decision in the same one). The
 * caller tells open pages afterwards with `meetingRecordChanged`.
 */
export function insertDecision(tx: DbExecutor, actor: Actor, found: Meeting, input: { itemId: string | null; text: string }, now: Date): string {
	const id = crypto.randomUUID();
	tx.insert(meetingDecision).values({ id, meetingId: found.id, itemId: input.itemId, text: input.text.trim(), createdBy: actor.userId, createdAt: now }).run();
	auditMeeting(tx, actor, found, 'meeting.decision_recorded', now, { decisionId: id });
	return id;
}

export function meetingRecordChanged(db: AppDatabase, found: Pick<Meeting, 'id' | 'reviewId'>, userId: string): void {
	announceRecordChanged(db, found, userId);
}

export function addDecision(db: AppDatabase, actor: Actor, found: Meeting, input: { itemId: string | null; text: string }, now = new Date()): Outcome<{ id: string }> {
	const refusal = decisionRefusal(db, found, input.text);
	if (refusal) return refusal;
	const item = itemOf(db, found, input.itemId);
	if (!item.ok) return item as Outcome<{ id: string }>;
	const id = db.transaction((tx) => insertDecision(tx, actor, found, { itemId: item.value, text: input.text }, now));
	announceRecordChanged(db, found, actor.userId);
	return { ok: true, value: { id } };
}

export function addAction(db: AppDatabase, actor: Actor, found: Meeting, input: { itemId: string | null; text: string; ownerId: string; dueOn: string }, now = new Date()): Outcome<{ id: string }> {
	if (found.circulatedAt) return refused(409, 'actionText', 'The minutes have been circulated: actions can no longer be added');
	const problem = actionProblem(input, todayInUk(now));
	if (problem) return refused(400, problem.field, problem.message);
	const owner = findMembership(db, found.reviewId, input.ownerId);
	if (!takesPart(owner)) return refused(400, 'actionOwner', 'An action’s owner must be a member of the panel');
	if (namesGuests(input.text, guestNames(db, found.reviewId))) return refused(400, 'actionText', namesGuestsMessage);
	const item = itemOf(db, found, input.itemId);
	if (!item.ok) return item as Outcome<{ id: string }>;
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(meetingAction).values({ id, meetingId: found.id, itemId: item.value, text: input.text.trim(), ownerId: input.ownerId, dueOn: input.dueOn, createdBy: actor.userId, createdAt: now }).run();
		auditMeeting(tx, actor, found, 'meeting.action_recorded', now, { actionId: id }, input.ownerId);
	});
	announceRecordChanged(db, found, actor.userId);
	return { ok: true, value: { id } };
}

/** The owner (or the chair) ticks an action off, with a note of what was done. */
export function completeAction(db: AppDatabase, actor: Actor, reviewId: string, membershipOfActor: Membership, actionId: string, note: string, now = new Date()): Outcome<null> {
	const row = db
		.select({ action: meetingAction, reviewId: meeting.reviewId })
		.from(meetingAction)
		.innerJoin(meeting, eq(meeting.id, meetingAction.meetingId))
		.where(and(eq(meetingAction.id, actionId), eq(meeting.reviewId, reviewId)))
		.get();
	if (!row) return refused(404, 'actionId', 'That action does not exist');
	if (row.action.ownerId !== actor.userId && !can(membershipOfActor, 'meetings.manage')) return refused(403, 'doneNote', 'Only the action’s owner or the chair can tick it off');
	if (row.action.doneAt) return refused(409, 'doneNote', 'This action is already done');
	if (!note.trim()) return refused(400, 'doneNote', 'Say briefly what was done');
	if (note.trim().length > 1_000) return refused(400, 'doneNote', 'Keep the note to 1,000 characters or fewer');
	db.transaction((tx) => {
		tx.update(meetingAction).set({ doneAt: now, doneNote: note.trim() }).where(eq(meetingAction.id, actionId)).run();
		recordAudit(tx, { action: 'meeting.action_done', actorUserId: actor.userId, reviewId, detail: { meetingId: row.action.meetingId, actionId }, ipAddress: actor.ipAddress, at: now });
	});
	announceRecordChanged(db, { id: row.action.meetingId, reviewId }, actor.userId);
	return { ok: true, value: null };
}

export interface DecisionView {
	id: string;
	itemId: string | null;
	text: string;
	createdAt: Date;
}

export interface ActionView {
	id: string;
	meetingId: string;
	itemId: string | null;
	text: string;
	ownerId: string;
	ownerName: string;
	dueOn: string;
	doneAt: Date | null;
	doneNote: string;
}

export function listDecisions(db: AppDatabase, meetingId: string): DecisionView[] {
	return db.select({ id: meetingDecision.id, itemId: meetingDecision.itemId, text: meetingDecision.text, createdAt: meetingDecision.createdAt }).from(meetingDecision).where(eq(meetingDecision.meetingId, meetingId)).orderBy(asc(meetingDecision.createdAt)).all();
}

export function listActions(db: AppDatabase, meetingId: string): ActionView[] {
	return db
		.select({ id: meetingAction.id, meetingId: meetingAction.meetingId, itemId: meetingAction.itemId, text: meetingAction.text, ownerId: meetingAction.ownerId, ownerName: user.name, dueOn: meetingAction.dueOn, doneAt: meetingAction.doneAt, doneNote: meetingAction.doneNote })
		.from(meetingAction)
		.innerJoin(user, eq(user.id, meetingAction.ownerId))
		.where(eq(meetingAction.meetingId, meetingId))
		.orderBy(asc(meetingAction.createdAt))
		.all();
}

/** The decision log: every decision of the review's meetings, oldest meeting first. */
export function decisionLog(db: AppDatabase, reviewId: string) {
	return db
		.select({ id: meetingDecision.id, text: meetingDecision.text, createdAt: meetingDecision.createdAt, meetingId: meeting.id, meetingTitle: meeting.title, startsAt: meeting.startsAt, agreedAt: meeting.agreedAt, itemTitle: meetingAgendaItem.title })
		.from(meetingDecision)
		.innerJoin(meeting, eq(meeting.id, meetingDecision.meetingId))
		.leftJoin(meetingAgendaItem, eq(meetingAgendaItem.id, meetingDecision.itemId))
		.where(eq(meeting.reviewId, reviewId))
		.orderBy(asc(meeting.startsAt), asc(meetingDecision.createdAt))
		.all();
}

// ---- Agreeing the minutes ----

export interface CirculatedMinutes {
	itemId: string;
	title: string;
	text: string;
}

/**
 * The chair circulates the minutes: their words are copied from the document (which
 * becomes read-only), and each attendee is asked to confirm or comment. Minutes naming a
 * guest practitioner are refused, and nothing changes.
 */
export function circulateMinutes(db: AppDatabase, actor: Actor, found: Meeting, context: ReviewContext, now = new Date()): Outcome<null> {
	if (found.circulatedAt) return refused(409, 'minutes', 'The minutes have already been circulated');
	if (!meetingHeld(db, found, now)) return refused(409, 'minutes', 'The meeting has not been held yet');
	const attendees = attendeesOf(attendanceRecord(attendeeFacts(db, found.id), true));
	if (attendees.length === 0) return refused(409, 'minutes', 'Record who attended before circulating the minutes');
	const agenda = listAgenda(db, found, context);
	const doc = readDocument(createSqliteDocumentStore(db), documentName({ kind: 'meeting', reviewId: found.reviewId, meetingId: found.id }));
	let minutes: CirculatedMinutes[];
	try {
		minutes = agenda.map((item) => ({ itemId: item.id, title: item.title, text: minutesText(doc, item.id) }));
	} finally {
		doc.destroy();
	}
	const names = guestNames(db, found.reviewId);
	const naming = minutes.find((m) => namesGuests(`${m.title}\n${m.text}`, names));
	if (naming) return refused(400, 'minutes', `${namesGuestsMessage} See the minutes of “${naming.title}”.`);
	db.transaction((tx) => {
		// Attendance is settled as it stood: presence becomes the record.
		for (const userId of attendees) tx.update(meetingAttendee).set({ attendance: 'present' }).where(and(eq(meetingAttendee.meetingId, found.id), eq(meetingAttendee.userId, userId), isNull(meetingAttendee.attendance))).run();
		tx.update(meeting).set({ circulatedAt: now, minutesText: minutes }).where(eq(meeting.id, found.id)).run();
		auditMeeting(tx, actor, found, 'meeting.minutes_circulated', now, { attendees: attendees.length });
	});
	// The minutes are now read-only: open editors reconnect without write access.
	accessEvents.emit('review-changed', { reviewId: found.reviewId });
	return { ok: true, value: null };
}

function attendeeFacts(db: AppDatabase, meetingId: string) {
	return db
		.select()
		.from(meetingAttendee)
		.where(eq(meetingAttendee.meetingId, meetingId))
		.all()
		.map((r) => ({ userId: r.userId, seenAt: r.seenAt, corrected: r.attendance, representedBy: r.representedBy }));
}

export function listResponses(db: AppDatabase, meetingId: string): (MinutesResponse & { name: string })[] {
	return db
		.select({ userId: meetingMinutesResponse.userId, name: user.name, decision: meetingMinutesResponse.decision, comment: meetingMinutesResponse.comment, at: meetingMinutesResponse.at })
		.from(meetingMinutesResponse)
		.innerJoin(user, eq(user.id, meetingMinutesResponse.userId))
		.where(eq(meetingMinutesResponse.meetingId, meetingId))
		.orderBy(asc(meetingMinutesResponse.at))
		.all();
}

/** Those asked to agree the minutes: who attended, as recorded when they were circulated. */
export function minutesAttendees(db: AppDatabase, meetingId: string): string[] {
	return attendeesOf(attendanceRecord(attendeeFacts(db, meetingId), true));
}

/**
 * An attendee confirms the circulated minutes or comments on them. When every attendee
 * has confirmed, the minutes are agreed and frozen. One read-then-write transaction, so
 * two confirming at once both count.
 */
export function respondToMinutes(db: AppDatabase, actor: Actor, found: Meeting, input: { decision: string; comment: string }, now = new Date()): Outcome<{ agreed: boolean }> {
	if (input.decision !== 'confirm' && input.decision !== 'comment') return refused(400, 'decision', 'Choose whether you confirm the minutes or have a comment');
	if (input.decision === 'comment' && !input.comment.trim()) return refused(400, 'comment', 'Write your comment on the minutes');
	if (input.comment.trim().length > 2_000) return refused(400, 'comment', 'Keep your comment to 2,000 characters or fewer');
	return db.transaction((tx): Outcome<{ agreed: boolean }> => {
		const current = tx.select().from(meeting).where(eq(meeting.id, found.id)).get()!;
		if (!current.circulatedAt) return refused(409, 'decision', 'The minutes have not been circulated yet');
		if (current.agreedAt) return refused(409, 'decision', 'The minutes are already agreed');
		const attendees = attendeesOf(attendanceRecord(attendeeFacts(tx as unknown as AppDatabase, found.id), true));
		if (!attendees.includes(actor.userId)) return refused(403, 'decision', 'Only those who attended the meeting can agree its minutes');
		const response = { meetingId: found.id, userId: actor.userId, decision: input.decision as 'confirm' | 'comment', comment: input.comment.trim(), at: now };
		tx.insert(meetingMinutesResponse)
			.values(response)
			.onConflictDoUpdate({ target: [meetingMinutesResponse.meetingId, meetingMinutesResponse.userId], set: { decision: response.decision, comment: response.comment, at: now } })
			.run();
		const responses = tx.select().from(meetingMinutesResponse).where(eq(meetingMinutesResponse.meetingId, found.id)).all();
		const agreed = minutesAgreed(attendees, responses);
		if (agreed) tx.update(meeting).set({ agreedAt: now }).where(eq(meeting.id, found.id)).run();
		auditMeeting(tx, actor, found, input.decision === 'confirm' ? 'meeting.minutes_confirmed' : 'meeting.minutes_commented', now, agreed ? { agreed: true } : {});
		return { ok: true, value: { agreed } };
	});
}

/** The chair reopens circulated (not agreed) minutes to change them after comments. */
export function reopenMinutes(db: AppDatabase, actor: Actor, found: Meeting, now = new Date()): Outcome<null> {
	if (!found.circulatedAt) return refused(409, 'minutes', 'The minutes have not been circulated');
	if (found.agreedAt) return refused(409, 'minutes', 'Agreed minutes are frozen and cannot change');
	db.transaction((tx) => {
		tx.update(meeting).set({ circulatedAt: null, minutesText: null }).where(eq(meeting.id, found.id)).run();
		tx.delete(meetingMinutesResponse).where(eq(meetingMinutesResponse.meetingId, found.id)).run();
		auditMeeting(tx, actor, found, 'meeting.minutes_reopened', now);
	});
	accessEvents.emit('review-changed', { reviewId: found.reviewId });
	return { ok: true, value: null };
}
