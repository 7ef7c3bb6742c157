/**
 * The clock of a live agenda, shared by learning events (issue 7) and panel meetings
 * (issue 18): who runs it moves through the agenda, each step's time starts when it is
 * reached, and everyone sees how long is left. Pure; the live state is kept in the
 * event's or meeting's Yjs document (collab/live-state.ts).
 */

/** Anything on a timed agenda: a learning event's phase, a meeting's item. */
export interface TimedStep {
	title: string;
	minutes: number;
}

/** Where a live agenda is: the step reached and when. */
export interface AgendaPosition {
	/** -1 before it starts; agenda.length once it has ended. */
	phaseIndex: number;
	phaseStartedAt: string | null;
}

export interface PhaseClock<S extends TimedStep = TimedStep> {
	stage: 'not_started' | 'running' | 'ended';
	phase: S | null;
	phaseIndex: number;
	/** Seconds left in the step (0 once over time). */
	remainingSeconds: number;
	/** Seconds beyond the step's time, once it runs over. */
	overrunSeconds: number;
}

export function phaseClock<S extends TimedStep>(agenda: S[], live: AgendaPosition, now: Date): PhaseClock<S> {
	if (live.phaseIndex < 0 || agenda.length === 0) return { stage: 'not_started', phase: null, phaseIndex: -1, remainingSeconds: 0, overrunSeconds: 0 };
	if (live.phaseIndex >= agenda.length) return { stage: 'ended', phase: null, phaseIndex: agenda.length, remainingSeconds: 0, overrunSeconds: 0 };
	const phase = agenda[live.phaseIndex];
	const started = live.phaseStartedAt ? Date.parse(live.phaseStartedAt) : now.getTime();
	const elapsed = Math.max(0, Math.floor((now.getTime() - started) / 1000));
	const total = phase.minutes * 60;
	return { stage: 'running', phase, phaseIndex: live.phaseIndex, remainingSeconds: Math.max(0, total - elapsed), overrunSeconds: Math.max(0, elapsed - total) };
}

/** Moves to the next (+1) or previous (-1) step, restarting its clock; clamped to before the start and the end. */
export function movePhase<L extends AgendaPosition>(agenda: unknown[], live: L, direction: 1 | -1, now: Date): L {
	return moveToPhase(agenda, live, live.phaseIndex + direction, now);
}

/** Jumps to one step (the presenter picks an item out of order), restarting its clock. */
export function moveToPhase<L extends AgendaPosition>(agenda: unknown[], live: L, index: number, now: Date): L {
	const phaseIndex = Math.min(Math.max(index, -1), agenda.length);
	if (phaseIndex === live.phaseIndex) return live;
	return { ...live, phaseIndex, phaseStartedAt: phaseIndex >= 0 && phaseIndex < agenda.length ? now.toISOString() : null };
}

/** "12:05", or "over by 1:30" once the step runs over. */
export function formatCountdown(clock: PhaseClock): string {
	const format = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
	if (clock.stage !== 'running') return '';
	return clock.overrunSeconds > 0 ? `over by ${format(clock.overrunSeconds)}` : format(clock.remainingSeconds);
}
