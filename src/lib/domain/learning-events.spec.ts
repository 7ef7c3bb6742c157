import { describe, expect, it } from 'vitest';
import {
	agendaMinutes,
	agendaProblems,
	contributionProblem,
	contributionTiming,
	defaultAgenda,
	eventKinds,
	formatCountdown,
	invitationProblem,
	movePhase,
	notStarted,
	phaseClock
} from './learning-events';

const at = (time: string) => new Date(`2026-11-23T${time}:00Z`);

describe('learning event agenda and phase clock', () => {
	it('every kind has a default agenda that starts with the ground rules and passes its own checks', () => {
		for (const kind of eventKinds) {
			const agenda = defaultAgenda(kind);
			expect(agenda[0].title).toMatch(/ground rules/);
			expect(agendaProblems(agenda)).toEqual([]);
		}
		expect(defaultAgenda('practitioner').some((phase) => phase.key === 'good-practice')).toBe(true);
		expect(agendaMinutes(defaultAgenda('practitioner'))).toBe(140);
		expect(agendaProblems([])).toEqual(['The agenda needs at least one phase']);
		expect(agendaProblems([{ key: 'a', title: ' ', minutes: 0, purpose: '' }])).toEqual(['Give phase 1 a title', 'Phase 1 must last between 1 and 240 minutes']);
	});

	it('counts down the current phase, then counts the overrun', () => {
		const agenda = defaultAgenda('practitioner');
		expect(phaseClock(agenda, notStarted, at('10:00')).stage).toBe('not_started');
		const first = movePhase(agenda, notStarted, 1, at('10:00'));
		expect(first).toEqual({ phaseIndex: 0, phaseStartedAt: at('10:00').toISOString(), focusEpisodeId: null });
		const running = phaseClock(agenda, first, new Date(at('10:00').getTime() + 65_000));
		expect(running).toMatchObject({ stage: 'running', phaseIndex: 0, remainingSeconds: 10 * 60 - 65, overrunSeconds: 0 });
		expect(formatCountdown(running)).toBe('8:55');
		const over = phaseClock(agenda, first, at('10:12'));
		expect(over).toMatchObject({ remainingSeconds: 0, overrunSeconds: 120 });
		expect(formatCountdown(over)).toBe('over by 2:00');
	});

	it('moving phases restarts the clock, and stops at the start and the end', () => {
		const agenda = defaultAgenda('recall');
		expect(movePhase(agenda, notStarted, -1, at('10:00'))).toBe(notStarted);
		let live = notStarted;
		for (let i = 0; i < agenda.length; i++) live = movePhase(agenda, live, 1, at('10:00'));
		expect(live.phaseIndex).toBe(agenda.length - 1);
		const ended = movePhase(agenda, live, 1, at('11:00'));
		expect(ended).toMatchObject({ phaseIndex: agenda.length, phaseStartedAt: null });
		expect(phaseClock(agenda, ended, at('11:00')).stage).toBe('ended');
		expect(movePhase(agenda, ended, 1, at('11:05'))).toBe(ended);
		expect(movePhase(agenda, ended, -1, at('11:05'))).toMatchObject({ phaseIndex: agenda.length - 1, phaseStartedAt: at('11:05').toISOString() });
		const withFocus = { ...live, focusEpisodeId: 'e1' };
		expect(movePhase(agenda, withFocus, -1, at('10:30')).focusEpisodeId).toBe('e1');
	});
});

describe('contributions', () => {
	const times = { startsAt: at('10:00'), endsAt: at('12:00'), reflectionClosesAt: at('18:00') };

	it('are marked before, at or after the event, and refused once the reflection window closes', () => {
		expect(contributionTiming(times, at('09:00'))).toEqual({ ok: true, timing: 'before' });
		expect(contributionTiming(times, at('11:00'))).toEqual({ ok: true, timing: 'live' });
		expect(contributionTiming(times, at('13:00'))).toEqual({ ok: true, timing: 'after' });
		expect(contributionTiming(times, at('18:01'))).toMatchObject({ ok: false, reason: /reflection window .* closed/ });
		expect(contributionTiming({ ...times, reflectionClosesAt: null }, at('12:01'))).toMatchObject({ ok: false, reason: /no reflection window/ });
	});

	it('are at the event while the moderator has it running, even early or overrunning, but not for ever', () => {
		const noReflection = { ...times, reflectionClosesAt: null };
		expect(contributionTiming(noReflection, at('09:45'), 'running')).toEqual({ ok: true, timing: 'live' });
		expect(contributionTiming(noReflection, at('12:30'), 'running')).toEqual({ ok: true, timing: 'live' });
		expect(contributionTiming(noReflection, at('14:01'), 'running')).toMatchObject({ ok: false });
		expect(contributionTiming(noReflection, at('09:45'), 'ended')).toEqual({ ok: true, timing: 'before' });
	});

	it('must have words and stay short', () => {
		expect(contributionProblem('  ')).toBe('Write your contribution');
		expect(contributionProblem('x'.repeat(1_001))).toMatch(/1,000 characters/);
		expect(contributionProblem('The referral form was hard to find.')).toBeNull();
	});
});

describe('invitations', () => {
	it('work once, until they expire', () => {
		expect(invitationProblem({ expiresAt: at('12:00'), usedAt: null }, at('11:00'))).toBeNull();
		expect(invitationProblem({ expiresAt: at('12:00'), usedAt: at('10:00') }, at('11:00'))).toMatch(/already been used/);
		expect(invitationProblem({ expiresAt: at('12:00'), usedAt: null }, at('12:01'))).toMatch(/expired/);
	});
});
