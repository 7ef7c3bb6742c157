/**
 * The action plan (issue 19): each recommendation of the report turned into actions that
 * agencies report on until every one is done or closed with a reason. Pure rules: the
 * states of an action, when it is overdue (in UK calendar days), the SMART check on an
 * action (the recommendations' check, with an action's words), the scopes and themes, and
 * which recommendations recur across reviews.
 *
 * The Domestic Abuse Commissioner's "Learning from loss" (July 2025) found most national
 * recommendations untraced: so a national one names the body it is sent to, and any reply.
 */
import { formatDate, isIsoDate, daysBetween, todayInUk, type IsoDate } from './dates';
import { smartCheck, type RecommendationScope, type SmartSubject } from './recommendations';

// ---- Scopes ----

/**
 * The action plan template's scopes. The report's recommendation keeps its coarser
 * `local | regional | national` (the report and its documents are unchanged); the plan
 * splits "local" into one agency or several, and never changes a regional or national one.
 */
export const planScopes = ['single_agency', 'local_multi_agency', 'regional', 'national'] as const;
export type PlanScope = (typeof planScopes)[number];

export const planScopeLabels: Record<PlanScope, string> = {
	single_agency: 'Single agency',
	local_multi_agency: 'Local multi-agency',
	regional: 'Regional',
	national: 'National'
};

/** The report's scope a plan scope belongs to. */
export function reportScopeOf(scope: PlanScope): RecommendationScope {
	return scope === 'single_agency' || scope === 'local_multi_agency' ? 'local' : scope;
}

/** The plan's scopes a report scope allows (the chair refines "local", nothing else). */
export function planScopesFor(reportScope: RecommendationScope): PlanScope[] {
	return planScopes.filter((scope) => reportScopeOf(scope) === reportScope);
}

/** The plan's scope before the chair has said: a local recommendation to one of the review's agencies is single-agency. */
export function defaultPlanScope(reportScope: RecommendationScope, addressedToOneAgency: boolean): PlanScope {
	if (reportScope !== 'local') return reportScope;
	return addressedToOneAgency ? 'single_agency' : 'local_multi_agency';
}

// ---- Themes ----

/** The Home Office DHR library's themes; a review may add its own. */
export const libraryThemes = ['Technology systems', 'Identification of risk', 'Training', 'Policy', 'Multi-agency working', 'Record keeping', 'Awareness raising'] as const;

export const maxThemeLength = 60;

/** The themes to offer in one review: the library's, then the review's own, without repeats. */
export function themesOffered(usedInReview: readonly string[]): string[] {
	const seen = new Set<string>();
	const themes: string[] = [];
	for (const theme of [...libraryThemes, ...usedInReview]) {
		const key = theme.trim().toLowerCase();
		if (!key || seen.has(key)) continue;
		seen.add(key);
		themes.push(theme.trim());
	}
	return themes;
}

// ---- Action states ----

export const actionStatuses = ['not_started', 'in_progress', 'done', 'closed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const actionStatusLabels: Record<ActionStatus, string> = {
	not_started: 'Not started',
	in_progress: 'In progress',
	done: 'Done',
	closed: 'Closed without completion'
};

export function isActionStatus(value: unknown): value is ActionStatus {
	return typeof value === 'string' && (actionStatuses as readonly string[]).includes(value);
}

/** Done, or closed with a reason: nothing more is expected of it. */
export function isFinished(status: ActionStatus): boolean {
	return status === 'done' || status === 'closed';
}

export const maxNoteLength = 4_000;

/**
 * Whether an update may be recorded: a reason is needed to close an action without completing
 * it, and a finished plan takes no more updates. Any other move is allowed (an action marked
 * done by mistake goes back to in progress, with its note saying why): the history keeps both.
 */
export function updateProblem(update: { status: ActionStatus; note: string; evidenceText?: string }, planConcluded: boolean): { field: string; message: string } | null {
	if (planConcluded) return { field: 'status', message: 'The action plan has been concluded: it takes no more updates.' };
	if (update.note.length > maxNoteLength || (update.evidenceText ?? '').length > maxNoteLength) return { field: 'note', message: `Keep the note and the evidence to ${maxNoteLength} characters or fewer.` };
	if (update.status === 'closed' && !update.note.trim()) return { field: 'note', message: 'Give the reason the action is closed without being completed.' };
	return null;
}

// ---- Dates: overdue, due soon, month ends ----

/** Days before a target date when the owner is reminded and it shows as due soon. */
export const actionDueSoonDays = 14;

export type ActionStanding = 'finished' | 'overdue' | 'due_soon' | 'on_track' | 'no_date';

export const standingLabels: Record<ActionStanding, string> = {
	finished: 'Finished',
	overdue: 'Overdue',
	due_soon: 'Due soon',
	on_track: 'On track',
	no_date: 'No target date'
};

/**
 * Where an action stands at `now`. Dates are UK calendar days: an action due on 31 March is
 * overdue from midnight in London on 1 April, whatever the server's time zone or summer time.
 */
export function actionStanding(action: { status: ActionStatus; targetDate: IsoDate | null }, now: Date): ActionStanding {
	if (isFinished(action.status)) return 'finished';
	if (!action.targetDate) return 'no_date';
	const today = todayInUk(now);
	if (today > action.targetDate) return 'overdue';
	return daysBetween(today, action.targetDate) <= actionDueSoonDays ? 'due_soon' : 'on_track';
}

/** The last day of a month (`month` 1–12): 28 or 29 February, 30 or 31 otherwise. */
export function lastDayOfMonth(year: number, month: number): IsoDate {
	const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A target date as action plans write them: "31/03/2027", "2027-03-31", or a month ("March
 * 2027", "end of March 2027", "03/2027"), which means its last day. Null when it is not a date.
 */
export function parseTargetDate(input: string): IsoDate | null {
	const text = input.trim().toLowerCase().replace(/^(by )?(the )?end of /, '');
	if (isIsoDate(text)) return text;
	const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	if (uk) {
		const iso = `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`;
		return isIsoDate(iso) ? iso : null;
	}
	const numericMonth = /^(\d{1,2})\/(\d{4})$/.exec(text);
	if (numericMonth) {
		const month = Number(numericMonth[1]);
		return month >= 1 && month <= 12 ? lastDayOfMonth(Number(numericMonth[2]), month) : null;
	}
	const namedMonth = /^([a-z]+) (\d{4})$/.exec(text);
	if (namedMonth) {
		const month = monthNames.findIndex((name) => name === namedMonth[1] || name.slice(0, 3) === namedMonth[1]) + 1;
		return month > 0 ? lastDayOfMonth(Number(namedMonth[2]), month) : null;
	}
	return null;
}

/** A target date may not come before the report's date (the report cannot ask for the past). */
export function targetDateProblem(targetDate: IsoDate | null, reportDate: IsoDate): string | null {
	if (targetDate && targetDate < reportDate) return `The target date must be on or after the report's date, ${formatDate(reportDate)}.`;
	return null;
}

// ---- Completeness and the SMART check ----

export interface ActionDraft {
	text: string;
	leadAgencyName: string;
	ownerName: string;
	milestones: string;
	targetDate: IsoDate | null;
	/** How completion will be evidenced. */
	evidencePlan: string;
}

/** What a draft action still lacks before the plan is published (the report is final). */
export function missingForPublication(action: { ownerUserId: string | null; targetDate: IsoDate | null }): string[] {
	const missing: string[] = [];
	if (!action.ownerUserId) missing.push('a named owner');
	if (!action.targetDate) missing.push('a target date');
	return missing;
}

/**
 * The recommendations' SMART check, run on an action: the owner is the lead agency and the
 * named person, the outcome is how completion will be evidenced. Gentle: it tells, never refuses.
 */
export function actionSmartWarnings(action: ActionDraft, today: IsoDate): { field: keyof ActionDraft; message: string }[] {
	const subject: SmartSubject = {
		text: action.text,
		owner: action.ownerName && action.leadAgencyName ? `${action.ownerName}, ${action.leadAgencyName}` : '',
		outcome: action.evidencePlan,
		targetDate: action.targetDate ?? ''
	};
	const fields = { text: 'text', owner: 'ownerName', outcome: 'evidencePlan', targetDate: 'targetDate' } as const;
	const warnings = smartCheck(subject, today, {
		noOwner: 'No named owner yet: say who in the lead agency will see it done.',
		noOutcome: 'Say how completion will be evidenced (an audit, a published policy, training records).',
		vagueOutcome: 'The evidence is hard to check: add something that can be counted or seen (a number, an audit, a published policy).'
	}).map((w) => ({ field: fields[w.field] as keyof ActionDraft, message: w.field === 'text' && !action.text.trim() ? 'Say what will be done.' : w.message }));
	if (!action.milestones.trim()) warnings.push({ field: 'milestones', message: 'No milestones: a long action is easier to follow with one or two steps on the way.' });
	return warnings;
}

// ---- Recurrence across reviews ----

export interface RecommendationForRecurrence {
	reviewId: string;
	reviewTitle: string;
	recommendationId: string;
	theme: string;
	/** The lead agency's name, or the national body. */
	agencyName: string;
	text: string;
}

export interface RecurrenceSuggestion {
	/** Stable: the theme and agency, normalised; what the co-ordinator's decision is stored under. */
	key: string;
	theme: string;
	agencyName: string;
	recommendations: RecommendationForRecurrence[];
	/** The closest pair's word overlap, 0–1: a hint, for the co-ordinator to confirm. */
	similarity: number;
	similarWording: boolean;
}

const stopWords = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'by', 'with', 'that', 'is', 'are', 'be', 'its', 'their', 'it', 'as', 'at', 'from', 'should', 'will', 'all']);

function words(text: string): Set<string> {
	return new Set(
		text
			.toLowerCase()
			.split(/[^a-z0-9]+/)
			.filter((word) => word.length > 2 && !stopWords.has(word))
			.map((word) => word.replace(/(ing|ed|es|s)$/, ''))
	);
}

/** Jaccard overlap of two texts' significant words. */
export function textSimilarity(a: string, b: string): number {
	const left = words(a);
	const right = words(b);
	if (left.size === 0 || right.size === 0) return 0;
	let shared = 0;
	for (const word of left) if (right.has(word)) shared += 1;
	return shared / (left.size + right.size - shared);
}

export const similarWordingThreshold = 0.3;

const normalised = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Recommendations that recur: the same theme and the same agency (by name: each review has its
 * own agency records) in two or more reviews. Text similarity only ranks and flags them; the
 * co-ordinator confirms or dismisses each suggestion.
 */
export function recurrenceSuggestions(recommendations: readonly RecommendationForRecurrence[]): RecurrenceSuggestion[] {
	const groups = new Map<string, RecommendationForRecurrence[]>();
	for (const recommendation of recommendations) {
		if (!recommendation.theme.trim() || !recommendation.agencyName.trim()) continue;
		const key = `${normalised(recommendation.theme)}|${normalised(recommendation.agencyName)}`;
		groups.set(key, [...(groups.get(key) ?? []), recommendation]);
	}
	const suggestions: RecurrenceSuggestion[] = [];
	for (const [key, group] of groups) {
		if (new Set(group.map((r) => r.reviewId)).size < 2) continue;
		let similarity = 0;
		for (let i = 0; i < group.length; i++) {
			for (let j = i + 1; j < group.length; j++) {
				if (group[i].reviewId !== group[j].reviewId) similarity = Math.max(similarity, textSimilarity(group[i].text, group[j].text));
			}
		}
		suggestions.push({ key, theme: group[0].theme, agencyName: group[0].agencyName, recommendations: group, similarity, similarWording: similarity >= similarWordingThreshold });
	}
	return suggestions.sort((a, b) => b.similarity - a.similarity || a.key.localeCompare(b.key));
}

// ---- The plan as a whole ----

/** Whether the co-ordinator may conclude the plan: every action done or closed, and at least one action. */
export function conclusionProblem(actions: readonly { status: ActionStatus }[]): string | null {
	if (actions.length === 0) return 'The action plan has no actions to conclude.';
	const open = actions.filter((action) => !isFinished(action.status)).length;
	if (open > 0) return `${open} ${open === 1 ? 'action is' : 'actions are'} still open: each must be done, or closed with a reason, before the plan is concluded.`;
	return null;
}
