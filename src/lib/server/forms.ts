import { parseDateParts, type DateParts, type IsoDate } from '../domain/dates';
import type { FieldError } from '../domain/validation';

export function formText(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

export function formDateParts(form: FormData, id: string): DateParts {
	return { day: formText(form, `${id}-day`), month: formText(form, `${id}-month`), year: formText(form, `${id}-year`) };
}

/**
 * Reads a GOV.UK date input. An empty optional date is null; an error is pushed
 * onto `errors` under the field's id.
 */
export function formDate(form: FormData, id: string, label: string, errors: FieldError[], required = true): IsoDate | null {
	const parts = formDateParts(form, id);
	if (!required && !parts.day && !parts.month && !parts.year) return null;
	const parsed = parseDateParts(parts, label);
	if (!parsed.ok) {
		errors.push({ field: id, message: parsed.message });
		return null;
	}
	return parsed.value;
}
