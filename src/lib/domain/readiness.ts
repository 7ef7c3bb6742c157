/**
 * Quality assurance readiness (issue 17): the points the Home Office quality assurance
 * panel's feedback letters ask for again and again, checked before the chair submits.
 * Each check is automated where the workspace can tell; where it cannot (whether a
 * statement of independence is adequate, whether the summary stands alone) the chair
 * attests it, and the attestation is stored and audited. An attestation never overrides
 * what the workspace can see is missing.
 */

export type ReadinessStatus = 'met' | 'not_met' | 'attested';

export interface ReadinessCheck {
	key: ReadinessKey;
	label: string;
	status: ReadinessStatus;
	detail: string;
	/** Where to fix it (a path in the workspace). */
	href: string;
	/** The chair may attest it (the workspace cannot tell for itself). */
	attestable: boolean;
}

export const readinessKeys = [
	'sections_written',
	'terms_of_reference',
	'equality_diversity',
	'family_involvement',
	'independence',
	'recommendations',
	'executive_summary',
	'language_flags',
	'identifier_findings',
	'agencies',
	'glossary'
] as const;
export type ReadinessKey = (typeof readinessKeys)[number];

export const readinessLabels: Record<ReadinessKey, string> = {
	sections_written: 'Every section of the template is written',
	terms_of_reference: 'The terms of reference are present and name the key lines of enquiry',
	equality_diversity: 'The equality and diversity section addresses the protected characteristics',
	family_involvement: 'Family involvement is described, and whether the family saw the final draft',
	independence: 'The independence of the panel members and the author is stated',
	recommendations: 'Recommendations are SMART and all in one place, single-agency and multi-agency together',
	executive_summary: 'The executive summary stands alone',
	language_flags: 'No language flags are open',
	identifier_findings: 'No identifier findings are open',
	agencies: 'Every agency has confirmed, or its disagreement is recorded',
	glossary: 'Every abbreviation the report uses is in the glossary'
};

/** The checks the chair may attest: those the workspace cannot judge for itself. */
export const attestableKeys: ReadonlySet<ReadinessKey> = new Set(['equality_diversity', 'family_involvement', 'independence', 'recommendations', 'executive_summary']);

export const protectedCharacteristics = ['age', 'disability', 'gender reassignment', 'marriage', 'pregnancy', 'race', 'religion', 'sex', 'sexual orientation'] as const;

/** What the workspace knows, gathered by the server (server/readiness.ts). */
export interface ReadinessFacts {
	reviewId: string;
	/** Titles of template sections with nothing written. */
	emptySections: string[];
	terms: { present: boolean; linesOfEnquiry: number };
	/** The equality and diversity section's words, lower-cased ('' when empty). */
	equalityText: string;
	involvementWritten: boolean;
	/** The family saw the final draft, or the chair recorded why not. */
	familyDraftRecorded: boolean;
	independenceSectionsEmpty: string[];
	recommendations: { count: number; withWarnings: number };
	executiveSummaryWritten: boolean;
	openLanguageFlags: number;
	/** null: the workspace cannot tell yet (no pseudonym register). */
	openIdentifierFindings: number | null;
	/** Names of agencies neither confirmed nor with a recorded disagreement. */
	agenciesOutstanding: string[];
	/** Abbreviations used that no glossary expands. */
	unknownAbbreviations: string[];
}

export interface Attestation {
	note: string;
	byName: string;
	at: Date;
}

type Automatic = { status: 'met' | 'not_met'; detail: string } | { status: 'attest'; detail: string };

function list(words: string[]): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function automatic(key: ReadinessKey, facts: ReadinessFacts): Automatic {
	switch (key) {
		case 'sections_written':
			return facts.emptySections.length ? { status: 'not_met', detail: `Not written yet: ${list(facts.emptySections)}.` } : { status: 'met', detail: 'Every section has text.' };
		case 'terms_of_reference':
			if (!facts.terms.present) return { status: 'not_met', detail: 'The terms of reference are not written.' };
			return facts.terms.linesOfEnquiry > 0
				? { status: 'met', detail: `${facts.terms.linesOfEnquiry} key ${facts.terms.linesOfEnquiry === 1 ? 'line' : 'lines'} of enquiry found.` }
				: { status: 'not_met', detail: 'The terms of reference do not name the key lines of enquiry (a list after the words “key lines of enquiry”).' };
		case 'equality_diversity': {
			if (!facts.equalityText) return { status: 'not_met', detail: 'The equality and diversity section is not written.' };
			const missing = protectedCharacteristics.filter((name) => !facts.equalityText.includes(name));
			return { status: 'attest', detail: missing.length ? `Not mentioned: ${list([...missing])}. Attest once each has been considered.` : 'Every protected characteristic is mentioned. Attest that each is addressed.' };
		}
		case 'family_involvement':
			if (!facts.involvementWritten) return { status: 'not_met', detail: 'The section on the involvement of family and friends is not written.' };
			if (!facts.familyDraftRecorded) return { status: 'not_met', detail: 'Record on the sign-off page whether the family saw the final draft.' };
			return { status: 'attest', detail: 'Attest that the section describes how the family was involved.' };
		case 'independence':
			return facts.independenceSectionsEmpty.length
				? { status: 'not_met', detail: `Not written yet: ${list(facts.independenceSectionsEmpty)}.` }
				: { status: 'attest', detail: 'Attest that the panel members’ and the author’s independence is stated.' };
		case 'recommendations':
			if (!facts.recommendations.count) return { status: 'not_met', detail: 'No recommendations are recorded.' };
			if (facts.recommendations.withWarnings) return { status: 'not_met', detail: `${facts.recommendations.withWarnings} of ${facts.recommendations.count} recommendations have SMART warnings.` };
			return { status: 'attest', detail: `${facts.recommendations.count} recommendations, none with SMART warnings. Attest that single-agency and multi-agency ones are together in one place.` };
		case 'executive_summary':
			return facts.executiveSummaryWritten ? { status: 'attest', detail: 'Attest that it can be read on its own.' } : { status: 'not_met', detail: 'The executive summary is not written.' };
		case 'language_flags':
			return facts.openLanguageFlags ? { status: 'not_met', detail: `${facts.openLanguageFlags} language ${facts.openLanguageFlags === 1 ? 'flag is' : 'flags are'} open.` } : { status: 'met', detail: 'None open.' };
		case 'identifier_findings':
			if (facts.openIdentifierFindings === null) return { status: 'not_met', detail: 'The workspace cannot tell yet: the pseudonym register is not available.' };
			return facts.openIdentifierFindings ? { status: 'not_met', detail: `${facts.openIdentifierFindings} identifier ${facts.openIdentifierFindings === 1 ? 'finding is' : 'findings are'} open.` } : { status: 'met', detail: 'None open.' };
		case 'agencies':
			return facts.agenciesOutstanding.length ? { status: 'not_met', detail: `Still to confirm or have a disagreement recorded: ${list(facts.agenciesOutstanding)}.` } : { status: 'met', detail: 'Every agency has confirmed or has a recorded disagreement.' };
		case 'glossary':
			return facts.unknownAbbreviations.length ? { status: 'not_met', detail: `No meaning given for: ${list(facts.unknownAbbreviations)}.` } : { status: 'met', detail: 'Every abbreviation used has its meaning.' };
	}
}

function hrefOf(key: ReadinessKey, reviewId: string): string {
	const base = `/reviews/${reviewId}`;
	switch (key) {
		case 'language_flags':
		case 'identifier_findings':
		case 'sections_written':
		case 'terms_of_reference':
		case 'equality_diversity':
		case 'independence':
		case 'executive_summary':
		case 'recommendations':
			return `${base}/report`;
		case 'family_involvement':
		case 'agencies':
			return `${base}/signoff`;
		case 'glossary':
			return `${base}/publication#glossary`;
	}
}

export function evaluateReadiness(facts: ReadinessFacts, attestations: ReadonlyMap<string, Attestation>): ReadinessCheck[] {
	return readinessKeys.map((key) => {
		const result = automatic(key, facts);
		const attestation = attestations.get(key);
		const attestable = attestableKeys.has(key) && result.status === 'attest';
		let status: ReadinessStatus;
		let detail = result.detail;
		if (result.status === 'attest') {
			status = attestation ? 'attested' : 'not_met';
			if (attestation) detail = `Attested by ${attestation.byName}${attestation.note ? `: ${attestation.note}` : '.'}`;
		} else status = result.status;
		return { key, label: readinessLabels[key], status, detail, href: hrefOf(key, facts.reviewId), attestable };
	});
}

export function isReadinessKey(value: unknown): value is ReadinessKey {
	return typeof value === 'string' && (readinessKeys as readonly string[]).includes(value);
}
