/**
 * The glossary of a report (issue 17): the Home Office quality assurance panel asks
 * again and again for the abbreviations a report uses to be spelt out. Built from the
 * text: every abbreviation the report uses that the domain list (or the chair's own
 * additions for the review) can expand, in alphabetical order; those it cannot are
 * listed for the chair to add.
 */

/** Abbreviations common in Domestic Homicide Reviews and the agencies they involve. */
export const domainAbbreviations: Readonly<Record<string, string>> = {
	AAFDA: 'Advocacy After Fatal Domestic Abuse',
	ASC: 'Adult Social Care',
	BAME: 'Black, Asian and minority ethnic',
	CAMHS: 'Child and Adolescent Mental Health Services',
	CCG: 'Clinical Commissioning Group',
	CPS: 'Crown Prosecution Service',
	CSP: 'Community Safety Partnership',
	CMHT: 'Community Mental Health Team',
	DA: 'Domestic abuse',
	DAC: 'Domestic Abuse Commissioner',
	DASH: 'Domestic Abuse, Stalking and Harassment and Honour-Based Violence risk assessment',
	DHR: 'Domestic Homicide Review',
	DVPN: 'Domestic Violence Protection Notice',
	DVPO: 'Domestic Violence Protection Order',
	DVDS: 'Domestic Violence Disclosure Scheme (Clare’s Law)',
	ED: 'Emergency Department',
	GP: 'General Practitioner',
	HBV: 'Honour-based violence',
	ICB: 'Integrated Care Board',
	IDVA: 'Independent Domestic Violence Adviser',
	IMR: 'Individual Management Review',
	IOPC: 'Independent Office for Police Conduct',
	ISVA: 'Independent Sexual Violence Adviser',
	KLOE: 'Key line of enquiry',
	MAPPA: 'Multi-Agency Public Protection Arrangements',
	MARAC: 'Multi-Agency Risk Assessment Conference',
	MASH: 'Multi-Agency Safeguarding Hub',
	NHS: 'National Health Service',
	NPS: 'National Probation Service',
	PNC: 'Police National Computer',
	PPN: 'Public Protection Notice',
	SAR: 'Safeguarding Adults Review',
	SCR: 'Serious Case Review',
	SMART: 'Specific, measurable, achievable, relevant and time-bound',
	ToR: 'Terms of reference',
	VAWG: 'Violence against women and girls'
};

export interface GlossaryEntry {
	abbreviation: string;
	expansion: string;
}

export interface Glossary {
	entries: GlossaryEntry[];
	/** Abbreviations the text uses that no list expands: for the chair to add. */
	unknown: string[];
}

/** Two or more capitals (digits and a lower-case letter allowed after the first two), as a word on its own. */
const abbreviationPattern = /\b[A-Z][A-Za-z]?[A-Z][A-Z0-9]*s?\b/g;

/** Capitalised words that are not abbreviations a reader needs spelt out. */
const notAbbreviations = new Set(['OFFICIAL', 'SENSITIVE', 'OFFICIAL-SENSITIVE', 'I', 'A', 'OK', 'UK']);

/** Checks an abbreviation the chair adds: letters and digits, 2 to 12 characters. */
export function abbreviationProblem(abbreviation: string, expansion: string): string | null {
	if (!/^[A-Za-z][A-Za-z0-9&]{1,11}$/.test(abbreviation.trim())) return 'Enter the abbreviation as 2 to 12 letters or digits, for example MARAC';
	if (!expansion.trim()) return 'Enter what the abbreviation stands for';
	if (expansion.trim().length > 200) return 'Keep the meaning to 200 characters or fewer';
	return null;
}

/**
 * The glossary for a text. `extra` (the chair's additions for the review) wins over the
 * domain list, so a review can say what an abbreviation means locally.
 */
export function buildGlossary(text: string, extra: Readonly<Record<string, string>> = {}): Glossary {
	const known = new Map<string, string>();
	for (const [key, value] of Object.entries(domainAbbreviations)) known.set(key, value);
	for (const [key, value] of Object.entries(extra)) known.set(key, value);
	const used = new Set<string>();
	for (const match of text.matchAll(abbreviationPattern)) {
		let word = match[0];
		// "IDVAs" is the plural of IDVA.
		if (word.endsWith('s') && !known.has(word) && known.has(word.slice(0, -1))) word = word.slice(0, -1);
		if (!notAbbreviations.has(word)) used.add(word);
	}
	const entries: GlossaryEntry[] = [];
	const unknown: string[] = [];
	for (const word of used) {
		const expansion = known.get(word);
		if (expansion) entries.push({ abbreviation: word, expansion });
		else if (/^[A-Z0-9]+$/.test(word)) unknown.push(word);
	}
	const byWord = (a: string, b: string) => a.localeCompare(b, 'en-GB');
	return { entries: entries.sort((a, b) => byWord(a.abbreviation, b.abbreviation)), unknown: unknown.sort(byWord) };
}
