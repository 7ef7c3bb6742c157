/**
 * Chronology entries: what an agency recorded of its contact with the victim, the
 * perpetrator and their families (DESIGN.md, "Collaborative documents"). Facts, not
 * opinions; the panel's view of an entry lives in the analysis document.
 */
import { format } from 'date-fns';
import { isIsoDate, parseIsoDate, type IsoDate } from './dates';
import type { FieldError } from './validation';

export const entrySubjects = ['victim', 'perpetrator', 'child', 'family', 'other'] as const;
export type EntrySubject = (typeof entrySubjects)[number];

export const subjectLabels: Record<EntrySubject, string> = {
	victim: 'Victim',
	perpetrator: 'Perpetrator',
	child: 'Child',
	family: 'Family member',
	other: 'Someone else'
};

export const datePrecisions = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

export interface ChronologyEntry {
	id: string;
	/** `YYYY-MM-DD`; for a month or a year, its first day. */
	date: IsoDate;
	datePrecision: DatePrecision;
	/** The agency is not sure of the date: shown as "about 22 May 2016". */
	approximate: boolean;
	/** `HH:MM`, or "" when not recorded. */
	time: string;
	subjects: EntrySubject[];
	/** The record it comes from, e.g. "Custody record 12/3456". */
	source: string;
	/** What happened, who was seen. */
	summary: string;
	/** Action taken, or why none was taken. */
	action: string;
	/**
	 * Marks an entry dated after the death (e.g. a letter sent afterwards), which the
	 * date check would otherwise refuse. An addition to DESIGN.md's entry schema.
	 */
	afterDeath: boolean;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
}

export type EntryFields = Pick<ChronologyEntry, 'date' | 'datePrecision' | 'approximate' | 'time' | 'subjects' | 'source' | 'summary' | 'action' | 'afterDeath'>;

export interface EntryContext {
	dateOfDeath: IsoDate;
	today: IsoDate;
}

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
export const maxSummaryLength = 10_000;
export const maxSourceLength = 300;

/** The last day a date of this precision could mean, for comparisons with the date of death. */
function latestDayOf(date: IsoDate, precision: DatePrecision): IsoDate {
	const parsed = parseIsoDate(date)!;
	if (precision === 'year') return `${parsed.getFullYear()}-12-31`;
	if (precision === 'month') return format(new Date(parsed.getFullYear(), parsed.getMonth() + 1, 0), 'yyyy-MM-dd');
	return date;
}

/** Problems with an entry, as messages the agency can act on; empty when it is acceptable. */
export function checkEntry(entry: EntryFields, context: EntryContext): FieldError[] {
	const errors: FieldError[] = [];
	if (!isIsoDate(entry.date)) {
		errors.push({ field: 'date', message: 'Enter a real date, for example 12/03/2019, March 2019 or 2019' });
	} else {
		// An uncertain period (a month, a year) is judged by its first day.
		const earliest = entry.date;
		if (earliest > context.today) errors.push({ field: 'date', message: 'The date must not be in the future' });
		else if (!entry.afterDeath && earliest > context.dateOfDeath) {
			errors.push({ field: 'date', message: 'The date is after the date of death. If that is right, mark the entry as after the death.' });
		} else if (entry.afterDeath && latestDayOf(entry.date, entry.datePrecision) < context.dateOfDeath) {
			errors.push({ field: 'afterDeath', message: 'The entry is marked as after the death but its date is before it' });
		}
	}
	if (entry.time !== '' && !timePattern.test(entry.time)) errors.push({ field: 'time', message: 'Enter the time as hours and minutes, for example 14:05, or leave it blank' });
	if (entry.time !== '' && entry.datePrecision !== 'day') errors.push({ field: 'time', message: 'A time can only be given with a full date' });
	if (!entry.source.trim()) errors.push({ field: 'source', message: 'Enter the record this entry comes from, for example "Custody record 12/3456"' });
	else if (entry.source.length > maxSourceLength) errors.push({ field: 'source', message: `The source must be ${maxSourceLength} characters or fewer` });
	if (!entry.summary.trim()) errors.push({ field: 'summary', message: 'Enter what happened' });
	else if (entry.summary.length > maxSummaryLength) errors.push({ field: 'summary', message: `What happened must be ${maxSummaryLength} characters or fewer` });
	if (entry.action.length > maxSummaryLength) errors.push({ field: 'action', message: `The action must be ${maxSummaryLength} characters or fewer` });
	if (entry.subjects.some((subject) => !(entrySubjects as readonly string[]).includes(subject))) {
		errors.push({ field: 'subjects', message: 'Choose who the entry is about from the list' });
	}
	return errors;
}

// ---- UK date forms, as agencies write them ----

export interface ParsedEntryDate {
	date: IsoDate;
	precision: DatePrecision;
	approximate: boolean;
}

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(word: string): number | null {
	const lower = word.toLowerCase().replace(/\.$/, '');
	const index = months.findIndex((name) => name === lower || (lower.length >= 3 && name.startsWith(lower) && (lower.length === 3 || lower === 'sept')));
	return index === -1 ? null : index + 1;
}

function iso(year: number, month: number, day: number): IsoDate | null {
	const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return isIsoDate(value) ? value : null;
}

function twoDigitYear(year: string): number {
	const value = Number(year);
	if (year.length !== 2) return value;
	// Chronologies rarely reach back beyond the 1930s; "19" means 2019, "85" means 1985.
	return value <= 40 ? 2000 + value : 1900 + value;
}

/**
 * Reads a date as UK agencies write it: `12/03/2019`, `12-03-19`, `12 March 2019`,
 * `12th Mar 2019`, `March 2019`, `03/2019`, `2019`, `2019-03-12`, with a leading or
 * trailing `?` (or "c.", "approx", "about") for an uncertain date, as agencies' spreadsheets
 * mark it. Day first, never American.
 */
export function parseUkDate(input: string): ParsedEntryDate | null {
	let text = input.trim();
	let approximate = false;
	const uncertain = /^(\?|c\.|circa|approx\.?|approximately|about)\s*/i;
	if (uncertain.test(text)) {
		approximate = true;
		text = text.replace(uncertain, '');
	}
	if (text.endsWith('?')) {
		approximate = true;
		text = text.slice(0, -1).trim();
	}
	if (text === '') return null;

	let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (match) {
		const date = iso(Number(match[1]), Number(match[2]), Number(match[3]));
		return date ? { date, precision: 'day', approximate } : null;
	}
	match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
	if (match) {
		const date = iso(twoDigitYear(match[3]), Number(match[2]), Number(match[1]));
		return date ? { date, precision: 'day', approximate } : null;
	}
	match = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z.]+),?\s+(\d{4})$/.exec(text);
	if (match) {
		const month = monthNumber(match[2]);
		const date = month ? iso(Number(match[3]), month, Number(match[1])) : null;
		return date ? { date, precision: 'day', approximate } : null;
	}
	match = /^([A-Za-z.]+)\s+(\d{4})$/.exec(text);
	if (match) {
		const month = monthNumber(match[1]);
		const date = month ? iso(Number(match[2]), month, 1) : null;
		return date ? { date, precision: 'month', approximate } : null;
	}
	match = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
	if (match) {
		const date = iso(Number(match[2]), Number(match[1]), 1);
		return date ? { date, precision: 'month', approximate } : null;
	}
	match = /^(\d{4})$/.exec(text);
	if (match) {
		const date = iso(Number(match[1]), 1, 1);
		return date ? { date, precision: 'year', approximate } : null;
	}
	return null;
}

/**
 * "12 March 2019", "March 2019" or "2019"; "about March 2019" when approximate (issue 15: a
 * leading "?" read as a typo, and plain words need no legend).
 */
export function formatEntryDate(entry: Pick<ChronologyEntry, 'date' | 'datePrecision' | 'approximate'>): string {
	const date = parseIsoDate(entry.date);
	if (!date) return entry.date;
	const pattern = entry.datePrecision === 'year' ? 'yyyy' : entry.datePrecision === 'month' ? 'MMMM yyyy' : 'd MMMM yyyy';
	return `${entry.approximate ? 'about ' : ''}${format(date, pattern)}`;
}

/** The date as someone would type it back into the date box; "approximate" is its own box. */
export function entryDateInput(entry: Pick<ChronologyEntry, 'date' | 'datePrecision'>): string {
	const date = parseIsoDate(entry.date);
	if (!date) return '';
	const pattern = entry.datePrecision === 'year' ? 'yyyy' : entry.datePrecision === 'month' ? 'MMMM yyyy' : 'dd/MM/yyyy';
	return format(date, pattern);
}

// ---- the integrated chronology ----

export interface AgencyRef {
	id: string;
	name: string;
}

export interface IntegratedEntry extends ChronologyEntry {
	agencyId: string;
	agencyName: string;
	/** Days since the previous entry in the merged order; null for the first. */
	daysSincePrevious: number | null;
	/** The victim's age in whole years on the entry's date, when a date of birth is known. */
	victimAge: number | null;
}

/** Days since 1970 for `YYYY-MM-DD`, by arithmetic: this runs for every entry on every change. */
function dayNumber(date: IsoDate): number | null {
	if (!isIsoDate(date)) return null;
	return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** Whole years from `birth` to `date` (both `YYYY-MM-DD`). */
function yearsBetween(birth: IsoDate, date: IsoDate): number {
	const years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
	return date.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** Field by field, not `{...entry}`: V8 builds a spread of this many fields several times slower. */
function integrated(entry: ChronologyEntry, agency: AgencyRef): IntegratedEntry {
	return {
		id: entry.id,
		date: entry.date,
		datePrecision: entry.datePrecision,
		approximate: entry.approximate,
		time: entry.time,
		subjects: entry.subjects,
		source: entry.source,
		summary: entry.summary,
		action: entry.action,
		afterDeath: entry.afterDeath,
		createdBy: entry.createdBy,
		createdAt: entry.createdAt,
		updatedAt: entry.updatedAt,
		agencyId: agency.id,
		agencyName: agency.name,
		daysSincePrevious: null,
		victimAge: null
	};
}

/**
 * Merges every agency's entries into the integrated chronology: by date, then time
 * (entries without a time first on their day), then agency name (ranked once).
 */
export function mergeChronologies(
	chronologies: { agency: AgencyRef; entries: ChronologyEntry[] }[],
	victimDateOfBirth: IsoDate | null = null
): IntegratedEntry[] {
	const agencyRank = new Map(
		[...chronologies]
			.sort((a, b) => a.agency.name.localeCompare(b.agency.name, 'en-GB') || (a.agency.id < b.agency.id ? -1 : 1))
			.map(({ agency }, index) => [agency.id, index])
	);
	const merged: IntegratedEntry[] = [];
	for (const { agency, entries } of chronologies) {
		for (const entry of entries) merged.push(integrated(entry, agency));
	}
	merged.sort((a, b) => {
		if (a.date !== b.date) return a.date < b.date ? -1 : 1;
		if (a.time !== b.time) return a.time < b.time ? -1 : 1;
		if (a.agencyId !== b.agencyId) return agencyRank.get(a.agencyId)! - agencyRank.get(b.agencyId)!;
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
	const birth = victimDateOfBirth && isIsoDate(victimDateOfBirth) ? victimDateOfBirth : null;
	let previous: number | null = null;
	for (const entry of merged) {
		const day = dayNumber(entry.date);
		if (day === null) continue;
		entry.daysSincePrevious = previous === null ? null : day - previous;
		entry.victimAge = birth && entry.date >= birth ? yearsBetween(birth, entry.date) : null;
		previous = day;
	}
	return merged;
}

// ---- the panel's analysis ----

export const standardTags = [
	'missed opportunity',
	'information sharing',
	'risk assessment',
	'MARAC',
	'disclosure',
	'professional curiosity',
	'good practice',
	'safeguarding children'
] as const;

/** Tags that stand out on the timeline. */
export const highlightedTags = ['disclosure', 'risk assessment', 'MARAC', 'missed opportunity'];

export interface EntryAnalysis {
	tags: string[];
	keyEpisode: boolean;
	note: string;
}

export const emptyAnalysis: EntryAnalysis = { tags: [], keyEpisode: false, note: '' };

export function normaliseTag(tag: string): string {
	return tag.trim().replace(/\s+/g, ' ').slice(0, 40);
}

export interface ChronologyFilter {
	agencyIds?: string[];
	subjects?: EntrySubject[];
	tag?: string;
	keyEpisodesOnly?: boolean;
	from?: IsoDate | null;
	to?: IsoDate | null;
	text?: string;
}

// Kept per merged entry, so typing a search does not lower-case every entry per keystroke.
const searchable = new WeakMap<IntegratedEntry, string>();

function searchableText(entry: IntegratedEntry): string {
	let text = searchable.get(entry);
	if (text === undefined) {
		text = `${entry.summary}\n${entry.action}\n${entry.source}\n${entry.agencyName}`.toLowerCase();
		searchable.set(entry, text);
	}
	return text;
}

export function filterEntries(
	entries: IntegratedEntry[],
	filter: ChronologyFilter,
	analysis: (entryId: string) => EntryAnalysis | undefined
): IntegratedEntry[] {
	const text = filter.text?.trim().toLowerCase() ?? '';
	const agencies = filter.agencyIds && filter.agencyIds.length > 0 ? new Set(filter.agencyIds) : null;
	const subjects = filter.subjects && filter.subjects.length > 0 ? filter.subjects : null;
	return entries.filter((entry) => {
		if (agencies && !agencies.has(entry.agencyId)) return false;
		if (subjects && !entry.subjects.some((s) => subjects.includes(s))) return false;
		if (filter.from && entry.date < filter.from) return false;
		if (filter.to && entry.date > filter.to) return false;
		if (filter.tag || filter.keyEpisodesOnly) {
			const annotation = analysis(entry.id);
			if (filter.tag && !annotation?.tags.includes(filter.tag)) return false;
			if (filter.keyEpisodesOnly && !annotation?.keyEpisode) return false;
		}
		if (text && !searchableText(entry).includes(text)) return false;
		return true;
	});
}

// ---- the entry form: what someone types, and the entry it makes ----

/** An entry as typed: the date as text in any UK form (see `parseUkDate`). */
export interface EntryDraft {
	dateText: string;
	approximate: boolean;
	time: string;
	subjects: EntrySubject[];
	source: string;
	summary: string;
	action: string;
	afterDeath: boolean;
}

export function emptyDraft(): EntryDraft {
	return { dateText: '', approximate: false, time: '', subjects: ['victim'], source: '', summary: '', action: '', afterDeath: false };
}

export function draftFromEntry(entry: ChronologyEntry): EntryDraft {
	return {
		dateText: entryDateInput(entry),
		approximate: entry.approximate,
		time: entry.time,
		subjects: [...entry.subjects],
		source: entry.source,
		summary: entry.summary,
		action: entry.action,
		afterDeath: entry.afterDeath
	};
}

/** The entry a draft makes, or what is wrong with it. */
export function fieldsFromDraft(draft: EntryDraft, context: EntryContext): { ok: true; fields: EntryFields } | { ok: false; errors: FieldError[] } {
	const parsed = parseUkDate(draft.dateText);
	const fields: EntryFields = {
		date: parsed?.date ?? '',
		datePrecision: parsed?.precision ?? 'day',
		approximate: draft.approximate || (parsed?.approximate ?? false),
		time: draft.time.trim(),
		subjects: draft.subjects,
		source: draft.source.trim(),
		summary: draft.summary.trim(),
		action: draft.action.trim(),
		afterDeath: draft.afterDeath
	};
	const errors = checkEntry(fields, context);
	if (!parsed && draft.dateText.trim() === '') {
		const index = errors.findIndex((error) => error.field === 'date');
		if (index !== -1) errors[index] = { field: 'date', message: 'Enter the date of the contact, for example 12/03/2019' };
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}

/**
 * The fields someone changed in their draft since they opened it, laid over the
 * entry as it is now: a field someone else changed meanwhile keeps their change
 * unless this person changed it too.
 */
export function mergeEdit(original: EntryFields, edited: EntryFields, current: EntryFields): EntryFields {
	const result: EntryFields = { ...current, subjects: [...current.subjects] };
	const keys = Object.keys(original) as (keyof EntryFields)[];
	for (const key of keys) {
		const changed = key === 'subjects' ? original.subjects.join() !== edited.subjects.join() : original[key] !== edited[key];
		if (changed) (result as Record<string, unknown>)[key] = key === 'subjects' ? [...edited.subjects] : edited[key];
	}
	return result;
}

/** The editable fields of an entry. */
export function fieldsOf(entry: ChronologyEntry): EntryFields {
	const { date, datePrecision, approximate, time, subjects, source, summary, action, afterDeath } = entry;
	return { date, datePrecision, approximate, time, subjects: [...subjects], source, summary, action, afterDeath };
}

// ---- likely duplicates ----

function wordsOf(text: string): Set<string> {
	return new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
}

/** Share of words two summaries have in common (Jaccard index), 0 to 1. */
export function summarySimilarity(a: string, b: string): number {
	return jaccard(wordsOf(a), wordsOf(b));
}

function jaccard(left: Set<string>, right: Set<string>): number {
	if (left.size === 0 || right.size === 0) return 0;
	let shared = 0;
	for (const word of left) if (right.has(word)) shared++;
	return shared / (left.size + right.size - shared);
}

export const duplicateSimilarity = 0.5;

/**
 * Events two agencies both recorded (a joint visit, a shared referral): entries of
 * different agencies on the same day with similar summaries. Flagged for the panel,
 * never merged: each agency's record stays its own. Keyed by entry id.
 */
export function crossAgencyDuplicates(entries: IntegratedEntry[]): Map<string, IntegratedEntry[]> {
	const byDay = new Map<string, { entry: IntegratedEntry; words: Set<string> }[]>();
	for (const entry of entries) {
		if (entry.datePrecision !== 'day') continue;
		const list = byDay.get(entry.date) ?? [];
		list.push({ entry, words: wordsOf(entry.summary) });
		byDay.set(entry.date, list);
	}
	const result = new Map<string, IntegratedEntry[]>();
	for (const sameDay of byDay.values()) {
		for (let i = 0; i < sameDay.length; i++) {
			for (let j = i + 1; j < sameDay.length; j++) {
				const [a, b] = [sameDay[i].entry, sameDay[j].entry];
				if (a.agencyId === b.agencyId || jaccard(sameDay[i].words, sameDay[j].words) < duplicateSimilarity) continue;
				result.set(a.id, [...(result.get(a.id) ?? []), b]);
				result.set(b.id, [...(result.get(b.id) ?? []), a]);
			}
		}
	}
	return result;
}

/** What makes two entries of one agency the same record: date, source and summary, ignoring case and spacing. */
export function entryIdentity(entry: Pick<ChronologyEntry, 'date' | 'source' | 'summary'>): string {
	const squash = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
	return `${entry.date}|${squash(entry.source)}|${squash(entry.summary)}`;
}

/** How the report cites an entry: "12 March 2019 · Northmoor Police". */
export function citationLabel(entry: Pick<IntegratedEntry, 'date' | 'datePrecision' | 'approximate' | 'agencyName'>): string {
	return `${formatEntryDate(entry)} · ${entry.agencyName}`;
}
