import { describe, expect, it } from 'vitest';
import { formatCountdown, moveToPhase, movePhase, phaseClock } from './agenda-clock';

const agenda = [
	{ title: 'Welcome', minutes: 5 },
	{ title: 'Police chronology', minutes: 20 },
	{ title: 'Actions', minutes: 10 }
];
const at = (iso: string) => new Date(iso);

describe('the agenda clock shared by learning events and panel meetings', () => {
	it('has not started before the first item, and counts down the current item from when it was reached', () => {
		expect(phaseClock(agenda, { phaseIndex: -1, phaseStartedAt: null }, at('2026-03-03T10:00:00Z')).stage).toBe('not_started');
		const clock = phaseClock(agenda, { phaseIndex: 1, phaseStartedAt: '2026-03-03T10:05:00Z' }, at('2026-03-03T10:12:30Z'));
		expect(clock).toMatchObject({ stage: 'running', phaseIndex: 1, remainingSeconds: 12 * 60 + 30, overrunSeconds: 0 });
		expect(clock.phase?.title).toBe('Police chronology');
		expect(formatCountdown(clock)).toBe('12:30');
	});

	it('shows the overrun once an item takes longer than planned', () => {
		const clock = phaseClock(agenda, { phaseIndex: 0, phaseStartedAt: '2026-03-03T10:00:00Z' }, at('2026-03-03T10:06:15Z'));
		expect(clock).toMatchObject({ remainingSeconds: 0, overrunSeconds: 75 });
		expect(formatCountdown(clock)).toBe('over by 1:15');
	});

	it('restarts the clock on moving, and stops at the start and the end', () => {
		const now = at('2026-03-03T10:30:00Z');
		const started = movePhase(agenda, { phaseIndex: -1, phaseStartedAt: null, focus: 'entry:e1' }, 1, now);
		expect(started).toEqual({ phaseIndex: 0, phaseStartedAt: now.toISOString(), focus: 'entry:e1' });
		const ended = moveToPhase(agenda, started, 3, now);
		expect(ended.phaseIndex).toBe(3);
		expect(ended.phaseStartedAt).toBeNull();
		expect(phaseClock(agenda, ended, now).stage).toBe('ended');
		expect(moveToPhase(agenda, ended, 9, now)).toBe(ended);
		expect(movePhase(agenda, { phaseIndex: -1, phaseStartedAt: null }, -1, now).phaseIndex).toBe(-1);
	});

	it('jumps to an item out of order, restarting its time', () => {
		const now = at('2026-03-03T10:40:00Z');
		const jumped = moveToPhase(agenda, { phaseIndex: 0, phaseStartedAt: '2026-03-03T10:00:00Z' }, 2, now);
		expect(phaseClock(agenda, jumped, now)).toMatchObject({ phaseIndex: 2, remainingSeconds: 600 });
	});
});
