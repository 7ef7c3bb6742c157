/**
 * Information requests (issue 20, item 3): the chair asks each agency whether it had
 * contact with the subjects in the period under review and, if so, for a chronology, an
 * IMR or a short report by a date. Pure: what a request is waiting for, and whether it is
 * late, from the facts the server stores.
 */
import { formatDate, type IsoDate } from './dates';
import type { ImrStatus } from './imrs';

export type RequestedItem = 'chronology' | 'imr' | 'short_report';

export const requestedItemLabels: Record<RequestedItem, string> = {
	chronology: 'a chronology',
	imr: 'an Individual Management Review (IMR)',
	short_report: 'a short report'
};

export interface InformationRequestFacts {
	agencyId: string;
	asks: RequestedItem[];
	dueOn: IsoDate;
	answer: 'contact' | 'no_contact' | null;
	chronologyProvided: boolean;
	shortReportProvided: boolean;
	/** The IMR's place in its own state machine; only `submitted` and `accepted` count as come back. */
	imrStatus: ImrStatus;
}

/**
 * - `awaiting_answer`: sent, not answered yet;
 * - `no_contact`: the agency searched its records and had none (nothing more is owed);
 * - `awaiting_items`: contact, and some asked-for item has not come back;
 * - `complete`: contact, and everything asked for came back.
 */
export type RequestState = 'awaiting_answer' | 'no_contact' | 'awaiting_items' | 'complete';

export const requestStateLabels: Record<RequestState, string> = {
	awaiting_answer: 'Waiting for an answer',
	no_contact: 'No contact',
	awaiting_items: 'Contact: waiting for items',
	complete: 'Contact: everything received'
};

function itemReceived(request: InformationRequestFacts, item: RequestedItem): boolean {
	switch (item) {
		case 'chronology':
			return request.chronologyProvided;
		case 'short_report':
			return request.shortReportProvided;
		case 'imr':
			return request.imrStatus === 'submitted' || request.imrStatus === 'accepted';
	}
}

/** The asked-for items that have not come back yet (none before the agency says it had contact). */
export function outstandingItems(request: InformationRequestFacts): RequestedItem[] {
	if (request.answer !== 'contact') return [];
	return request.asks.filter((item) => !itemReceived(request, item));
}

export function requestState(request: InformationRequestFacts): RequestState {
	if (request.answer === null) return 'awaiting_answer';
	if (request.answer === 'no_contact') return 'no_contact';
	return outstandingItems(request).length > 0 ? 'awaiting_items' : 'complete';
}

/** Late: past its date (the day after `dueOn`, UK time) and still owing an answer or an item. */
export function isLate(request: InformationRequestFacts, today: IsoDate): boolean {
	const state = requestState(request);
	return today > request.dueOn && (state === 'awaiting_answer' || state === 'awaiting_items');
}

/** "a chronology and an IMR": what was asked, in words. */
export function describeItems(items: readonly RequestedItem[]): string {
	const words = items.map((item) => requestedItemLabels[item]);
	if (words.length <= 1) return words[0] ?? 'nothing';
	return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** What the chair reads per agency: what is owed, in a plain sentence. */
export function requestSummary(request: InformationRequestFacts, today: IsoDate): string {
	const state = requestState(request);
	const late = isLate(request, today) ? ` It was due on ${formatDate(request.dueOn)} and is late.` : '';
	switch (state) {
		case 'awaiting_answer':
			return `No answer yet.${late}`;
		case 'no_contact':
			return 'The agency had no contact with the subjects in the period.';
		case 'awaiting_items':
			return `Contact: still to come, ${describeItems(outstandingItems(request))}.${late}`;
		case 'complete':
			return 'Contact: everything asked for has come back.';
	}
}
