import { describe, expect, it } from 'vitest';
import { describeItems, isLate, outstandingItems, requestState, requestSummary, type InformationRequestFacts } from './information-requests';

const sent: InformationRequestFacts = {
	agencyId: 'police',
	asks: ['chronology', 'imr'],
	dueOn: '2025-03-27',
	answer: null,
	chronologyProvided: false,
	shortReportProvided: false,
	imrStatus: 'requested'
};

describe('information request states', () => {
	it('a request nobody has answered waits for an answer, and is late only after its date', () => {
		expect(requestState(sent)).toBe('awaiting_answer');
		expect(isLate(sent, '2025-03-27')).toBe(false);
		expect(isLate(sent, '2025-03-28')).toBe(true);
	});

	it('an agency that had no contact owes nothing more, so it is never late', () => {
		const none = { ...sent, answer: 'no_contact' as const };
		expect(requestState(none)).toBe('no_contact');
		expect(outstandingItems(none)).toEqual([]);
		expect(isLate(none, '2026-01-01')).toBe(false);
	});

	it('after "contact" the asked-for items are owed until each comes back; an IMR counts once submitted', () => {
		const contact = { ...sent, answer: 'contact' as const };
		expect(requestState(contact)).toBe('awaiting_items');
		expect(outstandingItems(contact)).toEqual(['chronology', 'imr']);
		expect(isLate(contact, '2025-04-01')).toBe(true);
		const chronologyIn = { ...contact, chronologyProvided: true, imrStatus: 'signed_off' as const };
		expect(outstandingItems(chronologyIn)).toEqual(['imr']);
		const allIn = { ...chronologyIn, imrStatus: 'submitted' as const };
		expect(requestState(allIn)).toBe('complete');
		expect(isLate(allIn, '2025-04-01')).toBe(false);
		// Returned by the panel: the IMR is owed again.
		expect(outstandingItems({ ...allIn, imrStatus: 'returned' })).toEqual(['imr']);
	});

	it('a short report is owed only when it was asked for', () => {
		const contact = { ...sent, answer: 'contact' as const, asks: ['short_report' as const] };
		expect(outstandingItems(contact)).toEqual(['short_report']);
		expect(requestState({ ...contact, shortReportProvided: true })).toBe('complete');
	});

	it('tells the chair in words what is owed and that it is late', () => {
		expect(describeItems(['chronology', 'imr', 'short_report'])).toBe('a chronology, an Individual Management Review (IMR) and a short report');
		expect(requestSummary({ ...sent, answer: 'contact' }, '2025-04-01')).toBe('Contact: still to come, a chronology and an Individual Management Review (IMR). It was due on 27 March 2025 and is late.');
	});
});
