/**
 * The identifier scan (issue 16): what in a passage could identify the victim, the
 * perpetrator, their family or the practitioners, so that nothing identifying leaves the
 * panel. Pure: the editor marks findings with it, the API answers with it, the exports
 * replace with it. It finds
 * - every term of the review's pseudonym register (real names, aliases and the variants
 *   derived from them: title + surname, first name, surname), whole words, any case,
 *   longest first, with its pseudonym;
 * - structured identifiers: postcodes, phone numbers, NHS numbers (modulus 11), National
 *   Insurance numbers, email addresses, dates of birth (a date written as a birth date:
 *   event dates are the substance of a review) and house-number-and-street addresses;
 * - likely names not in the register (a title with a capitalised name; a known first name,
 *   alone or with a capitalised surname), as suggestions.
 * It leaves alone the pseudonyms themselves ("Adult A", "Child 1"), agency and role words,
 * and a single-word name written in lower case ("a mark on her arm").
 *
 * Offsets are UTF-16 indices into the text as given. Matching runs on a normalised copy
 * (NFC, non-breaking spaces as spaces, bidirectional and zero-width marks removed) with a
 * map back to the original, so "Ma\u200Frk" and "Jose\u0301" are still found.
 *
 * Register terms are matched word by word through a trie of their lower-case words (an
 * Aho–Corasick automaton over words rather than characters: every term is whole words, so
 * a match can only start at a word). It is linear in the text. modern-ahocorasick was
 * tried first: it segments non-ASCII text into graphemes, and a megabyte of report with
 * curly apostrophes took about four seconds.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { firstNames, ambiguousFirstNames } from './first-names';

export type RegisterKind = 'person' | 'place' | 'organisation' | 'other';
export const registerKinds: RegisterKind[] = ['person', 'place', 'organisation', 'other'];

export type FindingKind =
	| RegisterKind
	| 'date_of_birth'
	| 'address'
	| 'postcode'
	| 'phone'
	| 'email'
	| 'nhs_number'
	| 'ni_number';

export const findingKinds: FindingKind[] = ['person', 'place', 'organisation', 'other', 'date_of_birth', 'address', 'postcode', 'phone', 'email', 'nhs_number', 'ni_number'];

export const findingKindLabels: Record<FindingKind, string> = {
	person: 'Name of a person',
	place: 'Place',
	organisation: 'Organisation',
	other: 'Other identifier',
	date_of_birth: 'Date of birth',
	address: 'Address',
	postcode: 'Postcode',
	phone: 'Phone number',
	email: 'Email address',
	nhs_number: 'NHS number',
	ni_number: 'National Insurance number'
};

export const registerKindLabels: Record<RegisterKind, string> = {
	person: 'Person',
	place: 'Place',
	organisation: 'Organisation',
	other: 'Other'
};

export interface RegisterTerm {
	id: string;
	real: string;
	pseudonym: string;
	kind: RegisterKind;
	aliases: string[];
}

export interface Finding {
	start: number;
	end: number;
	text: string;
	kind: FindingKind;
	/** The register's pseudonym, when the finding is a register term. */
	pseudonym: string | null;
	source: 'register' | 'pattern' | 'name';
}

/**
 * The longest text scanned in one piece. Every step is linear, so a megabyte takes well
 * under a second; longer texts are scanned in pieces of this size (split at a line end or
 * sentence end), so the time stays proportional to the length and nothing is skipped.
 */
export const scanPieceLength = 200_000;
/** The API refuses texts longer than this (1 MB of text, the bound). */
export const maxScanLength = 1_000_000;

// ---------------------------------------------------------------- normalising

/** Characters matched as nothing: bidirectional controls, zero-width spaces and joiners, BOM. */
const invisible = /^[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\u061C\uFEFF\u00AD]$/u;
const spaceLike = /^[\u00A0\u2007\u202F\u2000-\u200A\u3000]$/u;
const segmentPattern = /\P{M}\p{M}*|\p{M}+/gsu;

/** A normalised copy of the text and, for each of its code units, where it came from. */
export interface NormalisedText {
	/** NFC, spaces for non-breaking spaces, invisible marks removed; case kept. */
	text: string;
	/** The same, lower case (same length). */
	folded: string;
	/** Original start of the segment each code unit came from. */
	from: Uint32Array;
	/** Original end of that segment. */
	to: Uint32Array;
}

export function normaliseForScan(original: string): NormalisedText {
	let text = '';
	let folded = '';
	const from: number[] = [];
	const to: number[] = [];
	for (const match of original.matchAll(segmentPattern)) {
		const segment = match[0];
		const start = match.index;
		const end = start + segment.length;
		if (invisible.test(segment)) continue;
		let out = spaceLike.test(segment) ? ' ' : segment.normalize('NFC');
		// Strip invisible marks that came as "combining" (a base followed by a bidi mark is one segment only for marks).
		let lower = out.toLowerCase();
		if (lower.length !== out.length) lower = out; // e.g. "İ": keep offsets aligned
		for (let i = 0; i < out.length; i++) {
			from.push(start);
			to.push(end);
		}
		text += out;
		folded += lower;
	}
	return { text, folded, from: Uint32Array.from(from), to: Uint32Array.from(to) };
}

function foldTerm(term: string): string {
	return normaliseForScan(term).folded.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------- the register

interface TermData {
	entry: RegisterTerm;
	/** The term was written with capitals and is one word: a lower-case match is an ordinary word. */
	needsCapital: boolean;
	/** The family asked for the real name to be used (pseudonym = real name): matched, never reported. */
	kept: boolean;
}

const titles = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr'];

/** Every form of an entry that identifies it: the real name, aliases, and for people title + surname, first name, surname. */
export function termVariants(entry: RegisterTerm): string[] {
	const forms = new Set<string>();
	const add = (form: string) => {
		const clean = form.replace(/\s+/g, ' ').trim();
		if (clean.replace(/[^\p{L}\p{N}]/gu, '').length >= 3) forms.add(clean);
	};
	for (const form of [entry.real, ...entry.aliases]) {
		add(form);
		if (entry.kind !== 'person') continue;
		const words = form.trim().split(/\s+/).filter((word) => !titles.includes(word.replace(/\.$/, '')));
		if (words.length < 2) continue;
		const surname = words[words.length - 1];
		add(words[0]);
		add(surname);
		for (const title of titles) {
			add(`${title} ${surname}`);
			add(`${title}. ${surname}`);
		}
	}
	return [...forms];
}

const wordChar = /[\p{L}\p{N}]/u;

function isWordAt(text: string, index: number): boolean {
	return index >= 0 && index < text.length && wordChar.test(text[index]);
}

/** Whether the original text of a match has any capital letter. */
function hasCapital(text: string): boolean {
	return /\p{Lu}/u.test(text);
}

interface TrieNode {
	next: Map<string, TrieNode>;
	data?: TermData;
}

const termWord = /[\p{L}\p{N}]+/gu;

/** Between two words of a term: a space, or punctuation such as "Dr. " or "Anne's", never a line or sentence end. */
function isTermGap(text: string, from: number, to: number): boolean {
	const gap = text.slice(from, to);
	return gap.length > 0 && gap.length <= 3 && /^[\s'’.,-]*$/.test(gap) && !/\n|\.\s+\p{Lu}/u.test(gap);
}

function buildTrie(patterns: { pattern: string; data: TermData }[]): TrieNode {
	const root: TrieNode = { next: new Map() };
	for (const { pattern, data } of patterns) {
		let node = root;
		for (const [word] of pattern.matchAll(termWord)) {
			let child = node.next.get(word);
			if (!child) node.next.set(word, (child = { next: new Map() }));
			node = child;
		}
		// The first entry to claim a form keeps it.
		if (node !== root && !node.data) node.data = data;
	}
	return root;
}

// ---------------------------------------------------------------- structured identifiers

const postcodePattern = /\b(?:GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?|\d[A-HJKPSTUW]?) ?\d[ABD-HJLNP-UW-Z]{2})\b/g;
const emailPattern = /\b[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,5}\b/gu;
// HMRC's prefix rules, and QQ, the prefix of its published examples (used in training records).
const niPattern = /\b(?:QQ|(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const nhsPattern = /(?<![\d])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])/g;
const phonePattern = /(?<![\d+])(?:\+44[ -]?\(?0?\)?[ -]?|\(?0)\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}(?![\d])/g;

const months = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const datePart = `(?:\\d{1,2}(?:st|nd|rd|th)? (?:${months})\\.?,? \\d{4}|(?:${months}) \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|(?:${months}) \\d{4}|\\d{4})`;
// A birth-date cue, then within a few words (no sentence end) the date.
const dateOfBirthPattern = new RegExp(
	`\\b(?:born(?: on| in)?|birth(?:day| date)?|date of birth|d\\.?o\\.?b\\.?|b\\.)\\s*(?:was|is|of|as|given as|recorded as|:|-|–)?\\s*(?:on |in |as )?(${datePart})(?![\\d/])`,
	'gi'
);

const streetWords =
	'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Grove|Place|Terrace|Court|Gardens|Square|Hill|Walk|Mews|Row|View|Rise|Parade|Green|Vale|Fold|Croft|Gate|Park|Wynd|Boulevard|Approach|Lea|Meadow|Meadows';
const addressPattern = new RegExp(
	`(?:\\b(?:Flat|Apartment|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?\\b\\d{1,4}[A-Za-z]?,?\\s+(?:[A-Z][\\p{L}'’-]+\\s+){1,3}(?:${streetWords})\\b\\.?`,
	'gu'
);

/** The NHS number's check digit (modulus 11, weights 10 to 2): a wrong one means it is not an NHS number. */
export function isValidNhsNumber(digits: string): boolean {
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
	let check = 11 - (sum % 11);
	if (check === 11) check = 0;
	if (check === 10) return false;
	return check === Number(digits[9]);
}

interface Candidate {
	start: number;
	end: number;
	kind: FindingKind;
	pseudonym: string | null;
	source: Finding['source'];
	kept?: boolean;
}

function structuredIdentifiers(text: string): Candidate[] {
	const found: Candidate[] = [];
	const push = (start: number, end: number, kind: FindingKind) => found.push({ start, end, kind, pseudonym: null, source: 'pattern' });
	for (const m of text.matchAll(emailPattern)) push(m.index, m.index + m[0].length, 'email');
	for (const m of text.matchAll(postcodePattern)) push(m.index, m.index + m[0].length, 'postcode');
	for (const m of text.matchAll(niPattern)) push(m.index, m.index + m[0].length, 'ni_number');
	for (const m of text.matchAll(nhsPattern)) {
		if (isValidNhsNumber(m[0].replace(/\D/g, ''))) push(m.index, m.index + m[0].length, 'nhs_number');
	}
	for (const m of text.matchAll(phonePattern)) {
		const number = parsePhoneNumberFromString(m[0], 'GB');
		if (number?.isPossible()) push(m.index, m.index + m[0].length, 'phone');
	}
	for (const m of text.matchAll(dateOfBirthPattern)) {
		const start = m.index + m[0].length - m[1].length;
		push(start, m.index + m[0].length, 'date_of_birth');
	}
	for (const m of text.matchAll(addressPattern)) {
		const value = m[0].replace(/\.$/, '');
		push(m.index, m.index + value.length, 'address');
	}
	return found;
}

// ---------------------------------------------------------------- names not in the register

const personTitles = 'Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|PC|DC|DS|DI|Sgt|Sergeant|Constable|Nurse|Sister|Father|Rev|Reverend|Councillor|Cllr';
const titledNamePattern = new RegExp(`\\b(?:${personTitles})\\.?\\s+(\\p{Lu}[\\p{Ll}'’-]+(?:[ -]\\p{Lu}[\\p{Ll}'’-]+)?)`, 'gu');
const capitalisedWord = /\p{Lu}[\p{Ll}'’-]*\p{Ll}/uy;

/** Words after a first name that make it a place or an organisation, not a person. */
const notSurname = new Set(
	(
		'Street Road Avenue Lane Close Drive Way Crescent Grove Place Terrace Court Gardens Square Hill Walk Mews Row View Rise Park ' +
		'House Hospital Surgery Practice Centre Center Clinic Ward Unit Trust Council Police Service Services School Academy College ' +
		'University Church Primary Nursery Refuge Hall Lodge Cottage Estate Medical Health Partnership Team Project Group Foundation ' +
		'Programme Line Station Court Prison Hostel Ward Day Month Week Year Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
	).split(' ')
);
/** Capitalised words that are never the start of someone's name here. */
const notName = new Set(
	(
		'Adult Child Victim Perpetrator Person Family Member Sibling Parent Mother Father Daughter Son Brother Sister Practitioner Officer ' +
		'Worker Agency Police Health Housing Social Care Services Service The A An'
	).split(' ')
);

/** "Adult A", "Child 1", "Family Member 2": the pseudonyms the panel uses, never a finding. */
const pseudonymShape = /^(?:Adult|Child|Victim|Perpetrator|Person|Family Member|Family member|Sibling|Parent|Practitioner|Officer|Worker|Friend|Neighbour|Partner|Ms|Mr|Mrs|Dr|School|Agency|Town|Refuge)\s+(?:\p{Lu}|\d{1,2})$/u;

function unregisteredNames(text: string): Candidate[] {
	const found: Candidate[] = [];
	for (const m of text.matchAll(titledNamePattern)) {
		const name = m[1];
		if (notName.has(name.split(/[ -]/)[0]) || notSurname.has(name.split(/[ -]/).pop() ?? '')) continue;
		// "Dr Adult B" cannot happen; "Mrs B" is already too short for the pattern.
		found.push({ start: m.index, end: m.index + m[0].length, kind: 'person', pseudonym: null, source: 'name' });
	}
	// Known first names, alone or with a capitalised surname after them.
	const wordPattern = /\p{Lu}[\p{Ll}'’-]*\p{Ll}/gu;
	for (const m of text.matchAll(wordPattern)) {
		if (isWordAt(text, m.index - 1) || isWordAt(text, m.index + m[0].length)) continue;
		const first = m[0].replace(/['’]s$/, '');
		if (!firstNames.has(first)) continue;
		let end = m.index + first.length;
		capitalisedWord.lastIndex = m.index + m[0].length + 1;
		const next = text[m.index + m[0].length] === ' ' ? capitalisedWord.exec(text) : null;
		if (next && m[0] === first && !notSurname.has(next[0]) && !notName.has(next[0]) && !isWordAt(text, next.index + next[0].length)) {
			end = next.index + next[0].length;
		} else if (ambiguousFirstNames.has(first)) {
			continue; // "May", "Will", "Grace": only with a surname
		}
		found.push({ start: m.index, end, kind: 'person', pseudonym: null, source: 'name' });
	}
	return found;
}

// ---------------------------------------------------------------- the scanner

export interface Scanner {
	scan(text: string): Finding[];
}

/**
 * Compiles the register once (an Aho–Corasick automaton over every variant, lower case),
 * for scanning many paragraphs.
 */
export function createScanner(register: RegisterTerm[]): Scanner {
	const patterns: { pattern: string; data: TermData }[] = [];
	const pseudonyms = new Set<string>();
	const seen = new Set<string>();
	for (const entry of register) {
		const kept = foldTerm(entry.pseudonym) === foldTerm(entry.real);
		if (!kept) pseudonyms.add(foldTerm(entry.pseudonym));
		for (const variant of termVariants(entry)) {
			const folded = foldTerm(variant);
			if (!folded || seen.has(folded)) continue;
			seen.add(folded);
			patterns.push({ pattern: folded, data: { entry, needsCapital: hasCapital(variant) && !/\s/.test(folded), kept } });
		}
	}
	const trie = buildTrie(patterns);

	function registerTerms(normalised: NormalisedText): Candidate[] {
		if (patterns.length === 0) return [];
		const { text, folded } = normalised;
		const words = [...folded.matchAll(termWord)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));
		const found: Candidate[] = [];
		for (let i = 0; i < words.length; i++) {
			// Longest term starting at this word.
			let node: TrieNode | undefined = trie;
			let best: { data: TermData; end: number } | null = null;
			for (let j = i; j < words.length && node; j++) {
				if (j > i && !isTermGap(folded, words[j - 1].end, words[j].start)) break;
				node = node.next.get(words[j].word);
				if (node?.data) best = { data: node.data, end: words[j].end };
			}
			if (!best) continue;
			if (best.data.needsCapital && !hasCapital(text.slice(words[i].start, best.end))) continue;
			found.push({ start: words[i].start, end: best.end, kind: best.data.entry.kind, pseudonym: best.data.entry.pseudonym, source: 'register', kept: best.data.kept });
		}
		return found;
	}

	function isPseudonym(text: string, candidate: Candidate): boolean {
		const words = text.slice(candidate.start, candidate.end);
		return pseudonyms.has(words.toLowerCase()) || pseudonymShape.test(words);
	}

	function scanPiece(original: string, offset: number): Finding[] {
		const normalised = normaliseForScan(original);
		const { text } = normalised;
		// Register terms first (they carry a pseudonym), longest first; then structured
		// identifiers, then suggested names, each kept only where nothing chosen overlaps.
		const byLength = (a: Candidate, b: Candidate) => b.end - b.start - (a.end - a.start) || a.start - b.start;
		const ordered = [
			...registerTerms(normalised).sort(byLength),
			...structuredIdentifiers(text).sort(byLength),
			...unregisteredNames(text)
				.filter((c) => !isPseudonym(text, c))
				.sort(byLength)
		];
		const chosen: Candidate[] = [];
		for (const candidate of ordered) {
			if (chosen.some((c) => c.start < candidate.end && candidate.start < c.end)) continue;
			chosen.push(candidate);
		}
		return chosen
			.filter((c) => !c.kept)
			.sort((a, b) => a.start - b.start)
			.map((c) => {
				const start = normalised.from[c.start];
				const end = normalised.to[c.end - 1];
				return { start: start + offset, end: end + offset, text: original.slice(start, end), kind: c.kind, pseudonym: c.pseudonym, source: c.source };
			});
	}

	return {
		scan(text: string): Finding[] {
			if (text.length <= scanPieceLength) return scanPiece(text, 0);
			const findings: Finding[] = [];
			for (let start = 0; start < text.length; ) {
				let end = Math.min(text.length, start + scanPieceLength);
				if (end < text.length) {
					// Cut at a line end, else after a sentence, so a name or number is not cut in two.
					const cut = Math.max(text.lastIndexOf('\n', end), text.lastIndexOf('. ', end) + 1);
					if (cut > start + scanPieceLength / 2) end = cut;
				}
				findings.push(...scanPiece(text.slice(start, end), start));
				start = end;
			}
			return findings;
		}
	};
}

/** One scan without keeping the compiled register: for a single text. */
export function scanText(text: string, register: RegisterTerm[]): Finding[] {
	return createScanner(register).scan(text);
}

/**
 * The text with every register term replaced by its pseudonym. A possessive stays one
 * ("Mark's" becomes "Adult B's") because only the name itself is a finding.
 */
export function applyPseudonyms(text: string, register: RegisterTerm[], scanner: Scanner = createScanner(register)): string {
	const findings = scanner.scan(text).filter((f) => f.source === 'register' && f.pseudonym !== null);
	let out = '';
	let last = 0;
	for (const finding of findings) {
		out += text.slice(last, finding.start) + finding.pseudonym;
		last = finding.end;
	}
	return out + text.slice(last);
}

// ---------------------------------------------------------------- register entries

export type PseudonymChoice = 'family' | 'panel' | 'real_name';
export const pseudonymChoiceLabels: Record<PseudonymChoice, string> = {
	family: 'Chosen with the family',
	panel: 'Chosen by the panel',
	real_name: "The real name is used at the family's request"
};

export interface RegisterEntryInput {
	real: string;
	pseudonym: string;
	kind: RegisterKind;
	aliases: string[];
	choice: PseudonymChoice | null;
	/** For the real name used: who asked, and when; otherwise how it was chosen. */
	note: string;
}

export const maxTermLength = 200;
export const maxAliases = 20;

function letters(term: string): number {
	return term.replace(/[^\p{L}\p{N}]/gu, '').length;
}

/**
 * What is wrong with an entry, as sentences for the form and the API. `others` are the
 * review's other entries (without this one when it is being changed).
 */
export function registerEntryProblems(input: RegisterEntryInput, others: Pick<RegisterTerm, 'real' | 'pseudonym' | 'aliases'>[]): string[] {
	const problems: string[] = [];
	const real = input.real.trim();
	const pseudonym = input.pseudonym.trim();
	if (!real) problems.push('Enter the real name or identifier');
	else if (letters(real) < 3) problems.push('A real name or identifier needs at least 3 letters or digits, or it would match ordinary words everywhere');
	else if (real.length > maxTermLength) problems.push(`Keep the real name to ${maxTermLength} characters or fewer`);
	if (!pseudonym) problems.push('Enter the pseudonym');
	else if (pseudonym.length > maxTermLength) problems.push(`Keep the pseudonym to ${maxTermLength} characters or fewer`);
	if (input.aliases.length > maxAliases) problems.push(`Give ${maxAliases} other names or fewer`);
	for (const alias of input.aliases) {
		if (letters(alias) < 3) {
			problems.push('Each other name needs at least 3 letters or digits');
			break;
		}
		if (alias.length > maxTermLength) {
			problems.push(`Keep each other name to ${maxTermLength} characters or fewer`);
			break;
		}
	}
	const realForms = new Set(others.flatMap((other) => [other.real, ...other.aliases]).map(foldTerm));
	if (real && pseudonym && input.choice !== 'real_name' && foldTerm(real) === foldTerm(pseudonym)) {
		problems.push('The pseudonym is the real name: choose "The real name is used at the family\'s request" if that is what the family asked for');
	}
	if (pseudonym && realForms.has(foldTerm(pseudonym))) problems.push('The pseudonym is the real name of another entry in the register');
	if (real && realForms.has(foldTerm(real))) problems.push('That real name is already in the register');
	if (real && others.some((other) => foldTerm(other.pseudonym) === foldTerm(real))) problems.push('That real name is used as another entry\'s pseudonym');
	if (input.choice === 'real_name' && !input.note.trim()) problems.push('Say who asked for the real name to be used, and when');
	if (input.note.length > 1000) problems.push('Keep the note to 1000 characters or fewer');
	return problems;
}
