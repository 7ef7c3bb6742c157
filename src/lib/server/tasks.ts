/**
 * "What needs me", gathered: the facts domain/tasks.ts decides from, for one person across
 * all their reviews, in a fixed handful of queries whatever the number of reviews (plus the
 * sign-off record of each review with an open round, which reads the report's text).
 * Sign-off statuses come from the sign-off record, the one reader of them, so a change to
 * how a status is computed reaches this list too.
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import {
	qaItem,
	submissionStep,
	agency,
	auditEvent,
	commentMention,
	commentThreadRead,
	eventContribution,
	eventParticipant,
	familyComment,
	familyShare,
	agencySeniorManager,
	imr,
	independenceDeclaration,
	informationRequest,
	learningEvent,
	meeting,
	meetingAction,
	meetingAttendee,
	meetingMinutesResponse,
	membership,
	reportComment,
	review,
	user,
	reviewDecision
} from './db/schema';
import { listExtensions } from './reviews';
import { loadSignoff } from './signoff';
import { signoffRecord } from './signoff-record';
import { eventTimes } from './events';
import { openActionsWithDates } from './action-plan';
import { isReviewRole } from '../domain/permissions';
import { reviewGlance, tasksFor, type ReviewGlance, type ReviewTaskFacts, type Task, type ThreadFacts } from '../domain/tasks';
import type { AgendaPhase } from '../domain/learning-events';
import { isLate } from '../domain/information-requests';
import { todayInUk } from '../domain/dates';
import type { ImrStatus } from '../domain/imrs';

function latestBy<K>(rows: { key: K; at: Date }[]): Map<K, Date> {
	const latest = new Map<K, Date>();
	for (const { key, at } of rows) if (!latest.has(key) || latest.get(key)! < at) latest.set(key, at);
	return latest;
}

/** The facts of every review `userId` is a member of (or just `onlyReviewId`). The admin and deactivated accounts have none. */
export type GatheredFacts = ReviewTaskFacts & { nextEventStartsAt: Date | null };

export function gatherTaskFacts(db: AppDatabase, userId: string, now: Date, onlyReviewId?: string): GatheredFacts[] {
	const person = db.select({ isAdmin: user.isAdmin, deactivatedAt: user.deactivatedAt }).from(user).where(eq(user.id, userId)).get();
	if (!person || person.isAdmin || person.deactivatedAt) return [];
	const memberships = db
		.select({ reviewId: review.id, title: review.title, notifiedOn: review.notifiedOn, decisionOn: review.decisionOn, materialDeletedAt: review.materialDeletedAt, role: membership.role, agencyId: membership.agencyId })
		.from(membership)
		.innerJoin(review, eq(review.id, membership.reviewId))
		.where(onlyReviewId ? and(eq(membership.userId, userId), eq(membership.reviewId, onlyReviewId)) : eq(membership.userId, userId))
		.all()
		.filter((row) => isReviewRole(row.role));
	const reviewIds = memberships.filter((m) => !m.materialDeletedAt).map((m) => m.reviewId);
	if (reviewIds.length === 0) return memberships.map((m) => emptyFacts(m));

	const closedOn = new Map(
		db.select({ reviewId: reviewDecision.reviewId, decidedOn: reviewDecision.decidedOn }).from(reviewDecision).where(and(inArray(reviewDecision.reviewId, reviewIds), eq(reviewDecision.outcome, 'no_review'))).all().map((row) => [row.reviewId, row.decidedOn])
	);
	const agencies = db.select({ id: agency.id, reviewId: agency.reviewId, name: agency.name, createdAt: agency.createdAt }).from(agency).where(inArray(agency.reviewId, reviewIds)).orderBy(asc(agency.name)).all();
	// An agency is represented by an active account; a deactivated one speaks for no one.
	const represented = new Set(
		db
			.select({ agencyId: membership.agencyId })
			.from(membership)
			.innerJoin(user, eq(user.id, membership.userId))
			.where(and(inArray(membership.reviewId, reviewIds), eq(membership.role, 'agency_rep'), isNull(user.deactivatedAt)))
			.all()
			.map((row) => row.agencyId)
	);

	// Comments: every thread of these reviews, who is mentioned, and when this person last read each.
	const comments = db
		.select({ id: reportComment.id, reviewId: reportComment.reviewId, parentId: reportComment.parentId, authorId: reportComment.authorId, authorName: user.name, createdAt: reportComment.createdAt, resolvedAt: reportComment.resolvedAt })
		.from(reportComment)
		.innerJoin(user, eq(user.id, reportComment.authorId))
		.where(inArray(reportComment.reviewId, reviewIds))
		.orderBy(asc(reportComment.createdAt))
		.all();
	const mentioned = new Map<string, string[]>();
	for (const row of db.select({ commentId: commentMention.commentId, userId: commentMention.userId }).from(commentMention).where(inArray(commentMention.reviewId, reviewIds)).all()) {
		mentioned.set(row.commentId, [...(mentioned.get(row.commentId) ?? []), row.userId]);
	}
	const readAt = new Map(db.select({ threadId: commentThreadRead.threadId, readAt: commentThreadRead.readAt }).from(commentThreadRead).where(eq(commentThreadRead.userId, userId)).all().map((r) => [r.threadId, r.readAt]));
	const threads = new Map<string, ThreadFacts & { reviewId: string }>();
	for (const row of comments) {
		const comment = { id: row.id, authorId: row.authorId, authorName: row.authorName, createdAt: row.createdAt, mentions: mentioned.get(row.id) ?? [] };
		if (!row.parentId) threads.set(row.id, { id: row.id, reviewId: row.reviewId, resolved: row.resolvedAt !== null, comments: [comment], readAt: readAt.get(row.id) ?? null });
		else threads.get(row.parentId)?.comments.push(comment);
	}

	// Learning events this person is invited to, and whether they took part.
	const invitations = db
		.select({ event: learningEvent, invitedAt: eventParticipant.addedAt, acknowledgedAt: eventParticipant.acknowledgedAt, attendedAt: eventParticipant.attendedAt, attendanceCorrected: eventParticipant.attendanceCorrected })
		.from(eventParticipant)
		.innerJoin(learningEvent, eq(learningEvent.id, eventParticipant.eventId))
		.where(and(eq(eventParticipant.userId, userId), inArray(learningEvent.reviewId, reviewIds)))
		.all();
	const contributedTo = new Set(
		invitations.length
			? db
					.select({ eventId: eventContribution.eventId })
					.from(eventContribution)
					.where(and(eq(eventContribution.authorId, userId), inArray(eventContribution.eventId, invitations.map((i) => i.event.id))))
					.all()
					.map((r) => r.eventId)
			: []
	);
	const nextEvent = new Map<string, Date>();
	for (const row of db.select({ reviewId: learningEvent.reviewId, startsAt: learningEvent.startsAt }).from(learningEvent).where(inArray(learningEvent.reviewId, reviewIds)).orderBy(asc(learningEvent.startsAt)).all()) {
		if (row.startsAt >= now && !nextEvent.has(row.reviewId)) nextEvent.set(row.reviewId, row.startsAt);
	}

	// The family's part.
	const familyComments = db.select({ id: familyComment.id, reviewId: familyComment.reviewId, recordedAt: familyComment.recordedAt }).from(familyComment).where(inArray(familyComment.reviewId, reviewIds)).orderBy(asc(familyComment.recordedAt)).all();
	const shares = db.select({ id: familyShare.id, reviewId: familyShare.reviewId, sharedAt: familyShare.sharedAt }).from(familyShare).where(inArray(familyShare.reviewId, reviewIds)).orderBy(asc(familyShare.sharedAt)).all();

	// What this person has opened, from the audit trail: the family page (and which shared
	// version), and each agency's sign-off page, where the chair's answer to a dispute is read.
	const opened = db
		.select({ action: auditEvent.action, reviewId: auditEvent.reviewId, at: auditEvent.at, shareId: sql<string | null>`json_extract(${auditEvent.detail}, '$.shareId')`, agencyId: sql<string | null>`json_extract(${auditEvent.detail}, '$.agencyId')` })
		.from(auditEvent)
		.where(
			and(
				eq(auditEvent.actorUserId, userId),
				inArray(auditEvent.reviewId, reviewIds),
				or(eq(auditEvent.action, 'family.read'), and(eq(auditEvent.action, 'report.read'), sql`json_extract(${auditEvent.detail}, '$.view') = 'signoff'`))
			)
		)
		.all();
	const familySeen = latestBy(opened.filter((o) => o.action === 'family.read').map((o) => ({ key: o.reviewId!, at: o.at })));
	const sharesOpened = new Set(opened.filter((o) => o.action === 'family.read' && o.shareId).map((o) => o.shareId!));
	const signoffSeen = latestBy(opened.filter((o) => o.action === 'report.read' && o.agencyId).map((o) => ({ key: `${o.reviewId}:${o.agencyId}`, at: o.at })));

	const planActions = openActionsWithDates(db, reviewIds);
	// The journey to publication (issue 17): the day the report went to the Home Office completes
	// its timescale, and the panel's areas for final development wait for the chair.
	const sentOn = new Map<string, string>();
	for (const row of db.select({ reviewId: submissionStep.reviewId, occurredOn: submissionStep.occurredOn }).from(submissionStep).where(and(inArray(submissionStep.reviewId, reviewIds), eq(submissionStep.kind, 'sent_to_home_office'))).orderBy(asc(submissionStep.occurredOn)).all()) {
		if (!sentOn.has(row.reviewId)) sentOn.set(row.reviewId, row.occurredOn);
	}
	const qaOpen = new Map<string, { count: number; since: Date }>();
	for (const row of db.select({ reviewId: qaItem.reviewId, createdAt: qaItem.createdAt }).from(qaItem).where(and(inArray(qaItem.reviewId, reviewIds), isNull(qaItem.doneAt))).orderBy(asc(qaItem.createdAt)).all()) {
		const open = qaOpen.get(row.reviewId);
		qaOpen.set(row.reviewId, open ? { ...open, count: open.count + 1 } : { count: 1, since: row.createdAt });
	}
	// Issue 20: information requests, IMRs, and which agencies this person signs off for.
	const requestRows = db.select().from(informationRequest).where(inArray(informationRequest.reviewId, reviewIds)).all();
	const imrRows = db.select().from(imr).where(inArray(imr.reviewId, reviewIds)).all();
	const declaredAuthors = new Set(
		db
			.select({ reviewId: independenceDeclaration.reviewId, userId: independenceDeclaration.userId, agencyId: independenceDeclaration.agencyId })
			.from(independenceDeclaration)
			.where(and(inArray(independenceDeclaration.reviewId, reviewIds), eq(independenceDeclaration.part, 'imr_author')))
			.all()
			.map((row) => `${row.reviewId}:${row.agencyId}:${row.userId}`)
	);
	const seniorOf = db.select({ reviewId: agencySeniorManager.reviewId, agencyId: agencySeniorManager.agencyId }).from(agencySeniorManager).where(and(eq(agencySeniorManager.userId, userId), inArray(agencySeniorManager.reviewId, reviewIds))).all();
	const today = todayInUk(now);
	const requestFacts = (reviewId: string) =>
		requestRows
			.filter((row) => row.reviewId === reviewId)
			.map((row) => {
				const imrStatus = (imrRows.find((i) => i.reviewId === reviewId && i.agencyId === row.agencyId)?.status as ImrStatus | undefined) ?? 'not_requested';
				const asks = [...(row.asksChronology ? (['chronology'] as const) : []), ...(row.asksImr ? (['imr'] as const) : []), ...(row.asksShortReport ? (['short_report'] as const) : [])];
				const late = isLate({ agencyId: row.agencyId, asks, dueOn: row.dueOn, answer: row.answer as 'contact' | 'no_contact' | null, chronologyProvided: row.chronologyProvidedAt !== null, shortReportProvided: row.shortReportProvidedAt !== null, imrStatus }, today);
				return { agencyId: row.agencyId, sentAt: row.sentAt, dueOn: row.dueOn, answered: row.answer !== null, late };
			});
	// Panel meetings this person is invited to, whether they attended and answered the minutes; and their open actions.
	const attendedOrSeen = (row: { attendance: string | null; seenAt: Date | null }) => row.attendance === 'present' || (row.attendance === null && row.seenAt !== null);
	const responded = new Set(db.select({ meetingId: meetingMinutesResponse.meetingId }).from(meetingMinutesResponse).where(eq(meetingMinutesResponse.userId, userId)).all().map((r) => r.meetingId));
	const meetingInvitations = db
		.select({ id: meeting.id, reviewId: meeting.reviewId, startsAt: meeting.startsAt, circulatedAt: meeting.circulatedAt, agreedAt: meeting.agreedAt, invitedAt: meetingAttendee.invitedAt, attendance: meetingAttendee.attendance, seenAt: meetingAttendee.seenAt })
		.from(meetingAttendee)
		.innerJoin(meeting, eq(meeting.id, meetingAttendee.meetingId))
		.where(and(eq(meetingAttendee.userId, userId), inArray(meeting.reviewId, reviewIds)))
		.all()
		.map((row) => ({ id: row.id, reviewId: row.reviewId, startsAt: row.startsAt, invitedAt: row.invitedAt, circulatedAt: row.circulatedAt, agreedAt: row.agreedAt, attended: attendedOrSeen(row), responded: responded.has(row.id) }));
	const ownActions = db
		.select({ id: meetingAction.id, meetingId: meetingAction.meetingId, reviewId: meeting.reviewId, meetingStartsAt: meeting.startsAt, dueOn: meetingAction.dueOn, createdAt: meetingAction.createdAt })
		.from(meetingAction)
		.innerJoin(meeting, eq(meeting.id, meetingAction.meetingId))
		.where(and(eq(meetingAction.ownerId, userId), isNull(meetingAction.doneAt), inArray(meeting.reviewId, reviewIds)))
		.all();

	return memberships.map((m) => {
		if (m.materialDeletedAt) return emptyFacts(m);
		const reviewAgencies = agencies.filter((a) => a.reviewId === m.reviewId);
		const state = loadSignoff(db, m.reviewId);
		// Only a review with a round open has statuses worth reading the report's text for.
		const rows = state.round ? signoffRecord(db, m.reviewId, reviewAgencies).rows : [];
		return {
			reviewId: m.reviewId,
			reviewTitle: m.title,
			membership: { role: m.role as ReviewTaskFacts['membership']['role'], agencyId: m.agencyId },
			materialDeleted: false,
			// A decision not to review closes the record: no report falls due, so no reminder of one.
			dates: { notifiedOn: m.notifiedOn, decisionOn: m.decisionOn, reportCompletedOn: sentOn.get(m.reviewId) ?? null, closedOn: closedOn.get(m.reviewId) ?? null },
			extensions: listExtensions(db, m.reviewId),
			agencies: reviewAgencies.map((a) => ({ id: a.id, name: a.name, createdAt: a.createdAt, hasRepresentative: represented.has(a.id) })),
			stage: state.stage,
			round: state.round ? { openedAt: state.round.openedAt } : null,
			signoffs: rows.map((row) => ({ agencyId: row.agencyId, status: row.status, decision: row.decision, at: row.at, answer: row.answer ? { kind: row.answer.kind, at: row.answer.at } : null })),
			signoffPageSeenAt: Object.fromEntries(reviewAgencies.flatMap((a) => (signoffSeen.has(`${m.reviewId}:${a.id}`) ? [[a.id, signoffSeen.get(`${m.reviewId}:${a.id}`)!]] : []))),
			threads: [...threads.values()].filter((t) => t.reviewId === m.reviewId),
			events: invitations
				.filter((i) => i.event.reviewId === m.reviewId)
				.map(({ event, invitedAt, acknowledgedAt, attendedAt, attendanceCorrected }) => {
					const times = eventTimes({ startsAt: event.startsAt, agenda: event.agenda as AgendaPhase[], reflectionClosesAt: event.reflectionClosesAt });
					return { id: event.id, ...times, invitedAt, acknowledged: acknowledgedAt !== null, attended: attendanceCorrected ? attendanceCorrected === 'present' : attendedAt !== null, contributed: contributedTo.has(event.id) };
				}),
			familyComments: familyComments.filter((c) => c.reviewId === m.reviewId),
			familyPageSeenAt: familySeen.get(m.reviewId) ?? null,
			familyShares: shares.filter((s) => s.reviewId === m.reviewId).map((s) => ({ id: s.id, sharedAt: s.sharedAt, opened: sharesOpened.has(s.id) })),
			qaAreasOpen: qaOpen.get(m.reviewId) ?? null,
			planActions: planActions.filter((a) => a.reviewId === m.reviewId).map(({ id, leadAgencyName, ownerUserId, targetDate, createdAt }) => ({ id, leadAgencyName, ownerUserId, targetDate, createdAt })),
			requests: requestFacts(m.reviewId),
			imrs: imrRows
				.filter((row) => row.reviewId === m.reviewId)
				.map((row) => ({ agencyId: row.agencyId, status: row.status as ImrStatus, dueOn: row.dueOn, updatedAt: row.updatedAt, authorDeclared: !!row.authorId && declaredAuthors.has(`${m.reviewId}:${row.agencyId}:${row.authorId}`) })),
			seniorManagerOf: seniorOf.filter((row) => row.reviewId === m.reviewId).map((row) => row.agencyId),
			meetings: meetingInvitations.filter((i) => i.reviewId === m.reviewId).map(({ reviewId: _, ...rest }) => rest),
			meetingActions: ownActions.filter((a) => a.reviewId === m.reviewId).map(({ reviewId: _, ...rest }) => rest),
			nextEventStartsAt: nextEvent.get(m.reviewId) ?? null
		};
	});
}

function emptyFacts(m: { reviewId: string; title: string; notifiedOn: string; decisionOn: string | null; role: string; agencyId: string | null }): GatheredFacts {
	return {
		reviewId: m.reviewId,
		reviewTitle: m.title,
		membership: { role: m.role as ReviewTaskFacts['membership']['role'], agencyId: m.agencyId },
		materialDeleted: true,
		dates: { notifiedOn: m.notifiedOn, decisionOn: m.decisionOn },
		extensions: [],
		agencies: [],
		stage: 'draft',
		round: null,
		signoffs: [],
		signoffPageSeenAt: {},
		threads: [],
		events: [],
		familyComments: [],
		familyPageSeenAt: null,
		familyShares: [],
		meetings: [],
		meetingActions: [],
		nextEventStartsAt: null
	};
}

/** Everything waiting for this person, across their reviews. */
export function listTasks(db: AppDatabase, userId: string, now = new Date()): Task[] {
	return tasksFor(userId, gatherTaskFacts(db, userId, now), now);
}

// One request's task list, keyed by that request's `locals`: the menu's count (root layout) and
// the "What needs me" page load in the same request and would otherwise gather it twice.
const tasksOfRequests = new WeakMap<object, Task[]>();

/** The caller's tasks, gathered at most once per request. */
export function tasksOfRequest(locals: { db: AppDatabase }, userId: string): Task[] {
	let tasks = tasksOfRequests.get(locals);
	if (!tasks) {
		tasks = listTasks(locals.db, userId);
		tasksOfRequests.set(locals, tasks);
	}
	return tasks;
}

/** One review's tasks for this person, and the review's state in one glance. */
export function reviewTasksAndGlance(db: AppDatabase, userId: string, reviewId: string, now = new Date()): { tasks: Task[]; glance: ReviewGlance | null } {
	const facts = gatherTaskFacts(db, userId, now, reviewId);
	const one = facts[0];
	if (!one || one.materialDeleted) return { tasks: [], glance: null };
	return { tasks: tasksFor(userId, facts, now), glance: reviewGlance(one) };
}
