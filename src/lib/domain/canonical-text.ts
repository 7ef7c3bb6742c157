/**
 * The canonical text of the report, which a sign-off confirms (issue 6). Only words
 * count: formatting, paragraph breaks and spacing do not, so making a phrase bold or
 * splitting a paragraph leaves the hash as it was, and any change of words changes it.
 * A citation counts by the entry it cites.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export interface SectionText {
	title: string;
	/** The section's words, in order; block boundaries as whitespace. */
	text: string;
}

export function canonicalText(sections: SectionText[]): string {
	const normalise = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim();
	return sections.map((section) => `## ${normalise(section.title)}\n${normalise(section.text)}`).join('\n');
}

export function textHash(sections: SectionText[]): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalText(sections))));
}
