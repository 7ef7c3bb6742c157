/**
 * The fixed-string language check as it stood before issue 15, kept only as the
 * benchmark's reference (`bench/language.ts`): not used by the app.
 *
 * The blame-free language check (issue 5; also used by learning events). Reviews exist
 * to learn, not to punish: wording that blames the victim, makes violence sound mutual
 * to learn, not to punish: wording that blames the victim, makes violence sound mutual
 * or minor, or judges practitioners with hindsight gets in the way of that learning.
 *
 * A curated lexicon rather than a general style checker: the terms come from DHR
 * practice and each carries why it harms learning and what to write instead. Patterns
 * list their own inflections, so matching is predictable and explainable; a match never
 * starts or ends inside another word.
 */

export type LanguageCategory = 'victim-blaming' | 'minimising' | 'hindsight';

export const categoryLabels: Record<LanguageCategory, string> = {
	'victim-blaming': 'Places responsibility on the victim',
	minimising: 'Minimises the abuse',
	hindsight: 'Hindsight or blame of practitioners'
};

export interface LanguageTerm {
	id: string;
	/** The term as people know it, e.g. "declined to engage". */
	label: string;
	category: LanguageCategory;
	why: string;
	suggestion: string;
	/**
	 * Words separated by spaces; each word is a regular-expression fragment
	 * (alternatives for inflections). Spaces match any run of spaces or hyphens.
	 */
	pattern: string;
}

export interface LanguageFlag {
	/** Character offsets into the checked text: `text.slice(start, end)` is the match. */
	start: number;
	end: number;
	text: string;
	termId: string;
	label: string;
	category: LanguageCategory;
	why: string;
	suggestion: string;
}

const engageWhy =
	'It makes the victim responsible for the contact. Services are there to engage people; say what was offered, how, and what may have made it hard to accept.';

export const lexicon: LanguageTerm[] = [
	// Victim-blaming framings
	{
		id: 'declined-to-engage',
		label: 'declined to engage',
		category: 'victim-blaming',
		// "Services did not engage her" is the fairer framing, so an object after it is not flagged.
		pattern: "((declin(e|es|ed|ing)|refus(e|es|ed|ing)|fail(s|ed|ing)?|unwilling|reluctant|cho(se|ose|oses|osing) not) to|(did|does|do|would) not|(didn|doesn|don|wouldn)['’]t) engag(e|es|ed|ing)(?! (her|him|them)(?![\\p{L}]))",
		why: engageWhy,
		suggestion: 'Describe what was offered and how: "Services were not able to engage her", "She was offered … by letter; no contact followed".'
	},
	{
		id: 'disengaged',
		label: 'disengaged',
		category: 'victim-blaming',
		pattern: 'disengag(e|es|ed|ing|ement)',
		why: engageWhy,
		suggestion: 'Say that contact stopped and what the service did next: "Contact ended after …; no further attempt was made".'
	},
	{
		id: 'refused-support',
		label: 'refused support',
		category: 'victim-blaming',
		pattern: '(refus(e|es|ed|ing)|reject(s|ed|ing)?|turn(s|ed|ing)? down) (the |a |any |further |all )?(support|help|services?|referrals?|offers?|advice|refuge)',
		why: 'It implies the victim chose harm. There are usually reasons (fear, the perpetrator’s control, past experience of services) that the review needs to understand.',
		suggestion: 'Describe the offer and the response: "Support was offered by phone; she said she did not want it at that time", and explore why.'
	},
	{
		id: 'failed-to-attend',
		label: 'failed to attend',
		category: 'victim-blaming',
		pattern: '(fail(s|ed|ing)?|neglect(s|ed|ing)?) to (attend|turn up|keep)',
		why: 'It frames a missed appointment as the person’s failing; abuse, coercive control, childcare or the service’s own arrangements can all stop someone attending.',
		suggestion: '"Did not attend", or better "was not seen", with what the service did next.'
	},
	{
		id: 'chose-to-return',
		label: 'chose to return',
		category: 'victim-blaming',
		pattern: '(cho(se|ose|oses|osing|sen)|decid(e|es|ed|ing)|opt(s|ed|ing)?) to (return|go back|stay|remain|resume)',
		why: 'It treats returning to or staying with an abuser as a free choice, ignoring fear, control, housing, money and children.',
		suggestion: '"She returned to live with him", and set out what made leaving hard.'
	},
	{
		id: 'let-him-back',
		label: 'let him back',
		category: 'victim-blaming',
		pattern: '(let|lets|letting|allow(s|ed|ing)?) (him|the perpetrator) back',
		why: 'It makes the victim responsible for the perpetrator’s presence.',
		suggestion: '"He returned to the address", "He moved back in".'
	},
	{
		id: 'allowed-her-children',
		label: 'allowed her children to…',
		category: 'victim-blaming',
		pattern: '(allow(s|ed|ing)?|let|lets|letting|permit(s|ted|ting)?) (her|his|their) (child|children|kids|son|sons|daughter|daughters|baby)',
		why: 'It holds the victim responsible for the perpetrator’s abuse of the children; the responsibility lies with the person causing harm.',
		suggestion: 'Describe the perpetrator’s behaviour and the risk to the children: "The children were exposed to his abuse".'
	},
	{
		id: 'non-compliant',
		label: 'non-compliant',
		category: 'victim-blaming',
		pattern: 'non ?complian(t|ce)',
		why: 'It judges the person against the service’s expectations instead of asking what got in the way.',
		suggestion: 'Say what was expected and what happened: "She did not take the medication; she told the GP that …".'
	},
	{
		id: 'hard-to-reach',
		label: 'hard to reach',
		category: 'victim-blaming',
		pattern: '(hard|difficult) to (reach|engage)',
		why: 'It locates the difficulty in the person rather than in how services are offered.',
		suggestion: '"Services did not reach her", "Services were not designed for …".'
	},
	{
		id: 'victim-provoked',
		label: 'provoked him',
		category: 'victim-blaming',
		pattern: '(provok(e|es|ed|ing)|wound (him|her) up|antagonis(e|es|ed|ing)|antagoniz(e|es|ed|ing)) (him|her|the perpetrator)?',
		why: 'It shifts responsibility for violence onto the victim. Abuse is the choice of the person who abuses.',
		suggestion: 'Describe what the perpetrator did.'
	},
	// Minimising the abuse
	{
		id: 'domestic-dispute',
		label: 'domestic dispute',
		category: 'minimising',
		pattern: '(domestic|family|marital) (disputes?|rows?|tiffs?|spats?|squabbles?|disagreements?)|lovers[’\']? tiffs?|just a domestic',
		why: 'It presents abuse as a mutual disagreement and hides who harmed whom.',
		suggestion: '"Domestic abuse incident", and say what he did: "he hit her", "he threatened to kill her".'
	},
	{
		id: 'volatile-relationship',
		label: 'volatile relationship',
		category: 'minimising',
		pattern: '(volatile|tempestuous|stormy|toxic|turbulent|rocky|fiery|chaotic) relationships?',
		why: 'It describes the relationship, not the abuse, and suggests both were equally responsible.',
		suggestion: '"An abusive relationship"; describe the pattern of his behaviour.'
	},
	{
		id: 'argument',
		label: 'argument',
		category: 'minimising',
		// "the argument that…" and "argument for/against" are reasoning, not an incident.
		pattern: '(argument|arguments|argued|arguing|quarrel(s|led|ling)?)(?! (that|for|against|about whether))',
		why: 'It makes an assault sound like a mutual exchange of words.',
		suggestion: 'Say what happened: "he shouted at her and pushed her".'
	},
	{
		id: 'crime-of-passion',
		label: 'crime of passion',
		category: 'minimising',
		pattern: 'crimes? of passion|(in )?a fit of (rage|jealousy|passion|anger)|heat of the moment',
		why: 'It casts a killing as a loss of control caused by love, when domestic homicide usually follows a pattern of control.',
		suggestion: '"He killed her"; set out the history of control and abuse.'
	},
	{
		id: 'lost-control',
		label: 'lost control',
		category: 'minimising',
		// Not "lost control of the car".
		pattern: '(los(e|es|t|ing) (control|(his|her|their) temper|it))(?! of (the|a|an|his|her|their) (car|vehicle|van|bike|motorbike|lorry))',
		why: 'It suggests the violence was not chosen; abuse is usually targeted and controlled.',
		suggestion: 'Say what he did: "he attacked her".'
	},
	{
		id: 'snapped',
		label: 'snapped',
		category: 'minimising',
		pattern: '(just )?snapped',
		why: 'It presents violence as a sudden, unchosen reaction and hides the pattern before it.',
		suggestion: 'Describe the act and the history: "he attacked her; he had threatened her before".'
	},
	{
		id: 'mutual-abuse',
		label: 'mutual abuse',
		category: 'minimising',
		pattern: '(mutual|two way|reciprocal) (abuse|violence|aggression|fighting|combat)',
		why: 'It hides the power imbalance; a victim’s resistance or self-defence is not mutual abuse.',
		suggestion: 'Describe each person’s actions and who was afraid of whom.'
	},
	// Hindsight and blame of practitioners
	{
		id: 'should-have-known',
		label: 'should have known',
		category: 'hindsight',
		pattern: "(should|ought to|must) have (known|realised|realized|seen|spotted|recognised|recognized|foreseen|predicted)|should['’]ve (known|realised|seen|spotted)",
		why: 'Hindsight bias: the outcome is known now but was not then. Ask how the situation looked at the time.',
		suggestion: '"With what is known now, … ; at the time, the information available was …".'
	},
	{
		id: 'failed-to',
		label: 'failed to',
		category: 'hindsight',
		pattern: '(fail(s|ed|ing)?|failures?) to',
		why: 'It blames an individual; the review needs to understand what made the action hard (systems, workload, information).',
		suggestion: '"Did not", "was not", and explain why: "The referral was not made; the form required …".'
	},
	{
		id: 'obviously',
		label: 'obviously',
		category: 'hindsight',
		// Not "no obvious injury", which is a clinical observation.
		pattern: 'obviously|(it|this|that|the risk) (was|were|should have been|must have been) (obvious|clear)|clearly should',
		why: 'What is obvious in hindsight was rarely obvious at the time; the word closes down the question of why.',
		suggestion: 'State the fact and what was known at the time.'
	},
	{
		id: 'negligent',
		label: 'negligent',
		category: 'hindsight',
		pattern: 'negligen(t|ce|tly)|incompeten(t|ce|tly)|culpab(le|ility)|blameworthy|derelict',
		why: 'A review is not a disciplinary or legal process; judgements of fault stop practitioners speaking openly.',
		suggestion: 'Describe what happened and the factors that contributed.'
	},
	{
		id: 'at-fault',
		label: 'at fault',
		category: 'hindsight',
		pattern: '(at fault|to blame|(was|were|is|are) responsible for (her|his|the) death)',
		why: 'Blame belongs to the perpetrator; for agencies the review asks what can be learned.',
		suggestion: '"There is learning for …", "A missed opportunity was …".'
	}
];

const wordChar = '\\p{L}\\p{N}';

function compile(pattern: string): RegExp {
	const body = pattern.replace(/ /g, '[\\s\\u00a0-]+');
	return new RegExp(`(?<![${wordChar}])(?:${body})(?![${wordChar}])`, 'giu');
}

const compiled = new WeakMap<LanguageTerm, RegExp>();
function regexFor(term: LanguageTerm): RegExp {
	let regex = compiled.get(term);
	if (!regex) {
		regex = compile(term.pattern);
		compiled.set(term, regex);
	}
	return regex;
}

/**
 * Every flagged passage in `text`, in order. Where terms overlap the longest match wins
 * (so "failed to attend" is flagged as that, not as "failed to").
 */
export function checkLanguage(text: string, extraTerms: LanguageTerm[] = []): LanguageFlag[] {
	const candidates: LanguageFlag[] = [];
	for (const term of [...lexicon, ...extraTerms]) {
		const regex = regexFor(term);
		regex.lastIndex = 0;
		for (let match = regex.exec(text); match; match = regex.exec(text)) {
			if (match[0].length === 0) {
				regex.lastIndex++;
				continue;
			}
			candidates.push({
				start: match.index,
				end: match.index + match[0].length,
				text: match[0],
				termId: term.id,
				label: term.label,
				category: term.category,
				why: term.why,
				suggestion: term.suggestion
			});
		}
	}
	candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
	const flags: LanguageFlag[] = [];
	for (const candidate of candidates) {
		const last = flags.at(-1);
		if (last && candidate.start < last.end) continue;
		flags.push(candidate);
	}
	return flags;
}
