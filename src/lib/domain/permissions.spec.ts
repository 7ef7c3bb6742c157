import { describe, expect, it } from 'vitest';
import { can, documentAccess, documentName, eventAccess, guestDescription, meetingAccess, parseDocumentName, refusalOf, reportChanges, reviewRoles, type Membership, type ReviewAction } from './permissions';
import { actionPlanAccess } from './permissions';

const chair: Membership = { role: 'chair', agencyId: null };
const panel: Membership = { role: 'panel_member', agencyId: null };
const police: Membership = { role: 'agency_rep', agencyId: 'police-1' };
const moderator: Membership = { role: 'moderator', agencyId: null };
const advocate: Membership = { role: 'family_advocate', agencyId: null };
const observer: Membership = { role: 'observer', agencyId: null };
const guest: Membership = { role: 'guest', agencyId: null };
const draft = { reportStage: 'draft' } as const;
const final = { reportStage: 'final' } as const;

describe('permissions', () => {
	it('a non-member can do nothing in a review', () => {
		expect(can(null, 'review.read')).toBe(false);
		expect(can(null, 'chronology.read')).toBe(false);
	});

	it('only the chair manages members, timescales and the audit log', () => {
		for (const role of reviewRoles) {
			const member: Membership = { role, agencyId: role === 'agency_rep' ? 'a' : null };
			expect(can(member, 'members.manage')).toBe(role === 'chair');
			expect(can(member, 'timescales.manage')).toBe(role === 'chair');
			expect(can(member, 'audit.read')).toBe(role === 'chair');
		}
	});

	it('the chair keeps the pseudonym register; panel members and the moderator read it; nobody else sees the real names', () => {
		for (const role of reviewRoles) {
			const member: Membership = { role, agencyId: role === 'agency_rep' ? 'a' : null };
			expect(can(member, 'pseudonyms.manage'), role).toBe(role === 'chair');
			expect(can(member, 'pseudonyms.read'), role).toBe(role === 'chair' || role === 'panel_member' || role === 'moderator');
		}
	});

	it('only the moderator and the chair see guest practitioners’ names', () => {
		for (const role of reviewRoles) {
			const member: Membership = { role, agencyId: role === 'agency_rep' ? 'a' : null };
			expect(can(member, 'guests.identify'), role).toBe(role === 'chair' || role === 'moderator');
		}
	});

	it('the family advocate does not read the member list', () => {
		expect(can(advocate, 'members.read')).toBe(false);
		expect(can(observer, 'members.read')).toBe(true);
	});

	it('describes a guest by role and agency, never by name', () => {
		expect(guestDescription({ roleTitle: 'Support worker', agencyLabel: 'Northmoor Housing' })).toBe('Guest practitioner (Support worker, Northmoor Housing)');
		expect(guestDescription({ roleTitle: '', agencyLabel: 'Northmoor Police' })).toBe('Guest practitioner (Northmoor Police)');
		expect(guestDescription({ roleTitle: null, agencyLabel: null })).toBe('Guest practitioner');
	});

	it('an agency representative writes only their own agency’s chronology', () => {
		expect(can(police, 'chronology.write', { agencyId: 'police-1' })).toBe(true);
		expect(can(police, 'chronology.write', { agencyId: 'health-1' })).toBe(false);
		expect(can(police, 'chronology.write')).toBe(false);
	});

	it('an agency representative signs off only for their own agency', () => {
		expect(can(police, 'signoff.confirm', { agencyId: 'police-1' })).toBe(true);
		expect(can(police, 'signoff.confirm', { agencyId: 'health-1' })).toBe(false);
		expect(can(chair, 'signoff.confirm', { agencyId: 'police-1' })).toBe(false);
	});

	it('the family advocate never reads agency records or the working draft', () => {
		expect(can(advocate, 'review.read')).toBe(true);
		expect(can(advocate, 'chronology.read')).toBe(false);
		expect(can(advocate, 'report.read')).toBe(false);
		expect(can(advocate, 'family.read_shared')).toBe(true);
	});

	it('observers and moderators read but do not draft', () => {
		expect(can(observer, 'report.read')).toBe(true);
		expect(can(observer, 'report.write', draft)).toBe(false);
		expect(can(observer, 'comment.write', draft)).toBe(false);
		expect(can(moderator, 'events.run')).toBe(true);
		expect(can(moderator, 'analysis.write')).toBe(false);
	});

	it('a guest has no access to the review itself', () => {
		expect(can(guest, 'review.read')).toBe(false);
		expect(can(guest, 'chronology.read')).toBe(false);
	});
});

describe('collaborative documents', () => {
	it('parses the document names of DESIGN.md and rejects anything else', () => {
		expect(parseDocumentName('review/r1/chronology/a1')).toEqual({ kind: 'chronology', reviewId: 'r1', agencyId: 'a1' });
		expect(parseDocumentName('review/r1/analysis')).toEqual({ kind: 'analysis', reviewId: 'r1' });
		expect(parseDocumentName('review/r1/report')).toEqual({ kind: 'report', reviewId: 'r1' });
		expect(parseDocumentName('review/r1/event/e1')).toEqual({ kind: 'event', reviewId: 'r1', eventId: 'e1' });
		for (const bad of ['', 'review', 'review/r1', 'review/r1/chronology', 'review/../report', 'review/r1/report/x', 'other/r1/report', 'review/r 1/report']) {
			expect(parseDocumentName(bad)).toBeNull();
		}
	});

	it('names documents so that the name parses back to the same document', () => {
		for (const name of ['review/r1/chronology/a1', 'review/r1/analysis', 'review/r1/report', 'review/r1/event/e1']) {
			expect(documentName(parseDocumentName(name)!)).toBe(name);
		}
	});

	it('gives write access by the role table', () => {
		const policeChronology = parseDocumentName('review/r1/chronology/police-1')!;
		const healthChronology = parseDocumentName('review/r1/chronology/health-1')!;
		const report = parseDocumentName('review/r1/report')!;
		expect(documentAccess(police, policeChronology, draft)).toBe('write');
		expect(documentAccess(police, healthChronology, draft)).toBe('read');
		expect(documentAccess(chair, healthChronology, draft)).toBe('write');
		expect(documentAccess(panel, report, draft)).toBe('write');
		expect(documentAccess(police, report, draft)).toBe('read');
		expect(documentAccess(advocate, report, draft)).toBe('none');
		expect(documentAccess(null, report, draft)).toBe('none');
	});

	it('the terms of reference are written by the chair and panel members, read by the rest, never by the family advocate or guests', () => {
		const terms = parseDocumentName('review/r1/terms')!;
		expect(terms).toEqual({ kind: 'terms', reviewId: 'r1' });
		expect(documentName(terms)).toBe('review/r1/terms');
		expect(documentAccess(chair, terms, final)).toBe('write');
		expect(documentAccess(panel, terms, draft)).toBe('write');
		for (const reader of [police, moderator, observer]) expect(documentAccess(reader, terms, draft)).toBe('read');
		expect(documentAccess(advocate, terms, draft)).toBe('none');
		expect(documentAccess(guest, terms, draft)).toBe('none');
	});

	it('documents are read like the chronology: never by the family advocate or guests; uploaded by the chair, panel and agencies', () => {
		for (const member of [chair, panel, police]) expect(can(member, 'documents.upload')).toBe(true);
		for (const member of [moderator, observer, advocate, guest]) expect(can(member, 'documents.upload')).toBe(false);
		expect(can(observer, 'documents.read')).toBe(true);
		expect(can(advocate, 'documents.read')).toBe(false);
		expect(can(guest, 'documents.read')).toBe(false);
	});

	it('only the chair records the decision whether to review and the agreement of the terms', () => {
		expect(can(chair, 'start.manage')).toBe(true);
		expect(can(chair, 'terms.agree')).toBe(true);
		for (const member of [panel, police, moderator, observer, advocate]) {
			expect(can(member, 'start.manage')).toBe(false);
			expect(can(member, 'terms.agree')).toBe(false);
		}
	});

	it('a guest reaches only the event they were invited to, and only while its window is open', () => {
		const board = parseDocumentName('review/r1/event/e1')!;
		const open = { invited: true, windowOpen: true };
		expect(eventAccess(guest, open)).toBe('contribute');
		expect(eventAccess(guest, { invited: false, windowOpen: true })).toBe('none');
		expect(eventAccess(guest, { invited: true, windowOpen: false })).toBe('none');
		expect(documentAccess(guest, board, { ...draft, event: open })).toBe('read');
		expect(documentAccess(guest, board, { ...draft, event: { invited: false, windowOpen: true } })).toBe('none');
		for (const name of ['review/r1/chronology/a1', 'review/r1/analysis', 'review/r1/report']) {
			expect(documentAccess(guest, parseDocumentName(name)!, { ...draft, event: open })).toBe('none');
		}
		for (const action of ['review.read', 'members.read', 'chronology.read', 'report.read', 'events.read', 'events.run', 'comment.write'] as const) {
			expect(can(guest, action, draft)).toBe(false);
		}
	});

	it('the moderator and chair run events; invited members contribute; others read; the family advocate never sees them', () => {
		const board = parseDocumentName('review/r1/event/e1')!;
		const invited = { invited: true, windowOpen: true };
		const notInvited = { invited: false, windowOpen: true };
		expect(eventAccess(moderator, notInvited)).toBe('run');
		expect(eventAccess(chair, notInvited)).toBe('run');
		expect(documentAccess(moderator, board, { ...draft, event: notInvited })).toBe('write');
		expect(eventAccess(panel, invited)).toBe('contribute');
		expect(eventAccess(police, notInvited)).toBe('read');
		expect(eventAccess(observer, invited)).toBe('read');
		expect(documentAccess(panel, board, { ...draft, event: invited })).toBe('read');
		expect(eventAccess(advocate, invited)).toBe('none');
		expect(documentAccess(advocate, board, { ...draft, event: invited })).toBe('none');
		expect(eventAccess(null, invited)).toBe('none');
	});
});

describe('the report’s stage, a fact of the decision', () => {
	it('a final report refuses every change to it, for every role, and says why: its stage, not the role', () => {
		for (const role of reviewRoles) {
			const member: Membership = { role, agencyId: role === 'agency_rep' ? 'police-1' : null };
			for (const action of reportChanges) {
				const byRole = can(member, action, draft);
				expect(can(member, action, final), `${role} ${action}`).toBe(false);
				expect(refusalOf(member, action, final), `${role} ${action}`).toBe(byRole ? 'report_final' : 'role');
			}
		}
		expect(can(panel, 'report.write', draft)).toBe(true);
		expect(can(chair, 'report.structure', draft)).toBe(true);
		expect(can(moderator, 'comment.write', draft)).toBe(true);
		expect(can(advocate, 'family.record', draft)).toBe(true);
		expect(can(moderator, 'events.send_findings', draft)).toBe(true);
		expect(can(police, 'events.send_findings', draft)).toBe(false);
	});

	it('reading, naming versions, sign-off and running events go on when the report is final', () => {
		const goOn: [Membership, ReviewAction][] = [
			[chair, 'report.read'],
			[chair, 'report.version'],
			[chair, 'signoff.manage'],
			[chair, 'export'],
			[moderator, 'events.run'],
			[observer, 'report.read'],
			[advocate, 'family.read_shared']
		];
		for (const [member, action] of goOn) expect(can(member, action, final), `${member.role} ${action}`).toBe(true);
		expect(can(police, 'signoff.confirm', { agencyId: 'police-1', ...final })).toBe(true);
		expect(can(police, 'chronology.write', { agencyId: 'police-1', ...final })).toBe(true);
	});

	it('the report document is read-only over the websocket once final; other documents are not', () => {
		const report = parseDocumentName('review/r1/report')!;
		expect(documentAccess(panel, report, final)).toBe('read');
		expect(documentAccess(chair, report, final)).toBe('read');
		expect(documentAccess(advocate, report, final)).toBe('none');
		expect(documentAccess(panel, parseDocumentName('review/r1/analysis')!, final)).toBe('write');
		expect(documentAccess(police, parseDocumentName('review/r1/chronology/police-1')!, final)).toBe('write');
	});
});

describe('the action plan', () => {
	it('an agency representative updates only their own agency’s actions, also once the report is final', () => {
		expect(can(police, 'actionplan.update', { agencyId: 'police-1', reportStage: 'final' })).toBe(true);
		expect(can(police, 'actionplan.update', { agencyId: 'health-1' })).toBe(false);
		expect(can({ role: 'chair', agencyId: null }, 'actionplan.update', { agencyId: 'health-1', reportStage: 'final' })).toBe(true);
		expect(can({ role: 'panel_member', agencyId: null }, 'actionplan.update', { agencyId: 'health-1' })).toBe(false);
	});
	it('the co-ordinator monitors every plan; the family advocate and guests get nothing', () => {
		expect(actionPlanAccess(null, true)).toBe('monitor');
		expect(actionPlanAccess(null, false)).toBe('none');
		expect(actionPlanAccess({ role: 'family_advocate', agencyId: null }, false)).toBe('none');
		expect(actionPlanAccess({ role: 'guest', agencyId: null }, false)).toBe('none');
		expect(actionPlanAccess({ role: 'chair', agencyId: null }, false)).toBe('manage');
		expect(actionPlanAccess(police, false)).toBe('update');
		expect(actionPlanAccess({ role: 'observer', agencyId: null }, false)).toBe('read');
	});
});

describe('panel meetings (issue 18)', () => {
	const meetingRef = parseDocumentName('review/r1/meeting/m-1')!;
	const open = { presenter: false, minutesOpen: true };
	const draft = { reportStage: 'draft' as const };

	it('names the meeting document and parses it back', () => {
		expect(meetingRef).toEqual({ kind: 'meeting', reviewId: 'r1', meetingId: 'm-1' });
		expect(documentName(meetingRef)).toBe('review/r1/meeting/m-1');
		expect(parseDocumentName('review/r1/meeting/../x')).toBeNull();
	});

	it('only members reach a meeting: never the family advocate or a guest practitioner', () => {
		expect(meetingAccess(advocate, open)).toBe('none');
		expect(meetingAccess({ role: 'guest', agencyId: null }, { presenter: true, minutesOpen: true })).toBe('none');
		expect(meetingAccess(null, open)).toBe('none');
		expect(documentAccess(advocate, meetingRef, { ...draft, meeting: open })).toBe('none');
		expect(documentAccess({ role: 'guest', agencyId: null }, meetingRef, { ...draft, meeting: open })).toBe('none');
	});

	it('the chair, or the member the chair hands it to, runs it; the panel co-writes the minutes; observers read', () => {
		expect(meetingAccess(chair, open)).toBe('run');
		expect(meetingAccess(panel, open)).toBe('write');
		expect(meetingAccess(panel, { presenter: true, minutesOpen: true })).toBe('run');
		expect(meetingAccess(police, open)).toBe('write');
		expect(meetingAccess(observer, open)).toBe('read');
		expect(documentAccess(police, meetingRef, { ...draft, meeting: open })).toBe('write');
	});

	it('circulated minutes are read-only for everyone, the chair included', () => {
		const circulated = { presenter: false, minutesOpen: false };
		expect(meetingAccess(chair, circulated)).toBe('read');
		expect(documentAccess(panel, meetingRef, { ...draft, meeting: circulated })).toBe('read');
	});

	it('an unknown meeting gives no facts, and nothing is reachable', () => {
		expect(documentAccess(chair, meetingRef, draft)).toBe('none');
	});

	it('only the chair manages meetings', () => {
		expect(can(chair, 'meetings.manage')).toBe(true);
		for (const member of [panel, police, moderator, observer, advocate]) expect(can(member, 'meetings.manage')).toBe(false);
	});
});
