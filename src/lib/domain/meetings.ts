/**
 * Panel meetings (issue 18): the chair leads the panel through the review live, and the
 * minutes, decisions and actions are recorded as they happen. Pure: kinds, what an agenda
 * item may link to, the checks on a plan, attendance from presence and the chair's
 * corrections, and when circulated minutes are agreed.
 */
import type { TimedStep } from './agenda-clock';
import { isIsoDate, type IsoDate } from './dates';

export const meetingKinds = ['terms', 'agency_presentations', 'analysis', 'draft_report', 'other'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetingKindLabels: Record<MeetingKind, string> = {
	terms: 'Set-up and terms of reference',
	agency_presentations: 'Agency presentations',
	analysis: 'Analysis',
	draft_report: 'Draft report',
	other: 'Other'
};

export function isMeetingKind(value: unknown): value is MeetingKind {
	return typeof value === 'string' && (meetingKinds as readonly string[]).includes(value);
}

/**
 * What an agenda item can point at: a kind and the id of the thing in this review. A new
 * kind (key lines of enquiry and IMRs, with issue 20) is one entry here and one resolver
 * in server/meeting-links.ts; the table stores any kind as text.
 */
export const agendaLinkKinds = ['entry', 'episode', 'section', 'recommendation', 'key_line', 'imr'] as const;
export type AgendaLinkKind = (typeof agendaLinkKinds)[number];

export const agendaLinkKindLabels: Record<AgendaLinkKind, string> = {
	entry: 'Chronology entry',
	episode: 'Key practice episode',
	section: 'Report section',
	recommendation: 'Recommendation',
	key_line: 'Key line of enquiry',
	imr: 'Individual management review'
};

export function isAgendaLinkKind(value: unknown): value is AgendaLinkKind {
	return typeof value === 'string' && (agendaLinkKinds as readonly string[]).includes(value);
}

/** One link of an agenda item as shown: resolved against the review now, or removed since. */
export interface AgendaLinkView {
	id: string;
	kind: string;
	targetId: string;
	label: string;
	/** The thing it points at no longer exists: shown as removed, never as an error. */
	removed: boolean;
	/** Where to read it in the workspace, when it still exists. */
	href: string | null;
	/** Its words, for the paper shown under the item (a chronology entry's summary). */
	text: string;
}

export interface MeetingAgendaItem extends TimedStep {
	id: string;
	presenterId: string | null;
}

export const maxItemMinutes = 240;
export const meetingTitleMaxLength = 120;

export interface MeetingPlan {
	title: string;
	kind: string;
	startsAt: Date | null;
	link: string;
}

/** The first problem with a plan, or null: a meeting in the past is refused. */
export function meetingPlanProblem(plan: MeetingPlan, now: Date): { field: string; message: string } | null {
	if (!plan.title.trim()) return { field: 'title', message: 'Enter a title, for example “Panel meeting 2: agency presentations”' };
	if (plan.title.trim().length > meetingTitleMaxLength) return { field: 'title', message: `Keep the title to ${meetingTitleMaxLength} characters or fewer` };
	if (!isMeetingKind(plan.kind)) return { field: 'kind', message: 'Choose the kind of meeting' };
	if (!plan.startsAt) return { field: 'startsAt', message: 'Enter the date and time the meeting starts' };
	if (plan.startsAt.getTime() <= now.getTime()) return { field: 'startsAt', message: 'The meeting must start in the future' };
	if (plan.link.trim().length > 500) return { field: 'link', message: 'Keep the call link or venue to 500 characters or fewer' };
	return null;
}

export function agendaItemProblem(item: { title: string; minutes: number }): { field: string; message: string } | null {
	if (!item.title.trim()) return { field: 'itemTitle', message: 'Enter the agenda item’s title' };
	if (item.title.trim().length > 200) return { field: 'itemTitle', message: 'Keep the item’s title to 200 characters or fewer' };
	if (!Number.isInteger(item.minutes) || item.minutes < 1 || item.minutes > maxItemMinutes) return { field: 'itemMinutes', message: `An item must last between 1 and ${maxItemMinutes} minutes` };
	return null;
}

// ---- Attendance ----

export const attendanceKinds = ['present', 'apologies', 'represented', 'absent'] as const;
export type Attendance = (typeof attendanceKinds)[number];

export const attendanceLabels: Record<Attendance, string> = {
	present: 'Present',
	apologies: 'Apologies',
	represented: 'Represented',
	absent: 'Absent'
};

export function isAttendance(value: unknown): value is Attendance {
	return typeof value === 'string' && (attendanceKinds as readonly string[]).includes(value);
}

export interface AttendeeFacts {
	userId: string;
	/** When presence first showed them in the meeting while it ran. */
	seenAt: Date | null;
	/** The chair's correction, which always wins over presence. */
	corrected: Attendance | null;
	representedBy: string;
}

export interface AttendanceLine {
	userId: string;
	attendance: Attendance;
	/** Whether the chair set it, or presence did. */
	source: 'chair' | 'presence';
	representedBy: string;
}

/**
 * The attendance record: the chair's correction where there is one, else present when
 * presence saw them and absent when it did not (before the meeting starts, nobody is
 * absent yet: `held` says whether it has).
 */
export function attendanceRecord(attendees: AttendeeFacts[], held: boolean): AttendanceLine[] {
	return attendees.flatMap((a): AttendanceLine[] => {
		if (a.corrected) return [{ userId: a.userId, attendance: a.corrected, source: 'chair', representedBy: a.corrected === 'represented' ? a.representedBy : '' }];
		if (a.seenAt) return [{ userId: a.userId, attendance: 'present', source: 'presence', representedBy: '' }];
		return held ? [{ userId: a.userId, attendance: 'absent', source: 'presence', representedBy: '' }] : [];
	});
}

export function attendanceCorrectionProblem(attendance: string, representedBy: string): string | null {
	if (!isAttendance(attendance)) return 'Choose present, apologies, represented or absent';
	if (attendance === 'represented' && !representedBy.trim()) return 'Enter who represented them';
	if (representedBy.trim().length > 120) return 'Keep the name to 120 characters or fewer';
	return null;
}

/** Who may agree the minutes: those who were there (present). */
export function attendeesOf(record: AttendanceLine[]): string[] {
	return record.filter((line) => line.attendance === 'present').map((line) => line.userId);
}

// ---- Decisions and actions ----

export const maxDecisionLength = 1_000;

export function decisionProblem(text: string): string | null {
	if (!text.trim()) return 'Write the decision, for example “The panel agreed the terms of reference”';
	if (text.trim().length > maxDecisionLength) return `Keep a decision to ${maxDecisionLength.toLocaleString('en-GB')} characters or fewer`;
	return null;
}

export function actionProblem(action: { text: string; dueOn: string }, today: IsoDate): { field: string; message: string } | null {
	if (!action.text.trim()) return { field: 'actionText', message: 'Write what is to be done' };
	if (action.text.trim().length > maxDecisionLength) return { field: 'actionText', message: `Keep an action to ${maxDecisionLength.toLocaleString('en-GB')} characters or fewer` };
	if (!isIsoDate(action.dueOn)) return { field: 'actionDueOn', message: 'Enter the date it is due by' };
	if (action.dueOn < today) return { field: 'actionDueOn', message: 'The due date must be today or later' };
	return null;
}

/**
 * The minutes never name the people who gave accounts at learning events: the names of
 * a review's guest practitioners found in a text (whole words, any case). The caller says
 * only that one was found, never which, since not everyone may know who the guests are.
 */
export function namesGuests(text: string, guestNames: string[]): boolean {
	const haystack = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
	return guestNames.some((name) => {
		const needle = name.trim().toLowerCase().replace(/\s+/g, ' ');
		if (needle.length < 3) return false;
		const at = haystack.indexOf(needle);
		if (at < 0) return false;
		const before = haystack[at - 1] ?? ' ';
		const after = haystack[at + needle.length] ?? ' ';
		return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
	});
}

export const namesGuestsMessage = 'The minutes must not name the practitioners who gave accounts at learning events: describe them by role and agency instead.';

// ---- Agreeing the minutes ----

export type MinutesStatus = 'draft' | 'circulated' | 'agreed';

export interface MinutesResponse {
	userId: string;
	decision: 'confirm' | 'comment';
	comment: string;
	at: Date;
}

/** Circulated minutes are agreed once every attendee has confirmed them (a comment holds them open). */
export function minutesAgreed(attendees: string[], responses: MinutesResponse[]): boolean {
	if (attendees.length === 0) return false;
	const confirmed = new Set(responses.filter((r) => r.decision === 'confirm').map((r) => r.userId));
	return attendees.every((id) => confirmed.has(id));
}

export const meetingStatuses = ['planned', 'circulated', 'agreed'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetingStatusLabels: Record<MeetingStatus, string> = {
	planned: 'Planned',
	circulated: 'Minutes circulated',
	agreed: 'Minutes agreed'
};

export function meetingStatus(meeting: { circulatedAt: Date | null; agreedAt: Date | null }): MeetingStatus {
	return meeting.agreedAt ? 'agreed' : meeting.circulatedAt ? 'circulated' : 'planned';
}

/** Fragment of the meeting document holding one agenda item's minutes (TipTap on Yjs). */
export function minutesFragmentName(itemId: string): string {
	return `minutes:${itemId}`;
}

/** What a meeting page shows while someone presents: the current item and what is in focus. */
export interface MeetingLive {
	phaseIndex: number;
	phaseStartedAt: string | null;
	/** The agenda link in focus: `<kind>:<targetId>`, or null. */
	focus: string | null;
}
