/**
 * Calendar dates as the product shows and stores them. Dates are kept as
 * `YYYY-MM-DD` strings (no time zone to go wrong); the UI shows them the GOV.UK
 * way, "3 March 2025".
 */
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format } from 'date-fns';

export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses `YYYY-MM-DD` into a local-midnight Date, or null if it is not a real date.
 * By hand rather than date-fns `parse`: it runs for every entry of a 50,000-entry
 * chronology, and a real date is simply one the calendar does not roll over.
 */
export function parseIsoDate(value: string): Date | null {
	const match = isoDatePattern.exec(value);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(year, month - 1, day);
	date.setFullYear(year); // years 0–99 would otherwise mean 1900–1999
	return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

export function isIsoDate(value: unknown): value is IsoDate {
	return typeof value === 'string' && parseIsoDate(value) !== null;
}

export function toIsoDate(date: Date): IsoDate {
	return format(date, 'yyyy-MM-dd');
}

function requireDate(value: IsoDate): Date {
	const date = parseIsoDate(value);
	if (!date) throw new RangeError(`Not a date: ${value}`);
	return date;
}

/** "3 March 2025" */
export function formatDate(value: IsoDate): string {
	return format(requireDate(value), 'd MMMM yyyy');
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: 'numeric',
	minute: '2-digit',
	hour12: true
});

/** "3 March 2025 at 2:05pm", in UK time whatever the server's zone. */
export function formatDateTime(moment: Date): string {
	const parts = Object.fromEntries(dateTimeFormat.formatToParts(moment).map((p) => [p.type, p.value]));
	return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${String(parts.dayPeriod).toLowerCase()}`;
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/**
 * The instant of a UK wall-clock date and time (`YYYY-MM-DD`, `HH:MM`), whatever the
 * server's zone, across the clock changes (@date-fns/tz does the zone rules).
 */
export function ukDateTimeToInstant(date: IsoDate, time: string): Date {
	const [hours, minutes] = time.split(':').map(Number);
	return new Date(new TZDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hours, minutes, 'Europe/London').getTime());
}

/** Today's date in the UK, which is what statutory deadlines are counted in. */
export function todayInUk(now: Date): IsoDate {
	return londonDay.format(now);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
	return differenceInCalendarDays(requireDate(to), requireDate(from));
}


export interface DateParts {
	day: string;
	month: string;
	year: string;
}

/** A stored date as the three boxes of a date input show it ("2025-03-03" → 3 / 3 / 2025); empty boxes for none. */
export function datePartsOf(date: string | null): DateParts {
	const [year = '', month = '', day = ''] = (date ?? '').split('-');
	return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

export type DatePartsResult =
	| { ok: true; value: IsoDate }
	| { ok: false; message: string; parts: ('day' | 'month' | 'year')[] };

const monthNames = [
	'january', 'february', 'march', 'april', 'may', 'june',
	'july', 'august', 'september', 'october', 'november', 'december'
];

function parseMonth(raw: string): number | null {
	if (/^\d{1,2}$/.test(raw)) return Number(raw);
	const lower = raw.toLowerCase();
	const index = monthNames.findIndex((name) => name === lower || name.slice(0, 3) === lower);
	return index === -1 ? null : index + 1;
}

/**
 * Reads the three boxes of a GOV.UK date input. `label` names the date in
 * messages, e.g. "Date of death". Error wording follows the GOV.UK pattern.
 */
export function parseDateParts(input: DateParts, label: string): DatePartsResult {
	const day = input.day.trim();
	const monthRaw = input.month.trim();
	const year = input.year.trim();
	const missing = (['day', 'month', 'year'] as const).filter(
		(part) => ({ day, month: monthRaw, year })[part] === ''
	);
	if (missing.length === 3) return { ok: false, message: `Enter ${lowerFirst(label)}`, parts: ['day', 'month', 'year'] };
	if (missing.length > 0) {
		return { ok: false, message: `${label} must include a ${missing.join(' and ')}`, parts: [...missing] };
	}
	const month = parseMonth(monthRaw);
	if (!/^\d{1,2}$/.test(day) || month === null || !/^\d{4}$/.test(year)) {
		return { ok: false, message: `${label} must be a real date`, parts: ['day', 'month', 'year'] };
	}
	const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
	if (!parseIsoDate(iso)) {
		return { ok: false, message: `${label} must be a real date`, parts: ['day', 'month', 'year'] };
	}
	return { ok: true, value: iso };
}


function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}
