import { describe, expect, it } from 'vitest';
import { datePartsOf, formatDate, formatDateTime, isIsoDate, parseDateParts, todayInUk, ukDateTimeToInstant } from './dates';

describe('dates', () => {
	it('shows dates the GOV.UK way', () => {
		expect(formatDate('2025-03-03')).toBe('3 March 2025');
		expect(formatDate('2024-02-29')).toBe('29 February 2024');
	});

	it('shows times in UK time with am or pm', () => {
		expect(formatDateTime(new Date('2025-07-01T13:05:00Z'))).toBe('1 July 2025 at 2:05pm');
		expect(formatDateTime(new Date('2025-01-15T09:30:00Z'))).toBe('15 January 2025 at 9:30am');
	});

	it('knows the UK date when it differs from UTC', () => {
		expect(todayInUk(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
		expect(todayInUk(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
	});

	it('accepts only real calendar dates', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2025-02-29')).toBe(false);
		expect(isIsoDate('2025-13-01')).toBe(false);
		expect(isIsoDate('3 March 2025')).toBe(false);
	});

	it('reads the three boxes of a date input, including month names', () => {
		expect(parseDateParts({ day: '3', month: '3', year: '2025' }, 'Date of death')).toEqual({ ok: true, value: '2025-03-03' });
		expect(parseDateParts({ day: '3', month: 'mar', year: '2025' }, 'Date of death')).toEqual({ ok: true, value: '2025-03-03' });
	});

	it('says which part of a date is missing, in GOV.UK words', () => {
		expect(parseDateParts({ day: '', month: '', year: '' }, 'Date of death')).toMatchObject({ ok: false, message: 'Enter date of death' });
		expect(parseDateParts({ day: '3', month: '', year: '2025' }, 'Date of death')).toMatchObject({ ok: false, message: 'Date of death must include a month' });
		expect(parseDateParts({ day: '30', month: '2', year: '2025' }, 'Date of death')).toMatchObject({ ok: false, message: 'Date of death must be a real date' });
	});
});

describe('datePartsOf', () => {
	it('shows a stored date in the three boxes without leading zeros, and empty boxes for none', () => {
		expect(datePartsOf('2025-03-03')).toEqual({ day: '3', month: '3', year: '2025' });
		expect(datePartsOf('2025-12-10')).toEqual({ day: '10', month: '12', year: '2025' });
		expect(datePartsOf(null)).toEqual({ day: '', month: '', year: '' });
		expect(datePartsOf('')).toEqual({ day: '', month: '', year: '' });
	});
});

describe('UK wall-clock times', () => {
	it('turn into the right instant in winter and in summer time', () => {
		expect(ukDateTimeToInstant('2026-01-15', '09:30').toISOString()).toBe('2026-01-15T09:30:00.000Z');
		expect(ukDateTimeToInstant('2026-07-15', '09:30').toISOString()).toBe('2026-07-15T08:30:00.000Z');
	});
});
