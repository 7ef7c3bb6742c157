import { describe, expect, it } from 'vitest';
import { reviewGlance, tasksFor, type ReviewTaskFacts, type ThreadFacts } from './tasks';
import type { Membership } from './permissions';

const now = new Date('2025-06-10T09:00:00Z');
const at = (iso: string) => new Date(iso);

const chair: Membership = { role: 'chair', agencyId: null };
const police: Membership = { role: 'agency_rep', agencyId: 'police' };
const panel: Membership = { role: 'panel_member', agencyId: null };
const advocate: Membership = { role: 'family_advocate', agencyId: null };

function facts(membership: Membership, change: Partial<ReviewTaskFacts> = {}): ReviewTaskFacts {
	return {
		reviewId: 'r1',
		reviewTitle: 'Adult A',
		membership,
		materialDeleted: false,
		// Decision made, report due on 1 November 2025: nothing due within 14 days.
		dates: { notifiedOn: '2025-04-01', decisionOn: '2025-05-01' },
		extensions: [],
		agencies: [
			{ id: 'police', name: 'Northmoor Police', createdAt: at('2025-04-02T10:00:00Z'), hasRepresentative: true },
			{ id: 'gp', name: 'Riverside GP Practice', createdAt: at('2025-04-02T10:00:00Z'), hasRepresentative: true }
		],
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
		...change
	};
}

const kinds = (userId: string, review: ReviewTaskFacts) => tasksFor(userId, [review], now).map((task) => task.kind);

describe('sign-off tasks for an agency representative', () => {
	const round = { openedAt: '2025-06-01T10:00:00.000Z' };

	it('asks for the agency’s confirmation once a round opens, linking to its sign-off page, and not after it confirms', () => {
		const [task] = tasksFor('u-police', [facts(police, { round, signoffs: [{ agencyId: 'police', status: 'not_started', decision: null, at: null, answer: null }] })], now);
		expect(task).toMatchObject({ kind: 'signoff_requested', reviewId: 'r1', reviewTitle: 'Adult A', since: round.openedAt, link: '/reviews/r1/signoff/police' });
		expect(task.why).toContain('Northmoor Police');
		expect(kinds('u-police', facts(police, { round, signoffs: [{ agencyId: 'police', status: 'confirmed', decision: 'confirm', at: '2025-06-02T10:00:00.000Z', answer: null }] }))).toEqual([]);
		expect(kinds('u-police', facts(police))).toEqual([]);
	});

	it('says when the agency’s confirmation is out of date', () => {
		expect(kinds('u-police', facts(police, { round, signoffs: [{ agencyId: 'police', status: 'stale', decision: 'confirm', at: '2025-06-02T10:00:00.000Z', answer: null }] }))).toEqual(['signoff_out_of_date']);
	});

	it('shows the chair’s answer to the agency’s dispute until the representative opens the sign-off page', () => {
		const answered = { round, signoffs: [{ agencyId: 'police', status: 'disputed' as const, decision: 'dispute' as const, at: '2025-06-02T10:00:00.000Z', answer: { kind: 'disagreement' as const, at: '2025-06-03T10:00:00.000Z' } }] };
		const [task] = tasksFor('u-police', [facts(police, answered)], now);
		expect(task).toMatchObject({ kind: 'dispute_answered', since: '2025-06-03T10:00:00.000Z', link: '/reviews/r1/signoff/police' });
		expect(task.why).toContain('area of disagreement');
		expect(kinds('u-police', facts(police, { ...answered, signoffPageSeenAt: { police: at('2025-06-04T10:00:00Z') } }))).toEqual([]);
	});

	it('gives nothing once the report is final, nor to a representative of another agency', () => {
		const requested = { round, signoffs: [{ agencyId: 'police', status: 'not_started' as const, decision: null, at: null, answer: null }] };
		expect(kinds('u-police', facts(police, { ...requested, stage: 'final' }))).toEqual([]);
		expect(kinds('u-gp', facts({ role: 'agency_rep', agencyId: 'gp' }, requested))).toEqual(['signoff_requested']);
		expect(tasksFor('u-gp', [facts({ role: 'agency_rep', agencyId: 'gp' }, requested)], now)[0].link).toBe('/reviews/r1/signoff/gp');
	});
});

describe('the chair’s tasks', () => {
	const round = { openedAt: '2025-06-01T10:00:00.000Z' };

	it('a dispute waits for the chair’s answer and leaves once answered', () => {
		const disputed = { agencyId: 'gp', status: 'disputed' as const, decision: 'dispute' as const, at: '2025-06-02T10:00:00.000Z', answer: null };
		const open = tasksFor('u-chair', [facts(chair, { round, signoffs: [disputed, { agencyId: 'police', status: 'confirmed', decision: 'confirm', at: '2025-06-02T10:00:00.000Z', answer: null }] })], now);
		expect(open.map((t) => t.kind)).toEqual(['dispute_to_answer']);
		expect(open[0]).toMatchObject({ link: '/reviews/r1/signoff', since: disputed.at });
		expect(open[0].why).toContain('Riverside GP Practice disputed');
		const answered = facts(chair, { round, signoffs: [{ ...disputed, answer: { kind: 'disagreement', at: '2025-06-03T10:00:00.000Z' } }, { agencyId: 'police', status: 'confirmed', decision: 'confirm', at: '2025-06-02T10:00:00.000Z', answer: null }] });
		expect(kinds('u-chair', answered)).toEqual([]);
	});

	it('counts the sign-offs outstanding while a round is open, naming the agencies', () => {
		const [task] = tasksFor('u-chair', [facts(chair, { round, signoffs: [{ agencyId: 'police', status: 'confirmed', decision: 'confirm', at: '2025-06-02T10:00:00.000Z', answer: null }] })], now);
		expect(task).toMatchObject({ kind: 'signoffs_outstanding', since: round.openedAt, link: '/reviews/r1/signoff' });
		expect(task.why).toBe('1 of 2 agencies have not confirmed the current text: Riverside GP Practice.');
	});

	it('names the agencies without a representative until each has one', () => {
		const agencies = facts(chair).agencies.map((agency) => ({ ...agency, hasRepresentative: agency.id === 'police' }));
		const [task] = tasksFor('u-chair', [facts(chair, { agencies })], now);
		expect(task).toMatchObject({ kind: 'agencies_without_representative', link: '/reviews/r1/members' });
		expect(task.why).toContain('Riverside GP Practice');
		expect(kinds('u-chair', facts(chair))).toEqual([]);
		// The panel member is not the one to find representatives.
		expect(kinds('u-panel', facts(panel, { agencies }))).toEqual([]);
	});

	it('warns of a timescale due within 14 days, then overdue, and not once met', () => {
		// Notified on 1 June: the decision is due on 1 July, 21 days away; 14 days before it is 17 June.
		expect(kinds('u-chair', facts(chair, { dates: { notifiedOn: '2025-06-01', decisionOn: null } }))).toEqual([]);
		const soon = tasksFor('u-chair', [facts(chair, { dates: { notifiedOn: '2025-05-20', decisionOn: null } })], now);
		expect(soon).toHaveLength(1);
		expect(soon[0]).toMatchObject({ kind: 'timescale', dueOn: '2025-06-20', link: '/reviews/r1/timescales' });
		expect(soon[0].why).toBe('Decision to hold a review is due on 20 June 2025.');
		const overdue = tasksFor('u-chair', [facts(chair, { dates: { notifiedOn: '2025-04-20', decisionOn: null } })], now);
		expect(overdue[0].why).toBe('Decision to hold a review was due on 20 May 2025 and is overdue.');
		expect(kinds('u-panel', facts(panel, { dates: { notifiedOn: '2025-04-20', decisionOn: null } }))).toEqual([]);
	});

	it('a family comment waits until the chair has opened the family page after it', () => {
		const familyComments = [{ id: 'c1', recordedAt: at('2025-06-05T10:00:00Z') }];
		expect(kinds('u-chair', facts(chair, { familyComments }))).toEqual(['family_comment']);
		expect(kinds('u-chair', facts(chair, { familyComments, familyPageSeenAt: at('2025-06-04T10:00:00Z') }))).toEqual(['family_comment']);
		expect(kinds('u-chair', facts(chair, { familyComments, familyPageSeenAt: at('2025-06-06T10:00:00Z') }))).toEqual([]);
	});
});

describe('comment tasks', () => {
	const thread = (change: Partial<ThreadFacts> = {}): ThreadFacts => ({
		id: 't1',
		resolved: false,
		readAt: null,
		comments: [
			{ id: 't1', authorId: 'u-panel', authorName: 'Tom Adeyemi', createdAt: at('2025-06-01T10:00:00Z'), mentions: [] },
			{ id: 'c2', authorId: 'u-chair', authorName: 'Helen Marsh', createdAt: at('2025-06-02T10:00:00Z'), mentions: [] }
		],
		...change
	});

	it('a reply to my thread waits until I read the thread or write in it, and links to the thread', () => {
		const [task] = tasksFor('u-panel', [facts(panel, { threads: [thread()] })], now);
		expect(task).toMatchObject({ kind: 'comment_reply', since: '2025-06-02T10:00:00.000Z', link: '/reviews/r1/report#comment-t1' });
		expect(task.why).toBe('Helen Marsh replied to your comment on the report.');
		expect(kinds('u-panel', facts(panel, { threads: [thread({ readAt: at('2025-06-03T10:00:00Z') })] }))).toEqual([]);
		const answered = thread();
		answered.comments.push({ id: 'c3', authorId: 'u-panel', authorName: 'Tom Adeyemi', createdAt: at('2025-06-03T10:00:00Z'), mentions: [] });
		expect(kinds('u-panel', facts(panel, { threads: [answered] }))).toEqual([]);
		// Someone else's thread with no comment of mine is not mine to answer.
		expect(kinds('u-police', facts(police, { threads: [thread()] }))).toEqual([]);
	});

	it('a mention of me waits until I read the thread, and only for me', () => {
		const mentioning = thread();
		mentioning.comments[1].mentions = ['u-police'];
		const [task] = tasksFor('u-police', [facts(police, { threads: [mentioning] })], now);
		expect(task).toMatchObject({ kind: 'mention', link: '/reviews/r1/report#comment-t1', since: '2025-06-02T10:00:00.000Z' });
		expect(task.why).toBe('Helen Marsh mentioned you in a comment on the report.');
		expect(kinds('u-police', facts(police, { threads: [{ ...mentioning, readAt: at('2025-06-02T11:00:00Z') }] }))).toEqual([]);
		// A reply and a mention in one thread are one task.
		expect(kinds('u-panel', facts(panel, { threads: [{ ...mentioning, comments: mentioning.comments.map((c) => (c.id === 'c2' ? { ...c, mentions: ['u-panel'] } : c)) }] }))).toEqual(['mention']);
	});

	it('nothing from the report for someone who cannot read it', () => {
		const mentioning = thread();
		mentioning.comments[1].mentions = ['u-advocate'];
		expect(kinds('u-advocate', facts(advocate, { threads: [mentioning] }))).toEqual([]);
	});
});

describe('learning events', () => {
	const event = {
		id: 'e1',
		startsAt: at('2025-06-12T09:00:00Z'),
		endsAt: at('2025-06-12T12:00:00Z'),
		reflectionClosesAt: at('2025-06-20T17:00:00Z'),
		invitedAt: at('2025-06-01T10:00:00Z'),
		acknowledged: false,
		attended: false,
		contributed: false
	};

	it('an invitation waits until I acknowledge the ground rules, with the event’s date due', () => {
		const [task] = tasksFor('u-police', [facts(police, { events: [event] })], now);
		expect(task).toMatchObject({ kind: 'learning_event', dueOn: '2025-06-12', link: '/reviews/r1/events/e1' });
		expect(task.why).toContain('12 June 2025');
		expect(kinds('u-police', facts(police, { events: [{ ...event, acknowledged: true }] }))).toEqual([]);
	});

	it('after the event, the reflection window waits for someone who did not attend, until they contribute or it closes', () => {
		const after = new Date('2025-06-15T09:00:00Z');
		const [task] = tasksFor('u-police', [facts(police, { events: [event] })], after);
		expect(task).toMatchObject({ kind: 'reflection_window', dueOn: '2025-06-20' });
		expect(tasksFor('u-police', [facts(police, { events: [{ ...event, contributed: true }] })], after)).toEqual([]);
		expect(tasksFor('u-police', [facts(police, { events: [{ ...event, attended: true }] })], after)).toEqual([]);
		expect(tasksFor('u-police', [facts(police, { events: [event] })], new Date('2025-06-21T09:00:00Z'))).toEqual([]);
	});

	it('the family advocate never sees learning events', () => {
		expect(kinds('u-advocate', facts(advocate, { events: [event] }))).toEqual([]);
	});
});

describe('the family advocate', () => {
	it('a version shared with the family waits until the advocate opens it', () => {
		const shared = { id: 's1', sharedAt: at('2025-06-05T10:00:00Z'), opened: false };
		const [task] = tasksFor('u-advocate', [facts(advocate, { familyShares: [shared] })], now);
		expect(task).toMatchObject({ kind: 'family_share', link: '/reviews/r1/family?share=s1', since: '2025-06-05T10:00:00.000Z' });
		expect(task.why).toContain('5 June 2025');
		expect(kinds('u-advocate', facts(advocate, { familyShares: [{ ...shared, opened: true }] }))).toEqual([]);
		// The chair shared it; it is not the chair's task.
		expect(kinds('u-chair', facts(chair, { familyShares: [shared] }))).toEqual([]);
	});
});

describe('across reviews', () => {
	it('a review whose working material was deleted gives no tasks', () => {
		const agencies = facts(chair).agencies.map((agency) => ({ ...agency, hasRepresentative: false }));
		expect(kinds('u-chair', facts(chair, { agencies, materialDeleted: true }))).toEqual([]);
	});

	it('lists by review title, then oldest first, and never puts report content in why', () => {
		const agencies = facts(chair).agencies.map((agency) => ({ ...agency, hasRepresentative: false }));
		const b = facts(chair, { reviewId: 'r2', reviewTitle: 'Adult B', agencies, familyComments: [{ id: 'c', recordedAt: at('2025-01-01T00:00:00Z') }] });
		const a = facts(chair, { agencies });
		const tasks = tasksFor('u-chair', [b, a], now);
		expect(tasks.map((t) => [t.reviewTitle, t.kind])).toEqual([
			['Adult A', 'agencies_without_representative'],
			['Adult B', 'family_comment'],
			['Adult B', 'agencies_without_representative']
		]);
	});
});

describe('the review at a glance', () => {
	it('shows sign-off progress, open disputes, the next event and agencies without a representative, each to those who may see it', () => {
		const agencies = facts(chair).agencies.map((agency) => ({ ...agency, hasRepresentative: agency.id === 'police' }));
		const signoffs = [
			{ agencyId: 'police', status: 'confirmed' as const, decision: 'confirm' as const, at: '2025-06-02T10:00:00.000Z', answer: null },
			{ agencyId: 'gp', status: 'disputed' as const, decision: 'dispute' as const, at: '2025-06-02T10:00:00.000Z', answer: null }
		];
		const nextEventStartsAt = at('2025-06-12T09:00:00Z');
		const glance = reviewGlance({ ...facts(chair, { agencies, signoffs, round: { openedAt: '2025-06-01T10:00:00.000Z' } }), nextEventStartsAt });
		expect(glance).toEqual({ stage: 'draft', signoffProgress: { confirmed: 1, total: 2 }, openDisputes: 1, nextEvent: { startsAt: '2025-06-12T09:00:00.000Z' }, agenciesWithoutRepresentative: ['Riverside GP Practice'] });
		const advocateGlance = reviewGlance({ ...facts(advocate, { agencies, signoffs, round: { openedAt: '2025-06-01T10:00:00.000Z' } }), nextEventStartsAt });
		expect(advocateGlance).toEqual({ stage: 'draft', signoffProgress: null, openDisputes: null, nextEvent: null, agenciesWithoutRepresentative: null });
	});
});

describe('action plan tasks', () => {
	const planActions = [
		{ id: 'late', leadAgencyName: 'Northmoor Police', ownerUserId: 'police-rep', targetDate: '2025-06-09', createdAt: at('2025-01-01T00:00:00Z') },
		{ id: 'soon', leadAgencyName: 'Northmoor Police', ownerUserId: 'police-rep', targetDate: '2025-06-20', createdAt: at('2025-01-01T00:00:00Z') },
		{ id: 'later', leadAgencyName: 'Northmoor Police', ownerUserId: 'police-rep', targetDate: '2025-09-30', createdAt: at('2025-01-01T00:00:00Z') }
	];
	it('the owner sees their overdue and due-soon actions, without the action’s words', () => {
		const tasks = tasksFor('police-rep', [facts(police, { planActions })], now).filter((t) => t.kind.startsWith('action_'));
		expect(tasks.map((t) => t.kind).sort()).toEqual(['action_due_soon', 'action_overdue']);
		const overdue = tasks.find((t) => t.kind === 'action_overdue')!;
		expect(overdue.why).toBe('Your action in the action plan is overdue: it was due on 9 June 2025.');
		expect(overdue.link).toMatch(/action-plan#action-late$/);
	});
	it('the chair sees every agency’s; another member sees none', () => {
		expect(kinds('chair-user', facts(chair, { planActions })).filter((k) => k.startsWith('action_')).sort()).toEqual(['action_due_soon', 'action_overdue']);
		expect(kinds('panel-user', facts(panel, { planActions })).filter((k) => k.startsWith('action_'))).toEqual([]);
	});
});

describe('the journey to publication', () => {
	it('reminds the chair of the quality assurance panel’s areas still to do, and no one else', () => {
		const open = { qaAreasOpen: { count: 2, since: new Date('2025-06-01T10:00:00Z') } };
		const [task] = tasksFor('u-chair', [facts(chair, open)], now).filter((t) => t.kind === 'qa_areas_open');
		expect(task).toMatchObject({ why: '2 areas for final development from the quality assurance panel are still to do.', link: '/reviews/r1/publication/submissions', since: '2025-06-01T10:00:00.000Z' });
		expect(tasksFor('u-panel', [facts({ role: 'panel_member', agencyId: null }, open)], now).filter((t) => t.kind === 'qa_areas_open')).toEqual([]);
		expect(tasksFor('u-chair', [facts(chair, { qaAreasOpen: { count: 0, since: now } })], now).filter((t) => t.kind === 'qa_areas_open')).toEqual([]);
	});
});

describe('information request and IMR tasks (issue 20)', () => {
	const sentAt = at('2025-06-01T09:00:00Z');
	const request = { agencyId: 'police', sentAt, dueOn: '2025-06-20', answered: false, late: false };
	const imr = { agencyId: 'police', status: 'requested' as const, dueOn: '2025-06-20', updatedAt: sentAt, authorDeclared: false };

	it('the agency’s representative answers the request, then owes the IMR until it is submitted', () => {
		const [task] = tasksFor('u-police', [facts(police, { requests: [request], imrs: [imr] })], now);
		expect(task).toMatchObject({ kind: 'information_request', dueOn: '2025-06-20', link: '/reviews/r1/requests' });
		const answered = facts(police, { requests: [{ ...request, answered: true }], imrs: [imr] });
		expect(tasksFor('u-police', [answered], now).map((t) => [t.kind, t.link])).toEqual([['imr_due', '/reviews/r1/imrs/police']]);
		expect(kinds('u-police', facts(police, { requests: [{ ...request, answered: true }], imrs: [{ ...imr, status: 'submitted' }] }))).toEqual([]);
		// Another agency's representative has nothing to do for it.
		expect(kinds('u-gp', facts({ role: 'agency_rep', agencyId: 'gp' }, { requests: [request], imrs: [imr] }))).toEqual([]);
	});

	it('the senior manager is asked to sign off a draft whose author has declared', () => {
		const draft = { ...imr, status: 'draft' as const, authorDeclared: true };
		const review = facts(police, { requests: [{ ...request, answered: true }], imrs: [draft], seniorManagerOf: ['police'] });
		expect(kinds('u-manager', review)).toEqual(['imr_due', 'imr_to_sign_off']);
		expect(kinds('u-manager', { ...review, imrs: [{ ...draft, authorDeclared: false }] })).toEqual(['imr_due']);
	});

	it('the chair hears which agencies are late, and nobody else does', () => {
		const late = [{ ...request, late: true, dueOn: '2025-06-05' }];
		const [task] = tasksFor('u-chair', [facts(chair, { requests: late })], now);
		expect(task).toMatchObject({ kind: 'requests_late', link: '/reviews/r1/requests' });
		expect(task.why).toContain('Northmoor Police');
		expect(kinds('u-chair', facts(chair, { requests: [request] }))).toEqual([]);
		expect(kinds('u-panel', facts(panel, { requests: late }))).toEqual([]);
	});
});

describe('panel meetings in what needs me (issue 18)', () => {
	const meeting = { id: 'm1', startsAt: at('2025-06-12T09:00:00Z'), invitedAt: at('2025-06-05T10:00:00Z'), circulatedAt: null, agreedAt: null, attended: false, responded: false };

	it('shows an invitation until the meeting is held, then asks those who attended to agree the circulated minutes', () => {
		const [invited] = tasksFor('u-police', [facts(police, { meetings: [meeting] })], now);
		expect(invited).toMatchObject({ kind: 'panel_meeting', link: '/reviews/r1/meetings/m1', dueOn: '2025-06-12' });
		const circulated = { ...meeting, startsAt: at('2025-06-01T09:00:00Z'), circulatedAt: at('2025-06-09T09:00:00Z') };
		expect(kinds('u-police', facts(police, { meetings: [{ ...circulated, attended: true }] }))).toEqual(['minutes_to_agree']);
		expect(kinds('u-police', facts(police, { meetings: [{ ...circulated, attended: false }] }))).toEqual([]);
		expect(kinds('u-police', facts(police, { meetings: [{ ...circulated, attended: true, responded: true }] }))).toEqual([]);
	});

	it('gives the owner of an open action a task due on its date, linking to the action', () => {
		const [task] = tasksFor('u-police', [facts(police, { meetingActions: [{ id: 'a1', meetingId: 'm1', meetingStartsAt: at('2025-06-01T09:00:00Z'), dueOn: '2025-06-20', createdAt: at('2025-06-01T10:00:00Z') }] })], now);
		expect(task).toMatchObject({ kind: 'meeting_action', dueOn: '2025-06-20', link: '/reviews/r1/meetings/m1#action-a1' });
		expect(task.why).toContain('20 June 2025');
	});

	it('never shows meetings to the family advocate', () => {
		expect(kinds('u-advocate', facts(advocate, { meetings: [meeting] }))).toEqual([]);
	});
});
