/**
 * Quality assurance readiness (issue 17): the points the Home Office quality assurance
 * panel's feedback letters ask for again and again, checked before the chair submits.
 * Each check is automated where the workspace can tell (independence: the declarations
 * recorded on the independence page); where it cannot (whether the equality section is
 * adequate, whether the summary stands alone) the chair
 * attests it, and the attestation is stored and audited. An attestation never overrides
 * what the workspace can see is missing.
 */

import { formatDate } from './dates';

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
	'action_plan',
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
	action_plan: 'Every recommendation has at least one action with an owner and a target date',
	glossary: 'Every abbreviation the report uses is in the glossary'
};

/** The checks the chair may attest: those the workspace cannot judge for itself. */
export const attestableKeys: ReadonlySet<ReadinessKey> = new Set(['equality_diversity', 'family_involvement', 'recommendations', 'executive_summary']);

export const protectedCharacteristics = ['age', 'disability', 'gender reassignment', 'marriage', 'pregnancy', 'race', 'religion', 'sex', 'sexual orientation'] as const;

/** What the workspace knows, gathered by the server (server/readiness.ts). */
export interface ReadinessFacts {
	reviewId: string;
	/** Titles of template sections with nothing written. */
	emptySections: string[];
	/**
	 * The terms of reference: from the terms document (with its agreement and the lines no
	 * report passage answers yet), or, when that names no key line, the report's section.
	 */
	terms: { present: boolean; linesOfEnquiry: number; source: 'terms' | 'report'; agreedOn: string | null; unanswered: string[] };
	/** The equality and diversity section's words, lower-cased ('' when empty). */
	equalityText: string;
	involvementWritten: boolean;
	/** The family saw the final draft, or the chair recorded why not. */
	familyDraftRecorded: boolean;
	independenceSectionsEmpty: string[];
	/** Who has still to declare their independence: the chair (by role) and panel members by name. */
	independenceUndeclared: { chair: boolean; panelMembers: string[] };
	recommendations: { count: number; withWarnings: number };
	executiveSummaryWritten: boolean;
	openLanguageFlags: number;
	openIdentifierFindings: number;
	/** Names of agencies neither confirmed nor with a recorded disagreement. */
	agenciesOutstanding: string[];
	/** The action plan: its recommendations (those still in the report), and how many have no action with both an owner and a target date. */
	actionPlan: { recommendations: number; withoutOwnedAction: number };
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
		case 'terms_of_reference': {
			const terms = facts.terms;
			if (!terms.present) return { status: 'not_met', detail: 'The terms of reference are not written.' };
			if (terms.source === 'report') {
				return terms.linesOfEnquiry > 0
					? { status: 'met', detail: `${terms.linesOfEnquiry} key ${terms.linesOfEnquiry === 1 ? 'line' : 'lines'} of enquiry found in the report’s terms of reference.` }
					: { status: 'not_met', detail: 'The terms of reference do not name the key lines of enquiry (add them on the terms of reference page).' };
			}
			const count = `${terms.linesOfEnquiry} key ${terms.linesOfEnquiry === 1 ? 'line' : 'lines'} of enquiry`;
			const agreed = terms.agreedOn ? `agreed by the panel on ${formatDate(terms.agreedOn)}` : 'not yet agreed by the panel';
			const problems: string[] = [];
			if (!terms.agreedOn) problems.push('Record the panel’s agreement of the terms.');
			if (terms.unanswered.length) problems.push(`Not yet answered by the report: ${list(terms.unanswered.map((line) => `“${line}”`))}.`);
			return { status: problems.length ? 'not_met' : 'met', detail: [`${count}, ${agreed}.`, ...problems, ...(problems.length ? [] : ['The report answers every line.'])].join(' ') };
		}
		case 'equality_diversity': {
			if (!facts.equalityText) return { status: 'not_met', detail: 'The equality and diversity section is not written.' };
			const missing = protectedCharacteristics.filter((name) => !facts.equalityText.includes(name));
			return { status: 'attest', detail: missing.length ? `Not mentioned: ${list([...missing])}. Attest once each has been considered.` : 'Every protected characteristic is mentioned. Attest that each is addressed.' };
		}
		case 'family_involvement':
			if (!facts.involvementWritten) return { status: 'not_met', detail: 'The section on the involvement of family and friends is not written.' };
			if (!facts.familyDraftRecorded) return { status: 'not_met', detail: 'Record on the sign-off page whether the family saw the final draft.' };
			return { status: 'attest', detail: 'Attest that the section describes how the family was involved.' };
		case 'independence': {
			const waiting = [...(facts.independenceUndeclared.chair ? ['the chair'] : []), ...facts.independenceUndeclared.panelMembers];
			const problems: string[] = [];
			if (waiting.length) problems.push(`Still to declare their independence: ${list(waiting)}.`);
			if (facts.independenceSectionsEmpty.length) problems.push(`Not written yet: ${list(facts.independenceSectionsEmpty)}.`);
			return problems.length
				? { status: 'not_met', detail: problems.join(' ') }
				: { status: 'met', detail: 'The chair and every panel member have declared their independence, and the report states it.' };
		}
		case 'recommendations':
			if (!facts.recommendations.count) return { status: 'not_met', detail: 'No recommendations are recorded.' };
			if (facts.recommendations.withWarnings) return { status: 'not_met', detail: `${facts.recommendations.withWarnings} of ${facts.recommendations.count} recommendations have SMART warnings.` };
			return { status: 'attest', detail: `${facts.recommendations.count} recommendations, none with SMART warnings. Attest that single-agency and multi-agency ones are together in one place.` };
		case 'executive_summary':
			return facts.executiveSummaryWritten ? { status: 'attest', detail: 'Attest that it can be read on its own.' } : { status: 'not_met', detail: 'The executive summary is not written.' };
		case 'language_flags':
			return facts.openLanguageFlags ? { status: 'not_met', detail: `${facts.openLanguageFlags} language ${facts.openLanguageFlags === 1 ? 'flag is' : 'flags are'} open.` } : { status: 'met', detail: 'None open.' };
		case 'identifier_findings':
			return facts.openIdentifierFindings ? { status: 'not_met', detail: `${facts.openIdentifierFindings} identifier ${facts.openIdentifierFindings === 1 ? 'finding is' : 'findings are'} open.` } : { status: 'met', detail: 'None open.' };
		case 'agencies':
			return facts.agenciesOutstanding.length ? { status: 'not_met', detail: `Still to confirm or have a disagreement recorded: ${list(facts.agenciesOutstanding)}.` } : { status: 'met', detail: 'Every agency has confirmed or has a recorded disagreement.' };
		case 'action_plan': {
			const { recommendations, withoutOwnedAction } = facts.actionPlan;
			if (!recommendations) return { status: 'not_met', detail: 'The action plan has no recommendations yet.' };
			if (!withoutOwnedAction) return { status: 'met', detail: recommendations === 1 ? 'The recommendation has an action with an owner and a target date.' : `Each of the ${recommendations} recommendations has an action with an owner and a target date.` };
			return { status: 'not_met', detail: `${withoutOwnedAction} of ${recommendations} ${recommendations === 1 ? 'recommendation has' : 'recommendations have'} no action with both an owner and a target date.` };
		}
		case 'glossary':
			return facts.unknownAbbreviations.length ? { status: 'not_met', detail: `No meaning given for: ${list(facts.unknownAbbreviations)}.` } : { status: 'met', detail: 'Every abbreviation used has its meaning.' };
	}
}

function hrefOf(key: ReadinessKey, facts: ReadinessFacts): string {
	const base = `/reviews/${facts.reviewId}`;
	switch (key) {
		case 'terms_of_reference':
			return facts.terms.source === 'terms' || !facts.terms.present ? `${base}/terms` : `${base}/report`;
		case 'independence':
			// Declarations are the gap far more often than the report's sections.
			return facts.independenceUndeclared.chair || facts.independenceUndeclared.panelMembers.length || !facts.independenceSectionsEmpty.length ? `${base}/independence` : `${base}/report`;
		case 'language_flags':
		case 'identifier_findings':
		case 'sections_written':
		case 'equality_diversity':
		case 'executive_summary':
		case 'recommendations':
			return `${base}/report`;
		case 'family_involvement':
		case 'agencies':
			return `${base}/signoff`;
		case 'glossary':
			return `${base}/publication#glossary`;
		case 'action_plan':
			return `${base}/action-plan`;
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
		return { key, label: readinessLabels[key], status, detail, href: hrefOf(key, facts), attestable };
	});
}

export function isReadinessKey(value: unknown): value is ReadinessKey {
	return typeof value === 'string' && (readinessKeys as readonly string[]).includes(value);
}
