/**
 * Retention of a review's working material (issue 13): the DHR co-ordinator keeps it a
 * set number of years after the overview report is published, then deletes it, keeping
 * the published report, the review's record and the audit trail. Pure: the due date,
 * where a review stands, and whether a deletion request may go ahead.
 */
import { addYears } from 'date-fns';
import { daysBetween, formatDate, parseIsoDate, toIsoDate, type IsoDate } from './dates';
import type { ReviewAction } from './permissions';

/** The longest rule the form accepts; longer is a typing mistake, not a policy. */
export const maxKeepYears = 100;
export const maxRetentionTextLength = 4_000;

export interface RetentionRule {
	keepYears: number;
	/** When the report was published (`YYYY-MM-DD`), once known. */
	publishedOn: IsoDate | null;
}

export type RetentionStatus = 'no_rule' | 'awaiting_publication' | 'kept' | 'due' | 'deleted';

export const retentionStatusLabels: Record<RetentionStatus, string> = {
	no_rule: 'No retention rule',
	awaiting_publication: 'Waiting for the publication date',
	kept: 'Kept',
	due: 'Deletion due',
	deleted: 'Working material deleted'
};

/**
 * The day deletion becomes due: `keepYears` calendar years after publication, clamped
 * like the statutory timescales (29 February + 1 year is 28 February).
 */
export function deletionDueOn(rule: RetentionRule): IsoDate | null {
	if (!rule.publishedOn) return null;
	const published = parseIsoDate(rule.publishedOn);
	if (!published) throw new RangeError(`Not a date: ${rule.publishedOn}`);
	return toIsoDate(addYears(published, rule.keepYears));
}

export interface RetentionStanding {
	status: RetentionStatus;
	dueOn: IsoDate | null;
	/** Days from today to the due date; 0 or less once due; null without a date. */
	daysRemaining: number | null;
}

/** Where a review stands on `today` (a UK date). */
export function retentionStanding(rule: RetentionRule | null, deleted: boolean, today: IsoDate): RetentionStanding {
	if (!rule) return { status: deleted ? 'deleted' : 'no_rule', dueOn: null, daysRemaining: null };
	const dueOn = deletionDueOn(rule);
	const daysRemaining = dueOn ? daysBetween(today, dueOn) : null;
	if (deleted) return { status: 'deleted', dueOn, daysRemaining };
	if (!dueOn) return { status: 'awaiting_publication', dueOn, daysRemaining };
	return { status: daysRemaining! <= 0 ? 'due' : 'kept', dueOn, daysRemaining };
}

/** Checks a rule as the admin typed it; messages in the GOV.UK style. */
export function checkRule(input: { keepYears: string; note: string }): { field: string; message: string }[] {
	const errors: { field: string; message: string }[] = [];
	const years = input.keepYears.trim();
	if (!years) errors.push({ field: 'keepYears', message: 'Enter how many years to keep the working material after publication' });
	else if (!/^\d+$/.test(years)) errors.push({ field: 'keepYears', message: 'Years must be a whole number, like 7' });
	else if (Number(years) < 0 || Number(years) > maxKeepYears) errors.push({ field: 'keepYears', message: `Years must be between 0 and ${maxKeepYears}` });
	if (input.note.trim().length > maxRetentionTextLength) errors.push({ field: 'note', message: `Keep the note to ${maxRetentionTextLength.toLocaleString('en-GB')} characters or fewer` });
	return errors;
}

export interface DeletionRequest {
	/** What the admin typed to confirm: must be the review's title. */
	confirmTitle: string;
	reason: string;
	/** The admin said they mean to delete before the retention period ends. */
	early: boolean;
}

export interface DeletionFacts {
	title: string;
	stage: 'draft' | 'final';
	deleted: boolean;
	standing: RetentionStanding;
}

export const draftRefusal = 'The report is still a draft. Working material can be deleted only once the chair has marked the report final.';
export const alreadyDeletedRefusal = 'The working material of this review has already been deleted.';

/**
 * Why a deletion may not go ahead, field by field (empty when it may). Deleting before
 * the due date, or with no due date at all, needs the explicit "early" answer and the
 * reason then says why: an early deletion is allowed but never by accident.
 */
export function deletionProblems(facts: DeletionFacts, request: DeletionRequest): { field: string; message: string; status: 400 | 409 }[] {
	if (facts.deleted) return [{ field: 'deletion', message: alreadyDeletedRefusal, status: 409 }];
	if (facts.stage !== 'final') return [{ field: 'deletion', message: draftRefusal, status: 409 }];
	const problems: { field: string; message: string; status: 400 | 409 }[] = [];
	if (request.confirmTitle.trim() !== facts.title.trim()) {
		problems.push({ field: 'confirmTitle', message: `Type the review’s title, ${facts.title}, exactly as shown to confirm`, status: 400 });
	}
	const reason = request.reason.trim();
	if (!reason) problems.push({ field: 'reason', message: 'Enter the reason for deleting the working material', status: 400 });
	else if (reason.length > maxRetentionTextLength) problems.push({ field: 'reason', message: `Keep the reason to ${maxRetentionTextLength.toLocaleString('en-GB')} characters or fewer`, status: 400 });
	if (facts.standing.status !== 'due' && !request.early) {
		problems.push({
			field: 'early',
			message: facts.standing.dueOn
				? 'Deletion is not due yet. To delete early, say so and give the reason.'
				: 'No deletion date is set. To delete now, say you are deleting early and give the reason.',
			status: 400
		});
	}
	return problems;
}

/** The kinds of working material a deletion removes, in the users' words (tombstone counts). */
export const removedKindLabels: Record<string, string> = {
	documents: 'collaborative documents (chronologies, analysis, report draft, boards, meetings, terms, IMRs)',
	documentUpdates: 'stored edits',
	documentSnapshots: 'document snapshots',
	historyMarks: 'history marks',
	documentAuthors: 'authorship records',
	reportVersions: 'named report versions (other than the final one)',
	comments: 'report comments',
	reportVisits: 'members’ last views of the report',
	languageDismissals: 'kept wordings (language check)',
	languageTerms: 'review language terms',
	familyShares: 'versions shared with the family',
	familyComments: 'family comments',
	familyContacts: 'contacts with the family',
	learningEvents: 'learning events',
	panelMeetings: 'panel meetings (agendas, minutes, decisions and actions)',
	eventParticipants: 'learning event participants',
	eventInvitations: 'learning event invitations',
	eventContributions: 'learning event contributions',
	guestMemberships: 'guest practitioners’ access',
	accountInvitations: 'unused account invitations',
	actionPlanUpdates: 'action plan progress updates',
	actionPlanActions: 'action plan actions',
	actionPlanRecommendations: 'action plan recommendation details',
	glossaryTerms: 'review glossary terms',
	readinessAttestations: 'the chair’s readiness attestations',
	qaItems: 'quality assurance areas for final development',
	qaLetterLinks: 'links to the quality assurance panel’s letters',
	earlyLearning: 'early learning from scoping',
	termsAgreements: 'the agreed terms of reference',
	enquiryAnswers: 'links from key lines of enquiry to the report',
	documentLinks: 'links to uploaded documents',
	imrComments: 'the panel’s questions on IMRs',
	informationRequests: 'information requests and the agencies’ answers',
	notificationSummaries: 'the notification’s summary of the case (its date and who notified are kept)',
	decisionReasons: 'the reasons given for the decision whether to review (the decision and its date are kept)',
	independenceStatements: 'the words of declarations of independence (who declared, and when, are kept)',
	uploadedFiles: 'uploaded files (documents, evidence, letters)'
};

/**
 * What members can still do once the working material is gone: read the review's record
 * and its audit trail, and manage its members and dates. Everything else was the
 * material itself and answers 410 Gone.
 */
const actionsAfterDeletion: ReadonlySet<ReviewAction> = new Set<ReviewAction>(['review.read', 'members.read', 'members.manage', 'timescales.manage', 'audit.read']);

export function outlivesDeletion(action: ReviewAction): boolean {
	return actionsAfterDeletion.has(action);
}

/** One line for the admin's register, e.g. "7 years after publication: deletion due 3 March 2031". */
export function describeRetention(keepYears: number | null, standing: RetentionStanding): string {
	if (standing.status === 'deleted' || keepYears === null) return retentionStatusLabels[standing.status];
	const rule = `${keepYears} ${keepYears === 1 ? 'year' : 'years'} after publication`;
	if (!standing.dueOn) return `${rule}: not yet published`;
	return `${rule}: deletion ${standing.status === 'due' ? 'due since' : 'due'} ${formatDate(standing.dueOn)}`;
}
