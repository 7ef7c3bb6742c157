/**
 * The journey to publication (issue 17): the report goes to the community safety
 * partnership, then to the Home Office quality assurance panel with a copy to the
 * Domestic Abuse Commissioner (section 9 of the Domestic Violence, Crime and Victims
 * Act 2004 as amended), comes back with the panel's letter, may be resubmitted, is
 * approved, and is published by the partnership. Each step is a dated record.
 */
import { isIsoDate, type IsoDate } from './dates';

export const submissionKinds = ['sent_to_partnership', 'sent_to_home_office', 'copy_to_commissioner', 'qa_letter_received', 'resubmitted', 'approved', 'published'] as const;
export type SubmissionKind = (typeof submissionKinds)[number];

export const submissionLabels: Record<SubmissionKind, string> = {
	sent_to_partnership: 'Sent to the community safety partnership',
	sent_to_home_office: 'Sent to the Home Office quality assurance panel',
	copy_to_commissioner: 'Copy sent to the Domestic Abuse Commissioner',
	qa_letter_received: 'Quality assurance panel’s letter received',
	resubmitted: 'Resubmitted to the quality assurance panel',
	approved: 'Approved for publication by the quality assurance panel',
	published: 'Published by the partnership'
};

export interface SubmissionInput {
	kind: SubmissionKind;
	occurredOn: string;
	/** Sent to the Home Office, resubmitted: the export sent. */
	exportId: string | null;
	/** Published: where, and until when. */
	webAddress: string;
	publishedUntil: string;
	note: string;
}

export interface SubmissionProblem {
	field: keyof SubmissionInput | 'letter';
	message: string;
}

/** What is wrong with a step as entered; the QA letter file is checked by review-files.ts. */
export function submissionProblems(input: SubmissionInput, today: IsoDate, exportIds: ReadonlySet<string>): SubmissionProblem[] {
	const problems: SubmissionProblem[] = [];
	if (!isIsoDate(input.occurredOn)) problems.push({ field: 'occurredOn', message: 'Enter the date it happened' });
	else if (input.occurredOn > today) problems.push({ field: 'occurredOn', message: 'The date must be today or in the past' });
	if ((input.kind === 'sent_to_home_office' || input.kind === 'resubmitted') && (!input.exportId || !exportIds.has(input.exportId))) {
		problems.push({ field: 'exportId', message: 'Choose the export that was sent, so the record says which file went' });
	}
	if (input.kind === 'published') {
		let url: URL | null = null;
		try {
			url = new URL(input.webAddress.trim());
		} catch {
			url = null;
		}
		if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) problems.push({ field: 'webAddress', message: 'Enter the web address where it is published, starting https://' });
		if (!isIsoDate(input.publishedUntil)) problems.push({ field: 'publishedUntil', message: 'Enter the last day it stays published' });
		else if (isIsoDate(input.occurredOn) && input.publishedUntil <= input.occurredOn) problems.push({ field: 'publishedUntil', message: 'The last day must be after the day of publication' });
	}
	if (input.note.trim().length > 2_000) problems.push({ field: 'note', message: 'Keep the note to 2,000 characters or fewer' });
	return problems;
}

/** Where the review stands on its way to publication: the latest step reached. */
export function publicationStanding(kinds: readonly SubmissionKind[]): { reached: SubmissionKind | null; label: string } {
	for (const kind of [...submissionKinds].reverse()) if (kinds.includes(kind)) return { reached: kind, label: submissionLabels[kind] };
	return { reached: null, label: 'Not yet sent to the partnership' };
}
