import type { FieldError } from '../domain/validation';

/** Who is acting, for permission checks and the audit log. */
export interface Actor {
	userId: string;
	ipAddress: string | null;
}

/** The result of a change: done, or refused with reasons (and an HTTP status for the API). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409; errors: FieldError[] };

export function refused<T>(status: 400 | 403 | 404 | 409, field: string, message: string): Outcome<T> {
	return { ok: false, status, errors: [{ field, message }] };
}
