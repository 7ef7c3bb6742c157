/**
 * Learning events (issue 7): practitioner, managers' and recall events run by a
 * moderator, following systems methods (SCIE "Learning Together": key practice
 * episodes, local rationality, contributory factors; SILP: good practice counts as
 * learning, a later recall event tests the draft). Pure: the agenda, the phase
 * clock, when contributions are taken, and the checks on them.
 */

import type { AgendaPosition, PhaseClock as Clock } from './agenda-clock';

export const eventKinds = ['practitioner', 'managers', 'recall'] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventKindLabels: Record<EventKind, string> = {
	practitioner: 'Practitioner event',
	managers: 'Managers’ event',
	recall: 'Recall event (testing the draft findings)'
};

export function isEventKind(value: unknown): value is EventKind {
	return typeof value === 'string' && (eventKinds as readonly string[]).includes(value);
}

export interface AgendaPhase {
	key: string;
	title: string;
	minutes: number;
	/** What the phase is for, shown to everyone while it runs. */
	purpose: string;
}

export const maxPhaseMinutes = 240;

/** The default agenda for each kind of event; the moderator can change any of it. */
export function defaultAgenda(kind: EventKind): AgendaPhase[] {
	const welcome: AgendaPhase = { key: 'welcome', title: 'Welcome and ground rules', minutes: 10, purpose: 'Who is here, why we are meeting, and how we will talk: to learn, not to blame.' };
	const close: AgendaPhase = { key: 'close', title: 'Close and next steps', minutes: 10, purpose: 'What happens to what was said today, and how to add anything you think of later.' };
	if (kind === 'recall') {
		return [
			welcome,
			{ key: 'draft', title: 'The draft findings', minutes: 20, purpose: 'The panel presents its draft findings and the learning it has drawn.' },
			{ key: 'test', title: 'Does this ring true?', minutes: 40, purpose: 'Does each finding match how things looked and worked in practice? What is missing?' },
			{ key: 'next-time', title: 'What would make a difference', minutes: 20, purpose: 'Which changes would help most, and what would get in their way.' },
			close
		];
	}
	return [
		welcome,
		{ key: 'scene', title: 'Setting the scene', minutes: 15, purpose: 'A short account of the contact agencies had, from the agency reports shared beforehand.' },
		{ key: 'at-the-time', title: 'Key practice episodes: how it looked at the time', minutes: 45, purpose: 'For each episode: what did you know then, and what made the action taken seem sensible at the time?' },
		{ key: 'factors', title: 'What helped and what got in the way', minutes: 30, purpose: 'The contributory factors: workload, tools, information sharing, supervision, the wider system.' },
		{ key: 'good-practice', title: 'Good practice', minutes: 10, purpose: 'What went well and should be kept and shared.' },
		{ key: 'next-time', title: 'What would make a difference next time', minutes: 20, purpose: 'Ideas for change, from the people who do the work.' },
		close
	];
}

export const groundRules: { title: string; text: string }[] = [
	{ title: 'We are here to learn, not to blame', text: 'The review looks at how the system worked, not at who was at fault. No one will be disciplined for what they say here.' },
	{ title: 'What is said here stays here', text: 'Keep what you hear confidential. The event record names no practitioners; it gives roles and agencies only.' },
	{ title: 'Beware of hindsight', text: 'We know how this ended; you did not at the time. Talk about what you knew and how things looked then.' },
	{ title: 'Every account is valid', text: 'People saw different parts of the picture. Listen to understand, and let everyone speak.' }
];

export const contributionPrompts = [
	{ key: 'at-the-time', label: 'How did it look at the time?' },
	{ key: 'helped', label: 'What helped?' },
	{ key: 'got-in-the-way', label: 'What got in the way?' },
	{ key: 'next-time', label: 'What would make a difference next time?' },
	{ key: 'good-practice', label: 'Good practice' }
] as const;
export type PromptKey = (typeof contributionPrompts)[number]['key'];

export function isPromptKey(value: unknown): value is PromptKey {
	return contributionPrompts.some((prompt) => prompt.key === value);
}

export function promptLabel(key: string): string {
	return contributionPrompts.find((prompt) => prompt.key === key)?.label ?? key;
}

export function agendaMinutes(agenda: AgendaPhase[]): number {
	return agenda.reduce((total, phase) => total + phase.minutes, 0);
}

export function agendaProblems(agenda: AgendaPhase[]): string[] {
	const problems: string[] = [];
	if (agenda.length === 0) problems.push('The agenda needs at least one phase');
	for (const [index, phase] of agenda.entries()) {
		if (!phase.title.trim()) problems.push(`Give phase ${index + 1} a title`);
		if (!Number.isInteger(phase.minutes) || phase.minutes < 1 || phase.minutes > maxPhaseMinutes) problems.push(`Phase ${index + 1} must last between 1 and ${maxPhaseMinutes} minutes`);
	}
	return problems;
}

/** The live state the moderator drives; kept in the event's Yjs document. */
export interface LiveState extends AgendaPosition {
	focusEpisodeId: string | null;
}

export const notStarted: LiveState = { phaseIndex: -1, phaseStartedAt: null, focusEpisodeId: null };

// The agenda's clock is shared with panel meetings (issue 18): one clock, two kinds of agenda.
export { phaseClock, movePhase, formatCountdown, type PhaseClock } from './agenda-clock';

export interface EventTimes {
	startsAt: Date;
	endsAt: Date;
	/** Until when those who could not attend may add reflections; null when the moderator set none. */
	reflectionClosesAt: Date | null;
}

export type ContributionTiming = 'before' | 'live' | 'after';

/** How long past its planned end a running event still takes contributions as "at the event". */
export const overrunAllowanceMs = 2 * 3_600_000;

/**
 * When a contribution made now belongs, or why none can be made. While the moderator
 * has the event running it is "at the event", even if it started early or runs late
 * (up to two hours past its planned end).
 */
export function contributionTiming(times: EventTimes, now: Date, stage: Clock['stage'] = 'not_started'): { ok: true; timing: ContributionTiming } | { ok: false; reason: string } {
	const at = now.getTime();
	if (stage === 'running' && at <= times.endsAt.getTime() + overrunAllowanceMs) return { ok: true, timing: 'live' };
	if (at < times.startsAt.getTime()) return { ok: true, timing: 'before' };
	if (at <= times.endsAt.getTime()) return { ok: true, timing: 'live' };
	if (times.reflectionClosesAt && at <= times.reflectionClosesAt.getTime()) return { ok: true, timing: 'after' };
	return { ok: false, reason: times.reflectionClosesAt ? 'The reflection window for this event has closed.' : 'This event has ended and no reflection window is open.' };
}

export const contributionTimingLabels: Record<ContributionTiming, string> = {
	before: 'Sent before the event',
	live: 'At the event',
	after: 'Reflection after the event'
};

export const maxContributionLength = 1_000;

export function contributionProblem(text: string): string | null {
	const trimmed = text.trim();
	if (!trimmed) return 'Write your contribution';
	if (trimmed.length > maxContributionLength) return `Keep a contribution to ${maxContributionLength.toLocaleString('en-GB')} characters or fewer; add another for more`;
	return null;
}

/** An invitation link works once, until its event's window closes. */
export function invitationProblem(invitation: { expiresAt: Date; usedAt: Date | null }, now: Date): string | null {
	if (invitation.usedAt) return 'This invitation has already been used. Ask the moderator for a new one.';
	if (now.getTime() > invitation.expiresAt.getTime()) return 'This invitation has expired. Ask the moderator for a new one.';
	return null;
}
