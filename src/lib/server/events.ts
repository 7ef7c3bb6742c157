/**
 * Learning events, stored (issue 7): plans, participants, guest invitations, the
 * ground rules, and contributions. The server writes every contribution into the
 * event's document itself, under a fresh client id, so an unnamed one carries no
 * trace of its author there; the author is kept here, in SQLite, for the moderator,
 * the chair and the audit log.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { eventContribution, eventInvitation, eventParticipant, learningEvent, membership, user } from './db/schema';
import { recordAudit } from './audit';
import { accessEvents } from './access-events';
import { refused, type Actor, type Outcome } from './actor';
import { findMembership } from './reviews';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument, readDocument } from './live-documents';
import { loadIntegratedChronology } from './chronology';
import { appendContribution, readContributions, readLive, readThemes } from '../collab/event-board';
import { citationLabel } from '../domain/chronology';
import { documentName, eventAccess, guestDescription, roleLabels, type EventAccess, type EventFacts, type Membership } from '../domain/permissions';
import {
	agendaMinutes,
	agendaProblems,
	contributionProblem,
	contributionTiming,
	defaultAgenda,
	invitationProblem,
	isEventKind,
	phaseClock,
	type PhaseClock,
	isPromptKey,
	type AgendaPhase,
	type EventKind,
	type EventTimes
} from '../domain/learning-events';

export interface LearningEvent {
	id: string;
	reviewId: string;
	title: string;
	kind: EventKind;
	startsAt: Date;
	agenda: AgendaPhase[];
	episodeIds: string[];
	reflectionClosesAt: Date | null;
	/** The video-call link or the venue. */
	link: string;
}

export function eventTimes(event: Pick<LearningEvent, 'startsAt' | 'agenda' | 'reflectionClosesAt'>): EventTimes {
	return { startsAt: event.startsAt, endsAt: new Date(event.startsAt.getTime() + agendaMinutes(event.agenda) * 60_000), reflectionClosesAt: event.reflectionClosesAt };
}

/** When the event's window closes for guests: the end of its reflection window, or of the event. */
export function windowClosesAt(event: LearningEvent): Date {
	const times = eventTimes(event);
	return times.reflectionClosesAt && times.reflectionClosesAt > times.endsAt ? times.reflectionClosesAt : times.endsAt;
}

function fromRow(row: typeof learningEvent.$inferSelect): LearningEvent {
	return {
		id: row.id,
		reviewId: row.reviewId,
		title: row.title,
		kind: row.kind,
		startsAt: row.startsAt,
		agenda: row.agenda as AgendaPhase[],
		episodeIds: row.episodeIds as string[],
		reflectionClosesAt: row.reflectionClosesAt,
		link: row.link
	};
}

export function listEvents(db: AppDatabase, reviewId: string): LearningEvent[] {
	return db.select().from(learningEvent).where(eq(learningEvent.reviewId, reviewId)).orderBy(asc(learningEvent.startsAt)).all().map(fromRow);
}

export function findEvent(db: AppDatabase, reviewId: string, eventId: string): LearningEvent | null {
	const row = db.select().from(learningEvent).where(and(eq(learningEvent.id, eventId), eq(learningEvent.reviewId, reviewId))).get();
	return row ? fromRow(row) : null;
}

export const eventTitleMaxLength = 120;

export interface EventPlan {
	title: string;
	kind: string;
	startsAt: Date | null;
	episodeIds: string[];
	agenda?: AgendaPhase[];
}

function planProblems(plan: EventPlan): Outcome<null> | null {
	if (!plan.title.trim()) return refused(400, 'title', 'Enter a title, for example “Practitioner event: the May 2019 contacts”');
	if (plan.title.trim().length > eventTitleMaxLength) return refused(400, 'title', `Keep the title to ${eventTitleMaxLength} characters or fewer`);
	if (!isEventKind(plan.kind)) return refused(400, 'kind', 'Choose the kind of event');
	if (!plan.startsAt) return refused(400, 'startsAt', 'Enter the date and time the event starts');
	if (plan.episodeIds.length > 20) return refused(400, 'episodeIds', 'Choose up to 20 key practice episodes');
	const problems = agendaProblems(plan.agenda ?? defaultAgenda(plan.kind));
	if (problems.length) return refused(400, 'agenda', problems[0]);
	return null;
}

export function createEvent(db: AppDatabase, actor: Actor, reviewId: string, plan: EventPlan, now = new Date()): Outcome<{ id: string }> {
	const problem = planProblems(plan);
	if (problem) return problem as Outcome<{ id: string }>;
	const kind = plan.kind as EventKind;
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(learningEvent)
			.values({ id, reviewId, title: plan.title.trim(), kind, startsAt: plan.startsAt!, agenda: plan.agenda ?? defaultAgenda(kind), episodeIds: plan.episodeIds, createdBy: actor.userId, createdAt: now })
			.run();
		recordAudit(tx, { action: 'event.created', actorUserId: actor.userId, reviewId, detail: { eventId: id, kind }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

export function changePlan(db: AppDatabase, actor: Actor, event: LearningEvent, change: { agenda?: AgendaPhase[]; episodeIds?: string[]; reflectionClosesAt?: Date | null }, now = new Date()): Outcome<null> {
	if (change.agenda) {
		const problems = agendaProblems(change.agenda);
		if (problems.length) return refused(400, 'agenda', problems[0]);
	}
	if (change.reflectionClosesAt && change.reflectionClosesAt <= eventTimes(event).endsAt) {
		return refused(400, 'reflectionClosesAt', 'The reflection window must close after the event ends');
	}
	db.transaction((tx) => {
		tx.update(learningEvent)
			.set({
				...(change.agenda ? { agenda: change.agenda } : {}),
				...(change.episodeIds ? { episodeIds: change.episodeIds } : {}),
				...(change.reflectionClosesAt !== undefined ? { reflectionClosesAt: change.reflectionClosesAt } : {})
			})
			.where(eq(learningEvent.id, event.id))
			.run();
		recordAudit(tx, { action: 'event.plan_changed', actorUserId: actor.userId, reviewId: event.reviewId, detail: { eventId: event.id, changed: Object.keys(change) }, ipAddress: actor.ipAddress, at: now });
	});
	// The window may now be over: guests' open connections to the board are rechecked at once.
	accessEvents.emit('event-changed', { reviewId: event.reviewId, eventId: event.id });
	return { ok: true, value: null };
}

// ---- Participants ----

export interface Participant {
	userId: string;
	name: string;
	/** "Guest practitioner: Support worker, Northmoor Housing" or the member's role and agency. */
	roleTitle: string;
	agencyLabel: string;
	guest: boolean;
	acknowledgedAt: Date | null;
	attendedAt: Date | null;
	/** The moderator's correction of the attendance taken from the board. */
	attendanceCorrected: 'present' | 'absent' | null;
	/** Whether they attended: the moderator's correction, else whether the board saw them while the event ran. */
	attended: boolean;
}

export function listParticipants(db: AppDatabase, event: LearningEvent, agencyNames: Map<string, string>): Participant[] {
	const rows = db
		.select({ userId: eventParticipant.userId, name: user.name, roleTitle: eventParticipant.roleTitle, agencyLabel: eventParticipant.agencyLabel, acknowledgedAt: eventParticipant.acknowledgedAt, attendedAt: eventParticipant.attendedAt, attendanceCorrected: eventParticipant.attendanceCorrected, role: membership.role, agencyId: membership.agencyId })
		.from(eventParticipant)
		.innerJoin(user, eq(user.id, eventParticipant.userId))
		.innerJoin(membership, and(eq(membership.userId, eventParticipant.userId), eq(membership.reviewId, event.reviewId)))
		.where(eq(eventParticipant.eventId, event.id))
		.orderBy(asc(eventParticipant.addedAt))
		.all();
	return rows.map((row) => ({
		userId: row.userId,
		name: row.name,
		guest: row.role === 'guest',
		roleTitle: row.roleTitle || roleLabels[row.role as keyof typeof roleLabels] || row.role,
		agencyLabel: row.agencyLabel || (row.agencyId ? (agencyNames.get(row.agencyId) ?? '') : ''),
		acknowledgedAt: row.acknowledgedAt,
		attendedAt: row.attendedAt,
		attendanceCorrected: row.attendanceCorrected,
		attended: row.attendanceCorrected ? row.attendanceCorrected === 'present' : row.attendedAt !== null
	}));
}

function participantRow(db: AppDatabase, eventId: string, userId: string) {
	return db.select().from(eventParticipant).where(and(eq(eventParticipant.eventId, eventId), eq(eventParticipant.userId, userId))).get() ?? null;
}

export function eventFacts(db: AppDatabase, event: LearningEvent, userId: string, now = new Date()): EventFacts {
	return { invited: participantRow(db, event.id, userId) !== null, windowOpen: now <= windowClosesAt(event) };
}

export const eventNotFoundMessage = 'Learning event not found';

/**
 * The event and the user's part in it, or null when there is no such event or they
 * have no part in it: callers give both the same 404, so nothing is revealed.
 */
export function findEventFor(db: AppDatabase, reviewId: string, eventId: string, userId: string): { event: LearningEvent; membership: Membership; access: Exclude<EventAccess, 'none'> } | null {
	const event = findEvent(db, reviewId, eventId);
	if (!event) return null;
	const { membership, access } = accessToEvent(db, event, userId);
	return membership && access !== 'none' ? { event, membership, access } : null;
}

export interface EpisodeView {
	id: string;
	label: string;
	agencyName: string;
	summary: string;
	action: string;
}

/**
 * The event's episodes (its shared material: facts as the agencies recorded them,
 * not the panel's analysis), and the key episodes the panel marked, to choose from.
 */
export function eventEpisodes(db: AppDatabase, event: LearningEvent, review: { id: string; victimDateOfBirth: string | null }, agencies: { id: string; name: string }[]) {
	const entries = loadIntegratedChronology(db, review, agencies);
	const byId = new Map(entries.map((entry) => [entry.id, entry]));
	return {
		chosen: event.episodeIds.flatMap((id): EpisodeView[] => {
			const entry = byId.get(id);
			return entry ? [{ id: entry.id, label: citationLabel(entry), agencyName: entry.agencyName, summary: entry.summary, action: entry.action }] : [];
		}),
		keyEpisodes: entries.filter((entry) => entry.keyEpisode || event.episodeIds.includes(entry.id)).map((entry) => ({ id: entry.id, label: citationLabel(entry) }))
	};
}

/** The caller's part in the event, from the permission table and the event's facts. */
export function accessToEvent(db: AppDatabase, event: LearningEvent, userId: string, now = new Date()): { membership: Membership | null; access: EventAccess } {
	const member = findMembership(db, event.reviewId, userId);
	return { membership: member, access: eventAccess(member, eventFacts(db, event, userId, now)) };
}

export function inviteMember(db: AppDatabase, actor: Actor, event: LearningEvent, userId: string, now = new Date()): Outcome<null> {
	const member = findMembership(db, event.reviewId, userId);
	if (!member || member.role === 'guest') return refused(404, 'userId', 'Choose a member of this review');
	if (member.role === 'family_advocate') return refused(400, 'userId', 'The family advocate does not take part in learning events');
	if (participantRow(db, event.id, userId)) return refused(409, 'userId', 'They are already invited');
	db.transaction((tx) => {
		tx.insert(eventParticipant).values({ eventId: event.id, userId, addedAt: now }).run();
		recordAudit(tx, { action: 'event.member_invited', actorUserId: actor.userId, reviewId: event.reviewId, targetUserId: userId, detail: { eventId: event.id }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: null };
}

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export interface GuestDetails {
	name: string;
	roleTitle: string;
	agencyLabel: string;
}

/** A one-use invitation link for a guest practitioner, valid until the event's window closes. */
export function inviteGuest(db: AppDatabase, actor: Actor, event: LearningEvent, guest: GuestDetails, now = new Date()): Outcome<{ token: string; expiresAt: Date }> {
	for (const [field, value, label] of [
		['name', guest.name, 'their name (only the moderator and chair see it)'],
		['roleTitle', guest.roleTitle, 'their role, for example “Support worker”'],
		['agencyLabel', guest.agencyLabel, 'their agency']
	] as const) {
		if (!value.trim()) return refused(400, field, `Enter ${label}`);
		if (value.trim().length > 120) return refused(400, field, 'Keep it to 120 characters or fewer');
	}
	const expiresAt = windowClosesAt(event);
	if (expiresAt <= now) return refused(409, 'name', 'This event’s window has closed; no one new can be invited');
	const token = encodeBase32LowerCaseNoPadding(randomBytes(32));
	db.transaction((tx) => {
		tx.insert(eventInvitation)
			.values({ id: crypto.randomUUID(), eventId: event.id, tokenHash: hashToken(token), name: guest.name.trim(), roleTitle: guest.roleTitle.trim(), agencyLabel: guest.agencyLabel.trim(), expiresAt, createdBy: actor.userId, createdAt: now })
			.run();
		recordAudit(tx, { action: 'event.guest_invited', actorUserId: actor.userId, reviewId: event.reviewId, detail: { eventId: event.id, roleTitle: guest.roleTitle.trim(), agencyLabel: guest.agencyLabel.trim() }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { token, expiresAt } };
}

export function findInvitation(db: AppDatabase, token: string) {
	if (!/^[a-z2-7]{40,64}$/.test(token)) return null;
	const row = db.select().from(eventInvitation).where(eq(eventInvitation.tokenHash, hashToken(token))).get();
	if (!row) return null;
	const event = db.select().from(learningEvent).where(eq(learningEvent.id, row.eventId)).get();
	return event ? { invitation: row, event: fromRow(event) } : null;
}

/**
 * Turns an invitation into a limited account: a guest of this review, a participant
 * of this event alone, with no password. The caller opens a session ending with the
 * event's window. The link works once.
 */
export function acceptInvitation(db: AppDatabase, token: string, ipAddress: string | null, now = new Date()): Outcome<{ userId: string; event: LearningEvent; expiresAt: Date }> {
	const found = findInvitation(db, token);
	if (!found) return refused(404, 'token', 'This invitation link is not valid. Check it was copied in full, or ask the moderator for a new one.');
	const problem = invitationProblem(found.invitation, now);
	if (problem) return refused(409, 'token', problem);
	const userId = crypto.randomUUID();
	const { invitation, event } = found;
	db.transaction((tx) => {
		// No password can match "!", so a guest can only ever come in through the link.
		tx.insert(user).values({ id: userId, email: `guest-${userId}@invitation.invalid`, name: invitation.name, passwordHash: '!', createdAt: now }).run();
		tx.insert(membership).values({ reviewId: event.reviewId, userId, role: 'guest', addedBy: invitation.createdBy, addedAt: now }).run();
		tx.insert(eventParticipant).values({ eventId: event.id, userId, roleTitle: invitation.roleTitle, agencyLabel: invitation.agencyLabel, addedAt: now }).run();
		tx.update(eventInvitation).set({ usedAt: now, userId }).where(eq(eventInvitation.id, invitation.id)).run();
		recordAudit(tx, { action: 'event.invitation_accepted', actorUserId: userId, reviewId: event.reviewId, detail: { eventId: event.id }, ipAddress, at: now });
	});
	return { ok: true, value: { userId, event, expiresAt: invitation.expiresAt } };
}

export function acknowledgeGroundRules(db: AppDatabase, actor: Actor, event: LearningEvent, now = new Date()): Outcome<null> {
	const row = participantRow(db, event.id, actor.userId);
	if (!row) return refused(403, 'groundRules', 'Only the event’s participants acknowledge its ground rules');
	if (row.acknowledgedAt) return { ok: true, value: null };
	db.transaction((tx) => {
		tx.update(eventParticipant).set({ acknowledgedAt: now }).where(and(eq(eventParticipant.eventId, event.id), eq(eventParticipant.userId, actor.userId))).run();
		recordAudit(tx, { action: 'event.ground_rules_acknowledged', actorUserId: actor.userId, reviewId: event.reviewId, detail: { eventId: event.id }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: null };
}

export function hasAcknowledged(db: AppDatabase, eventId: string, userId: string): boolean {
	return participantRow(db, eventId, userId)?.acknowledgedAt != null;
}

/**
 * Attendance: a participant who opens the board while the event runs was there. Running
 * means its planned time, or the moderator has started it: an event started early (or
 * run late) still records who came (issue 18, item 5: the record said "No attendance
 * recorded" although people were there).
 */
export function recordAttendance(db: AppDatabase, event: LearningEvent, userId: string, now = new Date()): boolean {
	const times = eventTimes(event);
	const inPlannedTime = now >= times.startsAt && now <= times.endsAt;
	if (!inPlannedTime && boardStage(db, event, now) !== 'running') return false;
	const row = participantRow(db, event.id, userId);
	if (!row || row.attendedAt) return row !== null;
	db.update(eventParticipant)
		.set({ attendedAt: now })
		.where(and(eq(eventParticipant.eventId, event.id), eq(eventParticipant.userId, userId)))
		.run();
	return true;
}

/** The moderator corrects the attendance taken from the board: someone there without the page open, or not there after all. */
export function correctEventAttendance(db: AppDatabase, actor: Actor, event: LearningEvent, userId: string, attendance: string, now = new Date()): Outcome<null> {
	if (attendance !== 'present' && attendance !== 'absent') return refused(400, `attendance-${userId}`, 'Choose attended or did not attend');
	if (!participantRow(db, event.id, userId)) return refused(404, `attendance-${userId}`, 'They are not a participant of this event');
	db.transaction((tx) => {
		tx.update(eventParticipant).set({ attendanceCorrected: attendance }).where(and(eq(eventParticipant.eventId, event.id), eq(eventParticipant.userId, userId))).run();
		recordAudit(tx, { action: 'event.attendance_corrected', actorUserId: actor.userId, reviewId: event.reviewId, targetUserId: userId, detail: { eventId: event.id, attendance }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: null };
}

/**
 * Moves the event or changes its call link or venue (issue 18, item 5). A new start must
 * be in the future; guests' window moves with it, so their connections are rechecked.
 */
export function rescheduleEvent(db: AppDatabase, actor: Actor, event: LearningEvent, change: { startsAt: Date | null; link: string }, now = new Date()): Outcome<null> {
	if (!change.startsAt) return refused(400, 'startsOn', 'Enter the date and time the event starts');
	if (change.startsAt.getTime() !== event.startsAt.getTime() && change.startsAt <= now) return refused(400, 'startsOn', 'The new start must be in the future');
	if (change.link.trim().length > 500) return refused(400, 'link', 'Keep the call link or venue to 500 characters or fewer');
	if (event.reflectionClosesAt && event.reflectionClosesAt <= eventTimes({ ...event, startsAt: change.startsAt }).endsAt) {
		return refused(400, 'startsOn', 'The event would end after its reflection window closes: move the reflection window first');
	}
	db.transaction((tx) => {
		tx.update(learningEvent).set({ startsAt: change.startsAt!, link: change.link.trim() }).where(eq(learningEvent.id, event.id)).run();
		recordAudit(tx, { action: 'event.rescheduled', actorUserId: actor.userId, reviewId: event.reviewId, detail: { eventId: event.id }, ipAddress: actor.ipAddress, at: now });
	});
	accessEvents.emit('event-changed', { reviewId: event.reviewId, eventId: event.id });
	return { ok: true, value: null };
}

// ---- Contributions ----

export interface ContributionInput {
	text: string;
	prompt: string;
	episodeId?: string | null;
	unnamed: boolean;
}

export function addContribution(db: AppDatabase, actor: Actor & { name: string }, event: LearningEvent, input: ContributionInput, now = new Date()): Outcome<{ id: string }> {
	const { membership: member, access } = accessToEvent(db, event, actor.userId, now);
	if (access === 'none' || access === 'read') return refused(403, 'text', 'Only the event’s participants can add contributions');
	if (access === 'contribute' && !hasAcknowledged(db, event.id, actor.userId)) return refused(409, 'text', 'Read and acknowledge the ground rules first');
	const problem = contributionProblem(input.text);
	if (problem) return refused(400, 'text', problem);
	if (!isPromptKey(input.prompt)) return refused(400, 'prompt', 'Choose a prompt');
	const episodeId = input.episodeId || null;
	if (episodeId && !event.episodeIds.includes(episodeId)) return refused(400, 'episodeId', 'That episode is not one this event discusses');
	const timing = contributionTiming(eventTimes(event), now, boardStage(db, event, now));
	if (!timing.ok) return refused(409, 'text', timing.reason);
	const id = crypto.randomUUID();
	const text = input.text.trim();
	// Everyone reading the board sees a named contribution's author: a guest by role and agency.
	const authorName = member?.role === 'guest' ? guestDescriptionFor(db, event.id, actor.userId) : actor.name;
	db.transaction((tx) => {
		tx.insert(eventContribution).values({ id, eventId: event.id, authorId: actor.userId, unnamed: input.unnamed, prompt: input.prompt, episodeId, body: text, timing: timing.timing, createdAt: now }).run();
		recordAudit(tx, { action: 'event.contribution_added', actorUserId: actor.userId, reviewId: event.reviewId, detail: { eventId: event.id, contributionId: id, unnamed: input.unnamed }, ipAddress: actor.ipAddress, at: now });
	});
	changeDocument(createSqliteDocumentStore(db), {
		docName: documentName({ kind: 'event', reviewId: event.reviewId, eventId: event.id }),
		userId: actor.userId,
		change: (doc) =>
			appendContribution(doc, { id, prompt: input.prompt, episodeId, text, authorName: input.unnamed ? null : authorName, timing: timing.timing, createdAt: now.toISOString() })
	});
	return { ok: true, value: { id } };
}

/** Whether the moderator has the event running now (read from its board). */
function boardStage(db: AppDatabase, event: LearningEvent, now = new Date()): PhaseClock['stage'] {
	return phaseClock(event.agenda, readBoard(db, event).live, now).stage;
}

/** Who wrote each contribution, for the moderator and the chair only. */
export function contributionAuthors(db: AppDatabase, eventId: string): Map<string, string> {
	const rows = db.select({ id: eventContribution.id, name: user.name }).from(eventContribution).innerJoin(user, eq(user.id, eventContribution.authorId)).where(eq(eventContribution.eventId, eventId)).all();
	return new Map(rows.map((row) => [row.id, row.name]));
}

/** The event's board as stored (everything relayed is stored). */
export function readBoard(db: AppDatabase, event: LearningEvent) {
	const doc = readDocument(createSqliteDocumentStore(db), documentName({ kind: 'event', reviewId: event.reviewId, eventId: event.id }));
	try {
		return { live: readLive(doc), contributions: readContributions(doc), themes: readThemes(doc) };
	} finally {
		doc.destroy();
	}
}

/** How a guest appears at an event to those who may not know their name. */
export function guestDescriptionFor(db: AppDatabase, eventId: string, userId: string): string {
	const row = participantRow(db, eventId, userId);
	return guestDescription({ roleTitle: row?.roleTitle ?? null, agencyLabel: row?.agencyLabel ?? null });
}

/** Each guest of a review, described by role and agency (a guest takes part in one event). */
export function guestDescriptions(db: AppDatabase, reviewId: string): Map<string, string> {
	const rows = db
		.select({ userId: eventParticipant.userId, roleTitle: eventParticipant.roleTitle, agencyLabel: eventParticipant.agencyLabel })
		.from(eventParticipant)
		.innerJoin(learningEvent, eq(learningEvent.id, eventParticipant.eventId))
		.innerJoin(membership, and(eq(membership.userId, eventParticipant.userId), eq(membership.reviewId, learningEvent.reviewId)))
		.where(and(eq(learningEvent.reviewId, reviewId), eq(membership.role, 'guest')))
		.all();
	return new Map(rows.map((row) => [row.userId, guestDescription(row)]));
}

export function eventIdsForGuest(db: AppDatabase, userId: string): { reviewId: string; eventId: string }[] {
	const rows = db.select({ eventId: eventParticipant.eventId }).from(eventParticipant).where(eq(eventParticipant.userId, userId)).all();
	if (rows.length === 0) return [];
	return db
		.select({ reviewId: learningEvent.reviewId, eventId: learningEvent.id })
		.from(learningEvent)
		.where(inArray(learningEvent.id, rows.map((r) => r.eventId)))
		.all();
}
