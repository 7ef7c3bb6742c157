/**
 * Dismissing one flagged occurrence (with a reason) in the report. An occurrence is
 * known by its term, which match of that term it is within its paragraph, and the
 * paragraph's text: if the paragraph is rewritten the flag comes back, since the
 * reason given may no longer hold.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export function occurrenceKey(termId: string, nth: number, paragraph: string): string {
	return `${termId}#${nth}#${paragraphHash(paragraph)}`;
}

/** Stable across whitespace changes, and does not store the restricted text itself. */
function paragraphHash(text: string): string {
	const normalised = text.replace(/\s+/g, ' ').trim();
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised))).slice(0, 16);
}

export const maxDismissalReasonLength = 500;

export function dismissalReasonProblems(reason: string): string[] {
	const trimmed = reason.trim();
	if (!trimmed) return ['Say why this wording is right here'];
	if (trimmed.length > maxDismissalReasonLength) return [`Keep the reason to ${maxDismissalReasonLength} characters or fewer`];
	return [];
}
