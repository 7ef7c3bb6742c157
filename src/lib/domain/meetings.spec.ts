import { describe, expect, it } from 'vitest';
import { actionProblem, attendanceCorrectionProblem, attendanceRecord, attendeesOf, meetingPlanProblem, meetingStatus, minutesAgreed, namesGuests } from './meetings';

const now = new Date('2026-03-01T12:00:00Z');

describe('scheduling a meeting', () => {
	it('refuses a meeting in the past, with a message that says so', () => {
		expect(meetingPlanProblem({ title: 'Panel 2', kind: 'analysis', startsAt: new Date('2026-02-28T10:00:00Z'), link: '' }, now)).toEqual({ field: 'startsAt', message: 'The meeting must start in the future' });
		expect(meetingPlanProblem({ title: 'Panel 2', kind: 'analysis', startsAt: new Date('2026-03-02T10:00:00Z'), link: 'https://meet.example/abc' }, now)).toBeNull();
	});

	it('needs a title and a known kind', () => {
		expect(meetingPlanProblem({ title: ' ', kind: 'analysis', startsAt: new Date('2026-03-02T10:00:00Z'), link: '' }, now)?.field).toBe('title');
		expect(meetingPlanProblem({ title: 'Panel', kind: 'party', startsAt: new Date('2026-03-02T10:00:00Z'), link: '' }, now)?.field).toBe('kind');
	});
});

describe('attendance, from presence and the chair’s corrections', () => {
	const seen = new Date('2026-03-03T10:02:00Z');
	const attendees = [
		{ userId: 'police', seenAt: seen, corrected: null, representedBy: '' },
		{ userId: 'health', seenAt: null, corrected: null, representedBy: '' },
		{ userId: 'housing', seenAt: null, corrected: 'represented' as const, representedBy: 'J. Patel' },
		{ userId: 'panel', seenAt: seen, corrected: 'apologies' as const, representedBy: 'ignored' }
	];

	it('counts those presence saw as present, and those it did not as absent once the meeting is held', () => {
		const record = attendanceRecord(attendees, true);
		expect(record.find((l) => l.userId === 'police')).toEqual({ userId: 'police', attendance: 'present', source: 'presence', representedBy: '' });
		expect(record.find((l) => l.userId === 'health')).toMatchObject({ attendance: 'absent', source: 'presence' });
	});

	it('lets the chair’s correction win over presence, keeping who represented someone', () => {
		const record = attendanceRecord(attendees, true);
		expect(record.find((l) => l.userId === 'housing')).toEqual({ userId: 'housing', attendance: 'represented', source: 'chair', representedBy: 'J. Patel' });
		expect(record.find((l) => l.userId === 'panel')).toEqual({ userId: 'panel', attendance: 'apologies', source: 'chair', representedBy: '' });
	});

	it('marks nobody absent before the meeting is held', () => {
		expect(attendanceRecord(attendees, false).map((l) => l.userId)).toEqual(['police', 'housing', 'panel']);
	});

	it('asks only those present to agree the minutes', () => {
		expect(attendeesOf(attendanceRecord(attendees, true))).toEqual(['police']);
	});

	it('needs a name for a representative', () => {
		expect(attendanceCorrectionProblem('represented', ' ')).toBe('Enter who represented them');
		expect(attendanceCorrectionProblem('late', '')).toBe('Choose present, apologies, represented or absent');
		expect(attendanceCorrectionProblem('apologies', '')).toBeNull();
	});
});

describe('agreeing the minutes', () => {
	const at = new Date('2026-03-10T09:00:00Z');
	it('agrees them once every attendee has confirmed; a comment holds them open', () => {
		expect(minutesAgreed(['a', 'b'], [{ userId: 'a', decision: 'confirm', comment: '', at }])).toBe(false);
		expect(minutesAgreed(['a', 'b'], [{ userId: 'a', decision: 'confirm', comment: '', at }, { userId: 'b', decision: 'comment', comment: 'Item 2 is wrong', at }])).toBe(false);
		expect(minutesAgreed(['a', 'b'], [{ userId: 'a', decision: 'confirm', comment: '', at }, { userId: 'b', decision: 'confirm', comment: '', at }])).toBe(true);
		expect(minutesAgreed([], [])).toBe(false);
	});

	it('gives the status in the users’ words', () => {
		expect(meetingStatus({ circulatedAt: null, agreedAt: null })).toBe('planned');
		expect(meetingStatus({ circulatedAt: at, agreedAt: null })).toBe('circulated');
		expect(meetingStatus({ circulatedAt: at, agreedAt: at })).toBe('agreed');
	});
});

describe('decisions and actions', () => {
	it('needs an action’s due date, today or later', () => {
		expect(actionProblem({ text: 'Send the policy', dueOn: '2026-02-27' }, '2026-03-01')?.field).toBe('actionDueOn');
		expect(actionProblem({ text: 'Send the policy', dueOn: '2026-03-01' }, '2026-03-01')).toBeNull();
		expect(actionProblem({ text: '', dueOn: '2026-03-05' }, '2026-03-01')?.field).toBe('actionText');
	});

	it('finds a guest practitioner’s name as a whole name, in any case, and not inside other words', () => {
		expect(namesGuests('We heard from alex  guest about the visit.', ['Alex Guest'])).toBe(true);
		expect(namesGuests('The health visitor described the visit.', ['Alex Guest'])).toBe(false);
		expect(namesGuests('Alexander Guesting spoke.', ['Alex Guest'])).toBe(false);
	});
});
