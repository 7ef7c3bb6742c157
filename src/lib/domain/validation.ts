/** A problem with one field of a form or API body, in words the user can act on. */
export interface FieldError {
	field: string;
	message: string;
}

/** A plausible email address: something@somewhere.tld, no spaces. Delivery is the real test. */
export function isEmailAddress(value: string): boolean {
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function firstErrorByField(errors: readonly FieldError[]): Record<string, string> {
	const byField: Record<string, string> = {};
	for (const error of errors) byField[error.field] ??= error.message;
	return byField;
}
