/**
 * "What needs me" (issue 14): from plain facts about one person's reviews to the list of
 * things waiting for them. Pure: the server gathers the facts (server/tasks.ts), this
 * decides what is a task, for whom, since when and where to go. A task leaves the list
 * when its facts change (a reply read, a confirmation given, a dispute answered).
 *
 * A task's `why` is a plain sentence with no case content: names of people and agencies,
 * dates and the review's pseudonymised title only, never a comment's or report's words.
 */
import { can, eventAccess, type Membership } from './permissions';
import { assessTimescales, dueSoonDays, type ReviewDates, type TimescaleExtension } from './timescales';
import { addDays, subDays } from 'date-fns';
import { actionDueSoonDays, actionStanding } from './action-plan';
import { formatDate, formatDateTime, parseIsoDate, toIsoDate, todayInUk, ukDateTimeToInstant, type IsoDate } from './dates';
import type { AgencyStatus } from './signoff';
import { isBeingWritten, type ImrStatus } from './imrs';

export const taskKinds = [
	'signoff_requested',
	'signoff_out_of_date',
	'dispute_answered',
	'comment_reply',
	'mention',
	'dispute_to_answer',
	'family_comment',
	'signoffs_outstanding',
	'agencies_without_representative',
	'timescale',
	'learning_event',
	'reflection_window',
	'family_share',
	'action_overdue',
	'action_due_soon',
	'qa_areas_open',
	'information_request',
	'imr_due',
	'imr_to_sign_off',
	'requests_late',
	'panel_meeting',
	'meeting_action',
	'minutes_to_agree'
] as const;
export type TaskKind = (typeof taskKinds)[number];

export interface Task {
	kind: TaskKind;
	reviewId: string;
	reviewTitle: string;
	/** A plain sentence: what is waiting and why it is you. */
	why: string;
	/** When it started waiting (ISO timestamp). */
	since: string;
	/** A date it is due by (`YYYY-MM-DD`), when there is one. */
	dueOn?: IsoDate;
	/** The exact place to go (a path on this site). */
	link: string;
}

export interface AgencyFacts {
	id: string;
	name: string;
	createdAt: Date;
	/** An active account represents it in this review. */
	hasRepresentative: boolean;
}

/** One agency's sign-off, as the sign-off record reads it (status against the current text). */
export interface SignoffFacts {
	agencyId: string;
	status: AgencyStatus;
	decision: 'confirm' | 'dispute' | null;
	at: string | null;
	answer: { kind: 'changed' | 'disagreement'; at: string } | null;
}

export interface CommentFacts {
	id: string;
	authorId: string;
	authorName: string;
	createdAt: Date;
	/** Members named in it with @. */
	mentions: string[];
}

export interface ThreadFacts {
	id: string;
	resolved: boolean;
	/** The first comment, then the replies, oldest first. */
	comments: CommentFacts[];
	/** When this person last read the thread. */
	readAt: Date | null;
}

export interface EventFacts {
	id: string;
	startsAt: Date;
	endsAt: Date;
	reflectionClosesAt: Date | null;
	invitedAt: Date;
	acknowledged: boolean;
	attended: boolean;
	contributed: boolean;
}

export interface ReviewTaskFacts {
	reviewId: string;
	reviewTitle: string;
	membership: Membership;
	/** The working material was deleted under the retention rule: nothing is left to do. */
	materialDeleted: boolean;
	dates: ReviewDates;
	extensions: TimescaleExtension[];
	agencies: AgencyFacts[];
	stage: 'draft' | 'final';
	round: { openedAt: string } | null;
	signoffs: SignoffFacts[];
	/** When this person last opened each agency's sign-off page, by agency id. */
	signoffPageSeenAt: Record<string, Date>;
	threads: ThreadFacts[];
	/** Learning events this person is invited to. */
	events: EventFacts[];
	familyComments: { id: string; recordedAt: Date }[];
	/** When this person last opened the family page (the chair reads the family's comments there). */
	familyPageSeenAt: Date | null;
	familyShares: { id: string; sharedAt: Date; opened: boolean }[];
	/** The quality assurance panel's areas for final development not yet ticked off (issue 17). */
	qaAreasOpen?: { count: number; since: Date } | null;
	/** Open actions of the review's action plan that have a target date (issue 19); no words of the action. */
	planActions?: PlanActionFacts[];
	/** Information requests sent to the review's agencies (issue 20); absent means none. */
	requests?: RequestTaskFacts[];
	/** Each requested IMR's place in its life; absent means none. */
	imrs?: ImrTaskFacts[];
	/** The agencies this person is the senior manager of, in this review. */
	seniorManagerOf?: string[];
	/** Panel meetings this person is invited to (issue 18). */
	meetings: MeetingTaskFacts[];
	/** Meeting actions this person owns that are not yet done. */
	meetingActions: { id: string; meetingId: string; meetingStartsAt: Date; dueOn: IsoDate; createdAt: Date }[];
}

export interface PlanActionFacts {
	id: string;
	leadAgencyName: string;
	ownerUserId: string | null;
	targetDate: IsoDate;
	createdAt: Date;
}

export interface RequestTaskFacts {
	agencyId: string;
	sentAt: Date;
	dueOn: IsoDate;
	answered: boolean;
	/** Past its date and still owing an answer or an item (domain/information-requests.ts `isLate`). */
	late: boolean;
}

export interface ImrTaskFacts {
	agencyId: string;
	status: ImrStatus;
	dueOn: IsoDate;
	updatedAt: Date;
	authorDeclared: boolean;
}

export interface MeetingTaskFacts {
	id: string;
	startsAt: Date;
	invitedAt: Date;
	circulatedAt: Date | null;
	agreedAt: Date | null;
	/** They attended, so they are asked to agree the minutes. */
	attended: boolean;
	/** They have confirmed or commented on the circulated minutes. */
	responded: boolean;
}

const dateOf = (moment: Date | string) => formatDate(todayInUk(new Date(moment)));
const startOfUkDay = (date: IsoDate) => ukDateTimeToInstant(date, '00:00').toISOString();
const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

function names(list: string[]): string {
	const unique = [...new Set(list)];
	if (unique.length <= 1) return unique[0] ?? '';
	return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

type Draft = Omit<Task, 'reviewId' | 'reviewTitle'>;

function signoffTasks(facts: ReviewTaskFacts): Draft[] {
	const { membership, reviewId } = facts;
	if (facts.stage === 'final') return [];
	const agencyName = new Map(facts.agencies.map((agency) => [agency.id, agency.name]));
	const out: Draft[] = [];
	const agencyId = membership.agencyId;
	if (agencyId && can(membership, 'signoff.confirm', { agencyId })) {
		const row = facts.signoffs.find((s) => s.agencyId === agencyId);
		const name = agencyName.get(agencyId) ?? 'your agency';
		const link = `/reviews/${reviewId}/signoff/${agencyId}`;
		if (facts.round && (!row || row.status === 'not_started')) {
			out.push({ kind: 'signoff_requested', why: `The chair asks ${name} to confirm it is fully and fairly represented in the report.`, since: facts.round.openedAt, link });
		} else if (facts.round && row?.status === 'stale') {
			out.push({ kind: 'signoff_out_of_date', why: `The report has changed since ${name} last gave its decision: read the new text and confirm or dispute it again.`, since: row.answer?.at ?? row.at ?? facts.round.openedAt, link });
		}
		if (row?.decision === 'dispute' && row.answer) {
			const seen = facts.signoffPageSeenAt[agencyId];
			if (!seen || seen < new Date(row.answer.at)) {
				const answer = row.answer.kind === 'changed' ? 'the text was changed' : 'it is recorded as an area of disagreement';
				out.push({ kind: 'dispute_answered', why: `The chair answered the dispute from ${name}: ${answer}.`, since: row.answer.at, link });
			}
		}
	}
	if (can(membership, 'signoff.manage')) {
		const link = `/reviews/${reviewId}/signoff`;
		for (const row of facts.signoffs) {
			if (row.status === 'disputed' && row.decision === 'dispute' && !row.answer) {
				out.push({ kind: 'dispute_to_answer', why: `${agencyName.get(row.agencyId) ?? 'An agency'} disputed the report and waits for your answer.`, since: row.at ?? facts.round?.openedAt ?? '', link });
			}
		}
		if (facts.round) {
			const outstanding = facts.agencies.filter((agency) => {
				const status = facts.signoffs.find((s) => s.agencyId === agency.id)?.status ?? 'not_started';
				return status === 'not_started' || status === 'stale';
			});
			if (outstanding.length > 0) {
				const total = facts.agencies.length;
				out.push({
					kind: 'signoffs_outstanding',
					why: `${outstanding.length} of ${total} ${total === 1 ? 'agency has' : 'agencies have'} not confirmed the current text: ${names(outstanding.map((a) => a.name))}.`,
					since: facts.round.openedAt,
					link
				});
			}
		}
	}
	return out;
}

function chairTasks(facts: ReviewTaskFacts, now: Date): Draft[] {
	const { membership, reviewId } = facts;
	const out: Draft[] = [];
	if (can(membership, 'members.manage')) {
		const without = facts.agencies.filter((agency) => !agency.hasRepresentative);
		if (without.length > 0) {
			out.push({
				kind: 'agencies_without_representative',
				why: `${without.length} of ${facts.agencies.length} agencies ${without.length === 1 ? 'has' : 'have'} no representative: ${names(without.map((a) => a.name))}.`,
				since: new Date(Math.min(...without.map((a) => a.createdAt.getTime()))).toISOString(),
				link: `/reviews/${reviewId}/members`
			});
		}
	}
	if (can(membership, 'timescales.manage')) {
		for (const milestone of assessTimescales(facts.dates, facts.extensions, todayInUk(now))) {
			if (!milestone.dueOn || (milestone.status !== 'due_soon' && milestone.status !== 'overdue')) continue;
			const overdue = milestone.status === 'overdue';
			const since = overdue ? milestone.dueOn : toIsoDate(subDays(parseIsoDate(milestone.dueOn)!, dueSoonDays));
			out.push({
				kind: 'timescale',
				why: overdue ? `${milestone.label} was due on ${formatDate(milestone.dueOn)} and is overdue.` : `${milestone.label} is due on ${formatDate(milestone.dueOn)}.`,
				since: startOfUkDay(since),
				dueOn: milestone.dueOn,
				link: `/reviews/${reviewId}/timescales`
			});
		}
	}
	if (can(membership, 'export') && facts.qaAreasOpen && facts.qaAreasOpen.count > 0) {
		const { count, since } = facts.qaAreasOpen;
		out.push({
			kind: 'qa_areas_open',
			why: count === 1 ? 'One area for final development from the quality assurance panel is still to do.' : `${count} areas for final development from the quality assurance panel are still to do.`,
			since: since.toISOString(),
			link: `/reviews/${reviewId}/publication/submissions`
		});
	}
	if (can(membership, 'signoff.manage')) {
		const unread = facts.familyComments.filter((comment) => !facts.familyPageSeenAt || comment.recordedAt > facts.familyPageSeenAt);
		if (unread.length > 0) {
			out.push({
				kind: 'family_comment',
				why: unread.length === 1 ? 'The family advocate recorded the family’s comments for you to answer.' : `The family advocate recorded ${unread.length} comments from the family for you to answer.`,
				since: unread[0].recordedAt.toISOString(),
				link: `/reviews/${reviewId}/family`
			});
		}
	}
	return out;
}

function commentTasks(facts: ReviewTaskFacts, userId: string): Draft[] {
	if (!can(facts.membership, 'report.read')) return [];
	const out: Draft[] = [];
	for (const thread of facts.threads) {
		const link = `/reviews/${facts.reviewId}/report#comment-${thread.id}`;
		const mine = thread.comments.filter((comment) => comment.authorId === userId);
		const lastMine = mine.length ? mine[mine.length - 1].createdAt : null;
		// Writing in a thread is reading it.
		const seen = later(thread.readAt, lastMine);
		const unseen = thread.comments.filter((comment) => comment.authorId !== userId && (!seen || comment.createdAt > seen));
		const mentions = unseen.filter((comment) => comment.mentions.includes(userId));
		if (mentions.length > 0) {
			out.push({ kind: 'mention', why: `${names(mentions.map((c) => c.authorName))} mentioned you in a comment on the report.`, since: mentions[0].createdAt.toISOString(), link });
			continue;
		}
		if (thread.resolved || mine.length === 0) continue;
		const replies = unseen.filter((comment) => comment.createdAt > mine[0].createdAt);
		if (replies.length > 0) {
			out.push({ kind: 'comment_reply', why: `${names(replies.map((c) => c.authorName))} replied to your comment on the report.`, since: replies[0].createdAt.toISOString(), link });
		}
	}
	return out;
}

function eventTasks(facts: ReviewTaskFacts, now: Date): Draft[] {
	const out: Draft[] = [];
	for (const event of facts.events) {
		const windowCloses = event.reflectionClosesAt && event.reflectionClosesAt > event.endsAt ? event.reflectionClosesAt : event.endsAt;
		if (eventAccess(facts.membership, { invited: true, windowOpen: now <= windowCloses }) === 'none') continue;
		const link = `/reviews/${facts.reviewId}/events/${event.id}`;
		if (now < event.endsAt && !event.acknowledged) {
			out.push({ kind: 'learning_event', why: `You are invited to a learning event on ${dateOf(event.startsAt)}: read its ground rules before it starts.`, since: event.invitedAt.toISOString(), dueOn: todayInUk(event.startsAt), link });
		} else if (now >= event.endsAt && event.reflectionClosesAt && now <= event.reflectionClosesAt && !event.attended && !event.contributed) {
			out.push({ kind: 'reflection_window', why: `You could not attend a learning event: you may add your reflections until ${dateOf(event.reflectionClosesAt)}.`, since: event.endsAt.toISOString(), dueOn: todayInUk(event.reflectionClosesAt), link });
		}
	}
	return out;
}

function familyShareTasks(facts: ReviewTaskFacts): Draft[] {
	if (!can(facts.membership, 'family.record', { reportStage: facts.stage })) return [];
	return facts.familyShares
		.filter((share) => !share.opened)
		.map((share) => ({
			kind: 'family_share' as const,
			why: `The chair shared a version of the report with the family on ${dateOf(share.sharedAt)}: go through it with them and record their comments.`,
			since: share.sharedAt.toISOString(),
			link: `/reviews/${facts.reviewId}/family?share=${share.id}`
		}));
}

/**
 * Issue 20: an agency's representative answers the chair's request, then owes the IMR until
 * it is submitted; its senior manager signs off a draft whose author has declared; the chair
 * hears which agencies are late.
 */
function requestTasks(facts: ReviewTaskFacts): Draft[] {
	const { membership, reviewId } = facts;
	const out: Draft[] = [];
	const agencyName = new Map(facts.agencies.map((agency) => [agency.id, agency.name]));
	const requests = facts.requests ?? [];
	const own = membership.agencyId;
	if (own && can(membership, 'requests.answer', { agencyId: own })) {
		const name = agencyName.get(own) ?? 'your agency';
		const request = requests.find((r) => r.agencyId === own);
		if (request && !request.answered) {
			out.push({ kind: 'information_request', why: `The chair asks whether ${name} had contact with the subjects in the period under review.`, since: request.sentAt.toISOString(), dueOn: request.dueOn, link: `/reviews/${reviewId}/requests` });
		}
		const imr = (facts.imrs ?? []).find((i) => i.agencyId === own);
		if (imr && request?.answered && isBeingWritten(imr.status)) {
			const why = imr.status === 'returned' ? `The panel returned the IMR of ${name} with questions: answer them and have it signed off again.` : `The IMR of ${name} is due on ${formatDate(imr.dueOn)}.`;
			out.push({ kind: 'imr_due', why, since: imr.updatedAt.toISOString(), dueOn: imr.dueOn, link: `/reviews/${reviewId}/imrs/${own}` });
		}
		if (imr && (facts.seniorManagerOf ?? []).includes(own) && (imr.status === 'draft' || imr.status === 'returned') && imr.authorDeclared) {
			out.push({ kind: 'imr_to_sign_off', why: `As the senior manager of ${name}, read its IMR and sign it off when it is ready.`, since: imr.updatedAt.toISOString(), dueOn: imr.dueOn, link: `/reviews/${reviewId}/imrs/${own}` });
		}
	}
	if (can(membership, 'requests.manage')) {
		const late = requests.filter((r) => r.late);
		if (late.length > 0) {
			out.push({
				kind: 'requests_late',
				why: `${late.length} ${late.length === 1 ? 'agency is' : 'agencies are'} late answering the information request or sending what it asked for: ${names(late.map((r) => agencyName.get(r.agencyId) ?? 'an agency'))}.`,
				since: startOfUkDay(late.map((r) => r.dueOn).sort()[0]),
				link: `/reviews/${reviewId}/requests`
			});
		}
	}
	return out;
}

function meetingTasks(facts: ReviewTaskFacts, now: Date): Draft[] {
	if (!can(facts.membership, 'meetings.read')) return [];
	const out: Draft[] = [];
	for (const meeting of facts.meetings) {
		const link = `/reviews/${facts.reviewId}/meetings/${meeting.id}`;
		// Until it has been held: its papers are the linked items, to read beforehand.
		if (now.getTime() < meeting.startsAt.getTime() + 3 * 3_600_000 && !meeting.circulatedAt) {
			out.push({ kind: 'panel_meeting', why: `You are invited to a panel meeting on ${formatDateTime(meeting.startsAt)}: read its agenda and papers beforehand.`, since: meeting.invitedAt.toISOString(), dueOn: todayInUk(meeting.startsAt), link });
		} else if (meeting.circulatedAt && !meeting.agreedAt && meeting.attended && !meeting.responded) {
			out.push({ kind: 'minutes_to_agree', why: `The minutes of the panel meeting on ${dateOf(meeting.startsAt)} were circulated: confirm them or comment.`, since: meeting.circulatedAt.toISOString(), link: `${link}#agree` });
		}
	}
	for (const action of facts.meetingActions) {
		out.push({
			kind: 'meeting_action',
			why: `An action from the panel meeting on ${dateOf(action.meetingStartsAt)} is yours, due by ${formatDate(action.dueOn)}: tick it off with a note when done.`,
			since: action.createdAt.toISOString(),
			dueOn: action.dueOn,
			link: `/reviews/${facts.reviewId}/meetings/${action.meetingId}#action-${action.id}`
		});
	}
	return out;
}

/** Everything waiting for `userId` across the reviews described, by review title, then oldest first. */
export function tasksFor(userId: string, reviews: ReviewTaskFacts[], now: Date): Task[] {
	const tasks: Task[] = [];
	for (const facts of reviews) {
		if (facts.materialDeleted) continue;
		const drafts = [...signoffTasks(facts), ...chairTasks(facts, now), ...commentTasks(facts, userId), ...eventTasks(facts, now), ...familyShareTasks(facts), ...actionPlanTasks(facts, userId, now), ...requestTasks(facts), ...meetingTasks(facts, now)];
		for (const draft of drafts) tasks.push({ reviewId: facts.reviewId, reviewTitle: facts.reviewTitle, ...draft });
	}
	return tasks.sort((a, b) => a.reviewTitle.localeCompare(b.reviewTitle) || a.reviewId.localeCompare(b.reviewId) || a.since.localeCompare(b.since));
}

/**
 * An action overdue or due within its reminder window (issue 19): for its owner, and for the
 * chair, who sees every action of the plan. The words of the action stay on the plan's page.
 */
function actionPlanTasks(facts: ReviewTaskFacts, userId: string, now: Date): Draft[] {
	const isChair = can(facts.membership, 'actionplan.write');
	const out: Draft[] = [];
	for (const action of facts.planActions ?? []) {
		if (!isChair && action.ownerUserId !== userId) continue;
		const standing = actionStanding({ status: 'in_progress', targetDate: action.targetDate }, now);
		if (standing !== 'overdue' && standing !== 'due_soon') continue;
		const whose = action.ownerUserId === userId ? 'Your action' : `An action for ${action.leadAgencyName}`;
		const why = standing === 'overdue' ? `${whose} in the action plan is overdue: it was due on ${formatDate(action.targetDate)}.` : `${whose} in the action plan is due on ${formatDate(action.targetDate)}.`;
		// Overdue since the day after its date; due soon since its reminder window opened.
		const since = standing === 'overdue' ? startOfUkDay(toIsoDate(addDays(parseIsoDate(action.targetDate)!, 1))) : startOfUkDay(toIsoDate(subDays(parseIsoDate(action.targetDate)!, actionDueSoonDays)));
		out.push({ kind: standing === 'overdue' ? 'action_overdue' : 'action_due_soon', why, since, dueOn: action.targetDate, link: `/reviews/${facts.reviewId}/action-plan#action-${action.id}` });
	}
	return out;
}

/** The review's state in one glance, for its own page. Each part is null when the member may not see it. */
export interface ReviewGlance {
	stage: 'draft' | 'final';
	/** e.g. "4 of 6 agencies confirmed"; null before a sign-off round opens. */
	signoffProgress: { confirmed: number; total: number } | null;
	openDisputes: number | null;
	nextEvent: { startsAt: string } | null;
	agenciesWithoutRepresentative: string[] | null;
}

export function reviewGlance(facts: ReviewTaskFacts & { nextEventStartsAt: Date | null }): ReviewGlance {
	const readsReport = can(facts.membership, 'report.read');
	const confirmed = facts.signoffs.filter((s) => s.status === 'confirmed').length;
	return {
		stage: facts.stage,
		signoffProgress: readsReport && facts.round ? { confirmed, total: facts.agencies.length } : null,
		openDisputes: readsReport ? facts.signoffs.filter((s) => s.status === 'disputed' && !s.answer).length : null,
		nextEvent: can(facts.membership, 'events.read') && facts.nextEventStartsAt ? { startsAt: facts.nextEventStartsAt.toISOString() } : null,
		agenciesWithoutRepresentative: can(facts.membership, 'members.read') ? facts.agencies.filter((a) => !a.hasRepresentative).map((a) => a.name) : null
	};
}
