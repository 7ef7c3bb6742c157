/**
 * The blame-free language check (issue 5; also used by learning events). Reviews exist
 * to learn, not to punish: wording that blames the victim, makes violence sound mutual
 * or minor, or judges practitioners with hindsight gets in the way of that learning.
 *
 * A curated lexicon rather than a general style checker: the terms come from DHR
 * practice and each carries why it harms learning and what to write instead. Two passes
 * (issue 15):
 * - fixed phrases, matched on the text itself: patterns list their own inflections, so
 *   matching is predictable and explainable; a match never starts or ends inside a word;
 * - patterns on lemmas: `compromise` tags the paragraph and gives each word its root, so
 *   "kept declining", "refuses to engage" and "wouldn’t engage" meet one pattern, and the
 *   words before a match tell whose action it is. A responsibilising verb is flagged only
 *   when its subject is the victim or her family, or is left out as chronologies do
 *   ("Declined referral."): "the GP did not refer", "he refused to engage with probation"
 *   and "the police declined to charge" are not.
 * The tagger costs about a millisecond a paragraph, so it reads only the clauses that
 * contain the words a pattern needs, and results are remembered per paragraph.
 */
import nlp from 'compromise/two';
import type { Term } from 'compromise/misc';

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
	/**
	 * Flag only when the words before the match name the victim or her family, or name
	 * no one (a chronology's "Declined support."): "he refused support" is not flagged.
	 */
	victimSubject?: boolean;
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
const labelWhy =
	'It labels the person by how services saw her, and locates the difficulty in her rather than in how help was offered or what stood in her way.';
const mutualWhy = 'It makes the abuse sound mutual and hides who harmed whom and who was afraid of whom.';
const excuseWhy =
	'It explains the violence away (drink, stress, a sudden loss of control) when abuse is a choice, usually part of a pattern of control.';
const minorWhy = 'It makes the harm sound small; any assault in a pattern of abuse matters, and the review needs the facts.';

const relationshipWords = '(volatile|tempestuous|stormy|toxic|turbulent|rocky|fiery|chaotic|dysfunctional|tumultuous|explosive)';

export const lexicon: LanguageTerm[] = [
	// Victim-blaming framings
	{
		id: 'declined-to-engage',
		label: 'declined to engage',
		category: 'victim-blaming',
		victimSubject: true,
		// "Services did not engage her" is the fairer framing, so an object after it is not flagged.
		pattern: "((declin(e|es|ed|ing)|refus(e|es|ed|ing)|fail(s|ed|ing)?|unwilling|reluctant|reluctance|refusal|unwillingness|cho(se|ose|oses|osing) not) to|(did|does|do|would|will|was|were|is) not|never|(didn|doesn|don|wouldn|won|wasn|isn)['’]t) (really |fully |properly )?engag(e|es|ed|ing)(?! (her|him|them|an?|the)(?![\\p{L}]))",
		why: engageWhy,
		suggestion: 'Describe what was offered and how: "Services were not able to engage her", "She was offered … by letter; no contact followed".'
	},
	{
		id: 'disengaged',
		label: 'disengaged',
		category: 'victim-blaming',
		victimSubject: true,
		pattern: 'disengag(e|es|ed|ing|ement)',
		why: engageWhy,
		suggestion: 'Say that contact stopped and what the service did next: "Contact ended after …; no further attempt was made".'
	},
	{
		id: 'refused-support',
		label: 'refused support',
		category: 'victim-blaming',
		victimSubject: true,
		pattern: "(refus(e|es|ed|ing)|declin(e|es|ed|ing)|reject(s|ed|ing)?|turn(s|ed|ing)? down|say(s|ing)? no to|said no to|(didn|doesn|don)['’]t want|(did|does|do) not want) (the |a |an |any |all |further |every |this |that |her |offers? of |medical |specialist |professional )*(support|help|services?|referrals?|offers?|advice|refuge|treatment|assessments?|interventions?|programmes?|alarms?|accommodation)",
		why: 'It implies the victim chose harm. There are usually reasons (fear, the perpetrator’s control, past experience of services) that the review needs to understand.',
		suggestion: 'Describe the offer and the response: "Support was offered by phone; she said she did not want it at that time", and explore why.'
	},
	{
		id: 'failed-to-attend',
		label: 'failed to attend',
		category: 'victim-blaming',
		victimSubject: true,
		pattern: '(fail(s|ed|ing)?|neglect(s|ed|ing)?|failure) to (attend|turn up|keep)|never turn(s|ed)? up|frequent (DNA|did not attend)s?',
		why: 'It frames a missed appointment as the person’s failing; abuse, coercive control, childcare or the service’s own arrangements can all stop someone attending.',
		suggestion: '"Did not attend", or better "was not seen", with what the service did next.'
	},
	{
		id: 'chose-to-return',
		label: 'chose to return',
		category: 'victim-blaming',
		victimSubject: true,
		pattern: '(cho(se|ose|oses|osing|sen)|decid(e|es|ed|ing)|opt(s|ed|ing)?) to (return|go back|stay|remain|resume)|(could|should) (have|[’\']ve) left',
		why: 'It treats returning to or staying with an abuser as a free choice, ignoring fear, control, housing, money and children.',
		suggestion: '"She returned to live with him", and set out what made leaving hard.'
	},
	{
		id: 'let-him-back',
		label: 'let him back',
		category: 'victim-blaming',
		pattern: '(let|lets|letting|allow(s|ed|ing)?) (him|the perpetrator|Adult B) back',
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
		id: 'put-herself-at-risk',
		label: 'put herself at risk',
		category: 'victim-blaming',
		pattern: '(put(s|ting)?|plac(e|es|ed|ing)) (herself|themselves|her children) (at risk|in danger)',
		why: 'The risk came from the perpetrator, not from the victim’s choices.',
		suggestion: '"Her risk from Adult B rose when …".'
	},
	{
		id: 'non-compliant',
		label: 'non-compliant',
		category: 'victim-blaming',
		victimSubject: true,
		pattern: '(non-?|non )complian(t|ce)',
		why: 'It judges the person against the service’s expectations instead of asking what got in the way.',
		suggestion: 'Say what was expected and what happened: "She did not take the medication; she told the GP that …".'
	},
	{
		id: 'non-engager',
		label: 'non-engager',
		category: 'victim-blaming',
		victimSubject: true,
		pattern: '(non-?|non )engag(er|ers|ing|ement)|(un|non-?|non )co-?operative|resistant to (help|support|services|advice|intervention)|chaotic (lifestyle|life)|didn[’\']t want to know|did not want to know',
		why: labelWhy,
		suggestion: 'Say what was offered, how, and what happened: "Three letters were sent; she did not reply. No visit was made".'
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
		pattern: '(provok(e|es|ed|ing)|wound (him|her) up|antagonis(e|es|ed|ing)|antagoniz(e|es|ed|ing)) (him|the perpetrator)',
		why: 'It shifts responsibility for violence onto the victim. Abuse is the choice of the person who abuses.',
		suggestion: 'Describe what the perpetrator did.'
	},
	// Minimising the abuse, or making it sound mutual
	{
		id: 'domestic-dispute',
		label: 'domestic dispute',
		category: 'minimising',
		pattern: "(domestic|family|marital) (disputes?|rows?|tiffs?|spats?|squabbles?|disagreements?)|lovers[’']? tiffs?|(just a|only a|minor|a|the) domestic(?! (abuse|violence|homicide|murder|incident|setting|situation|burglary|life|duties|work|arrangements|circumstances|pets?|abuser)(?![\\p{L}]))(?=[\\s.,;:)]|$)",
		why: 'It presents abuse as a mutual disagreement and hides who harmed whom.',
		suggestion: '"Domestic abuse incident", and say what he did: "he hit her", "he threatened to kill her".'
	},
	{
		id: 'volatile-relationship',
		label: 'volatile relationship',
		category: 'minimising',
		pattern: `${relationshipWords} (relationships?|couples?|marriage|partnership)|(?<=relationship[^.;]{0,40}(was|were|is|became|had been|described as) (described as |seen as |often |always )?)${relationshipWords}( and ${relationshipWords})?`,
		why: mutualWhy,
		suggestion: '"An abusive relationship"; describe the pattern of his behaviour.'
	},
	{
		id: 'argument',
		label: 'argument',
		category: 'minimising',
		// "the argument that…" and "argument for/against" are reasoning, not an incident.
		pattern: '((heated|verbal) )?(argument|arguments|argued|arguing|quarrel(s|led|ling)?|altercations?|scuffles?)(?! (that|for|against|about whether|in the team))|(history of|frequent|constant|blazing|heated|having|had) rows',
		why: 'It makes an assault sound like a mutual exchange of words.',
		suggestion: 'Say what happened: "he shouted at her and pushed her".'
	},
	{
		id: 'fighting',
		label: 'fighting',
		category: 'minimising',
		pattern: '(fought|fighting|fights?)(?! (fund|for|off|back|against|to|cancer|the))|pushing and shoving|a bit of (a )?(pushing|shoving|scuffle|push|shove)',
		why: mutualWhy,
		suggestion: 'Say who did what to whom: "he punched her; she pushed him away".'
	},
	{
		id: 'mutual-abuse',
		label: 'mutual abuse',
		category: 'minimising',
		pattern: '(mutual|mutually|two way|reciprocal) (abuse|abusive|violence|violent|aggression|aggressive|fighting|combat)( relationships?)?|as bad as each other|(violent|abusive|aggressive) (to|towards) each other|from both sides|both parties were (violent|abusive|aggressive|to blame)',
		why: 'It hides the power imbalance; a victim’s resistance or self-defence is not mutual abuse.',
		suggestion: 'Describe each person’s actions and who was afraid of whom.'
	},
	{
		id: 'crime-of-passion',
		label: 'crime of passion',
		category: 'minimising',
		pattern: 'crimes? of passion|(in )?a fit of (rage|jealousy|passion|anger)|heat of the moment|moment of madness|out of character|(got|get|gets|getting) out of hand|things got heated',
		why: 'It casts a killing as a loss of control caused by love, when domestic homicide usually follows a pattern of control.',
		suggestion: '"He killed her"; set out the history of control and abuse.'
	},
	{
		id: 'lost-control',
		label: 'lost control',
		category: 'minimising',
		// Not "lost control of the car".
		pattern: '(los(e|es|t|ing) (control|(his|her|their) (temper|rag|head|cool)|it|the plot))(?! of (the|a|an|his|her|their) (car|vehicle|van|bike|motorbike|lorry|patrol car))',
		why: 'It suggests the violence was not chosen; abuse is usually targeted and controlled.',
		suggestion: 'Say what he did: "he attacked her".'
	},
	{
		id: 'snapped',
		label: 'snapped',
		category: 'minimising',
		pattern: '(just )?(snapped|flipped)',
		why: 'It presents violence as a sudden, unchosen reaction and hides the pattern before it.',
		suggestion: 'Describe the act and the history: "he attacked her; he had threatened her before".'
	},
	{
		id: 'due-to-drink',
		label: 'due to his drinking',
		category: 'minimising',
		pattern: '(due to|because of|caused by|put down to|attributed to|blamed on|fuelled by|triggered by) (his|the|their) (drinking|drink|alcohol|drug use|drugs|mental health|stress|jealousy|depression|addiction|temper)|(alcohol|drink|drug) fuelled|under (a lot of |a great deal of |so much )?(stress|pressure)|the (drink|drinking|alcohol|drugs) (was|were) the (real )?problem|he was provoked',
		why: excuseWhy,
		suggestion: 'Name the choice and the pattern: "He assaulted her; he had been drinking. He had also assaulted her when sober".'
	},
	{
		id: 'just-a-push',
		label: 'just a push',
		category: 'minimising',
		pattern: '(just|only|merely|simply) (a )?(push|slap|shove|pushed|slapped|shoved|grabbed|nudge)( her)?|only hit her once|(a|an) (one-?off|isolated)( incident)?|isolated incident|one-?off incident',
		why: minorWhy,
		suggestion: 'Say what he did and what it did to her: "he pushed her into the wall; she was bruised".'
	},
	// Hindsight and blame of practitioners
	{
		id: 'should-have-known',
		label: 'should have known',
		category: 'hindsight',
		pattern: "(should|ought to|must) (have|['’]ve) (known|realised|realized|seen|spotted|recognised|recognized|foreseen|predicted|noticed)( it coming)?|should['’]ve (known|realised|realized|seen|spotted)( it coming)?|any competent \\p{L}+ would have (seen|known|realised|spotted)",
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
		// Not "no obvious injury", which is a clinical observation; not "it is clear from the records".
		pattern: "obviously|(it|this|that|the risk|the danger|(risk|danger|threat) of \\p{L}+) ('s|is|was|were|should have been|must have been) (so |blindingly |glaringly )?(obvious|clear)(?! from)|^clearly|(?<=[.;:] )clearly|clearly (should|dropped|missed|ignored|failed)|missed the obvious|staring (them|him|her|us|everyone) in the face|dropped the ball|glaring (omission|error|failure|mistake)s?|(warning signs|red flags|signs) (were|was) (ignored|missed)|ignored the (warning signs|red flags)",
		why: 'What is obvious in hindsight was rarely obvious at the time; the word closes down the question of why.',
		suggestion: 'State the fact and what was known at the time.'
	},
	{
		id: 'preventable',
		label: 'preventable',
		category: 'hindsight',
		pattern: '((entirely|clearly|wholly) )?preventable|could (have been|be) prevented|could have prevented',
		why: 'Judging the death preventable is hindsight; the review asks what could be learned, not whether someone could have stopped it.',
		suggestion: '"There were opportunities to …", "Had … been known, agencies might have …".'
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
		pattern: '(at fault|to blame|(was|were|is|are) responsible for (her|his|the) death)(?<!both parties were to blame)',
		why: 'Blame belongs to the perpetrator; for agencies the review asks what can be learned.',
		suggestion: '"There is learning for …", "A missed opportunity was …".'
	}
];

/**
 * Patterns matched on the paragraph's lemmas (issue 15): each word replaced by its root
 * ("kept declining" reads "keep decline", "wouldn’t engage" reads "would not engage"),
 * adverbs left out, so one pattern covers every tense and the words put between.
 * Each flags as the lexicon term it generalises, so its why and suggestion (and a
 * dismissal of it) are the same. All need the victim, or no one, as their subject.
 */
interface LemmaPattern {
	termId: string;
	/** On the raw text: words without which the pattern cannot match, so the tagger is spared. */
	needs: RegExp;
	pattern: RegExp;
}

const offerWords = '(support|help|service|referral|offer|advice|refuge|treatment|assessment|intervention|programme|alarm|accommodation|place|space)';
const refusing = /(declin|refus|reject|turn(s|ed|ing)? down|no to|want|accept|unwilling|reluctan|fail|cho(se|os)|decid|opt)/i;
const lemmaPatterns: LemmaPattern[] = [
	{ termId: 'declined-to-engage', needs: /engag/i, pattern: /\b(?:(?:refuse|decline|fail|unwilling|reluctant|choose not|decide not) to|not|never) (?:properly |fully )?engage\b(?! (?:her|him|them|an?|the|any)\b)/g },
	{ termId: 'declined-to-engage', needs: /(co-?operat|compl(y|ie))/i, pattern: /\b(?:refuse|decline|fail|unwilling|reluctant|not|never|choose not|decide not) (?:to )?(?:cooperate|co-operate|co operate|comply)\b/g },
	{ termId: 'declined-to-engage', needs: /(prosecution|investigation|charge)/i, pattern: /\b(?:refuse|decline|unwilling|reluctant) to support (?:a |the |any )?(?:prosecution|investigation|charge)\b/g },
	{ termId: 'declined-to-engage', needs: /\blet\b/i, pattern: /\b(?:refuse|decline) to let (?:the )?(?:hv|health visitor|nurse|officer|police|social worker|worker|staff|professional|midwife|idva|practitioner|us)s? in\b/g },
	{ termId: 'refused-support', needs: new RegExp(offerWords, 'i'), pattern: new RegExp(`\\b(?:keep |continue (?:to )?)?(?:decline|refuse|reject|turn down|say no to|not want|not accept) (?:\\S+ ){0,3}?${offerWords}s?\\b`, 'g') },
	{ termId: 'refused-support', needs: /(kept|keep|continu|persist)/i, pattern: /\b(?:keep|continue|persist)(?: to| in)? (?:decline|refuse|reject|say no)\b/g },
	{ termId: 'failed-to-attend', needs: /(kept|keep|continu|persist)/i, pattern: /\b(?:keep|continue(?: to)?|persist in) (?:miss|cancel|not attend|not turn up)\b/g },
	{ termId: 'failed-to-attend', needs: /never turn/i, pattern: /\bnever turn up\b/g },
	{ termId: 'chose-to-return', needs: /(back|return)/i, pattern: /\b(?:keep |continue to )?(?:go back|return) to (?:him|the perpetrator|(?:her )?partner|adult b|the abuser)\b/g },
	{ termId: 'chose-to-return', needs: /(cho(se|os)|decid|opt)/i, pattern: /\b(?:choose|decide|opt) to (?:go back|return|stay|remain)\b/g }
];
// These also need a word of refusing ("declined", "did not want"…) in the clause.
const needsRefusing = new Set([2, 3, 4]);

/** Words naming the victim or her family, as the subject of what she did. */
const victimWords = new Set(['she', 'her', 'herself', 'victim', 'deceased', 'mother', 'mum', 'daughter', 'sister', 'family', 'pt', 'patient', 'client', 'woman', 'wife', 'girl', 'grandmother', 'aunt']);
/** After "Adult", the letter used for the victim in DHR reports. */
const victimLetters = new Set(['a']);

interface Word {
	lemma: string;
	start: number;
	end: number;
	tags: Set<string>;
	/** Punctuation after the word that ends a clause: ";", ":", "." and the like. */
	clauseEnd: boolean;
	comma: boolean;
	sentence: number;
}

function normaliseLemma(text: string, root: string, tags: Set<string>): string {
	if (tags.has('Negative')) return 'not';
	let lemma = root.toLowerCase().replace(/’/g, "'");
	lemma = lemma.replace(/n't$/, '') || lemma;
	if (lemma === 'wo') lemma = 'will';
	if (lemma === 'ca') lemma = 'can';
	// The tagger sometimes reads a participle as an adjective ("not engaging"); give the verb.
	const participle = /^(engag|attend|cancel|miss|declin|refus|return)(ing|ed|led|ling)$/.exec(lemma);
	if (participle) lemma = { engag: 'engage', attend: 'attend', cancel: 'cancel', miss: 'miss', declin: 'decline', refus: 'refuse', return: 'return' }[participle[1]]!;
	if (text.length === 0 && !tags.has('Negative')) return '';
	return lemma;
}

function wordsOf(text: string): Word[] {
	const doc = nlp(text);
	doc.compute('root');
	const words: Word[] = [];
	// The tagger keeps every character (before, the word, after), so offsets are a running sum.
	let offset = 0;
	doc.docs.forEach((sentence, index) => {
		// `root` is set by compute('root') but not in compromise's Term type.
		for (const term of sentence as (Term & { root?: string })[]) {
			offset += term.pre.length;
			let start = offset;
			if (text.slice(start, start + term.text.length) !== term.text) start = Math.max(0, text.indexOf(term.text, offset));
			const tags = term.tags ?? new Set<string>();
			words.push({
				lemma: normaliseLemma(term.text, term.root ?? term.normal ?? term.text, tags),
				start,
				end: start + term.text.length,
				tags,
				clauseEnd: /[;:.!?()–—]/.test(term.post),
				comma: term.post.includes(','),
				sentence: index
			});
			offset = start + term.text.length + term.post.length;
		}
	});
	return words;
}

type Subject = 'victim' | 'someone else' | 'no one';

const skippedBeforeVerb = new Set(['and', 'but', 'then', 'to', 'as', 'be', 'is', 'was', 'were', 'are', 'been', 'being', 'had', 'have', 'has', 'do', 'did', 'does', 'would', 'will', 'could', 'can', 'should', 'might', 'not', 'also', 'later', 'see', 'seen', 'describe', 'consider', 'view', 'regard', 'deem', 'call', 'record', 'label', 'note', 'find', 'keep', 'continue', 'so']);
const nounPhraseParts = ['Determiner', 'Adjective', 'Possessive', 'Value', 'ProperNoun', 'Acronym'];

/**
 * Whose action the words from `index` describe: the nearest noun phrase before them in
 * the clause that is not an object (not after a verb or preposition). None, as in a
 * chronology's "Declined referral.", reads as the subject of the record, the victim.
 */
function subjectBefore(words: Word[], index: number): Subject {
	let i = index - 1;
	const sentence = words[index].sentence;
	while (i >= 0 && words[i].sentence === sentence && !words[i].clauseEnd) {
		const word = words[i];
		const nominal = word.tags.has('Noun') || word.tags.has('Pronoun');
		if (!nominal || skippedBeforeVerb.has(word.lemma)) {
			i--;
			continue;
		}
		// Gather the noun phrase: "Adult A’s sister", "her mother", "the victim".
		let first = i;
		while (first > 0 && words[first - 1].sentence === sentence && !words[first - 1].clauseEnd && !words[first - 1].comma && (nounPhraseParts.some((t) => words[first - 1].tags.has(t)) || words[first - 1].tags.has('Noun')) && !words[first - 1].tags.has('Verb')) first--;
		const before = words[first - 1];
		const isObject = before && before.sentence === sentence && !before.clauseEnd && (before.tags.has('Preposition') || (before.tags.has('Verb') && !skippedBeforeVerb.has(before.lemma)) || before.lemma === 'to');
		if (isObject) {
			i = first - 1;
			continue;
		}
		const phrase = words.slice(first, i + 1).map((w) => w.lemma);
		const head = phrase.at(-1)!;
		if (phrase.some((lemma, k) => lemma === 'adult' && victimLetters.has(phrase[k + 1] ?? ''))) return 'victim';
		if (phrase.includes('his') || phrase.includes('their')) return 'someone else';
		if (victimWords.has(head)) return 'victim';
		if (phrase.includes('her') && head !== 'her') return 'victim';
		if (words[i].tags.has('FirstName') || (words[i].tags.has('Person') && !words[i].tags.has('Pronoun'))) return 'victim';
		return 'someone else';
	}
	return 'no one';
}

/** One clause, tagged when first asked about: most clauses are never tagged. */
class TaggedClause {
	#words: Word[] | undefined;
	#lemmaText = '';
	/** Index of each word's first character in the lemma text, -1 for words left out. */
	#lemmaStarts: number[] = [];
	constructor(readonly text: string) {}

	get words(): Word[] {
		if (!this.#words) {
			this.#words = wordsOf(this.text);
			let lemmaText = '';
			this.#lemmaStarts = this.#words.map((word) => {
				const leftOut = word.lemma === '' || (word.tags.has('Adverb') && !['back', 'up', 'down', 'out', 'in', 'not', 'never'].includes(word.lemma));
				if (leftOut) return -1;
				if (lemmaText) lemmaText += ' ';
				const start = lemmaText.length;
				lemmaText += word.lemma;
				if (word.clauseEnd || word.comma) lemmaText += ' |';
				return start;
			});
			this.#lemmaText = lemmaText;
		}
		return this.#words;
	}

	/** The index of the word at a character offset. */
	wordAt(offset: number): number {
		const words = this.words;
		const index = words.findIndex((w) => w.end > offset);
		return index < 0 ? words.length - 1 : index;
	}

	subjectAt(offset: number): Subject {
		return this.words.length ? subjectBefore(this.words, this.wordAt(offset)) : 'no one';
	}

	/** Matches of a lemma pattern, as character offsets into the text. */
	*lemmaMatches(pattern: RegExp): Generator<{ start: number; end: number; firstWord: number }> {
		const words = this.words;
		pattern.lastIndex = 0;
		for (let match = pattern.exec(this.#lemmaText); match; match = pattern.exec(this.#lemmaText)) {
			const from = match.index;
			const to = match.index + match[0].length;
			const covered = words.map((_, k) => k).filter((k) => this.#lemmaStarts[k] >= from && this.#lemmaStarts[k] < to);
			if (!covered.length) continue;
			yield { start: words[covered[0]].start, end: words[covered.at(-1)!].end, firstWord: covered[0] };
		}
	}
}

const wordChar = '\\p{L}\\p{N}';

function compile(pattern: string): RegExp {
	const body = pattern.replace(/ /g, '[\\s\\u00a0-]+');
	return new RegExp(`(?<![${wordChar}])(?:${body})(?![${wordChar}])`, 'giu');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A term the chair adds for one review: the words as written, any capitals or spacing. */
export function customTerm(id: string, phrase: string, why: string, suggestion: string): LanguageTerm {
	const words = phrase.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
	return { id, label: phrase.trim(), category: 'victim-blaming', why, suggestion, pattern: words.join(' ') };
}

export function customTermProblems(phrase: string): string[] {
	const words = phrase.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return ['Enter the word or phrase to flag'];
	if (phrase.length > 80) return ['Keep the phrase to 80 characters or fewer'];
	return [];
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

const termsById = new Map(lexicon.map((term) => [term.id, term]));

function flagFor(term: LanguageTerm, start: number, end: number, text: string): LanguageFlag {
	return { start, end, text: text.slice(start, end), termId: term.id, label: term.label, category: term.category, why: term.why, suggestion: term.suggestion };
}

function matchTerms(text: string, terms: LanguageTerm[]): { term: LanguageTerm; flag: LanguageFlag }[] {
	const found: { term: LanguageTerm; flag: LanguageFlag }[] = [];
	for (const term of terms) {
		const regex = regexFor(term);
		regex.lastIndex = 0;
		for (let match = regex.exec(text); match; match = regex.exec(text)) {
			if (match[0].length === 0) {
				regex.lastIndex++;
				continue;
			}
			found.push({ term, flag: flagFor(term, match.index, match.index + match[0].length, text) });
		}
	}
	return found;
}

/**
 * The paragraph's clauses, cut at sentence and clause punctuation: the tagger reads
 * only the clauses a pattern could match in, and a subject is looked for in its clause.
 */
function clausesOf(text: string): { start: number; text: string }[] {
	const clauses: { start: number; text: string }[] = [];
	const cut = /[^.!?;:]+(?:[.!?;:]+(?=\s|$)|$)|[.!?;:]+/g;
	for (let match = cut.exec(text); match; match = cut.exec(text)) {
		if (match[0].trim()) clauses.push({ start: match.index, text: match[0] });
		if (match[0].length === 0) cut.lastIndex++;
	}
	return clauses;
}

/** The lexicon and the lemma patterns on one paragraph, before overlaps are resolved. */
function checkWithLexicon(text: string): LanguageFlag[] {
	const candidates: LanguageFlag[] = [];
	const clauses = clausesOf(text).map((clause) => ({ ...clause, parsed: new TaggedClause(clause.text) }));
	const clauseAt = (offset: number) => clauses.findLast((c) => c.start <= offset) ?? clauses[0];
	for (const { term, flag } of matchTerms(text, lexicon)) {
		// Only the subject-dependent terms need the tagger; most paragraphs never reach it.
		if (term.victimSubject) {
			const clause = clauseAt(flag.start);
			if (clause && clause.parsed.subjectAt(flag.start - clause.start) === 'someone else') continue;
		}
		candidates.push(flag);
	}
	for (const clause of clauses) {
		const refuses = refusing.test(clause.text);
		lemmaPatterns.forEach(({ termId, needs, pattern }, index) => {
			if (!needs.test(clause.text) || (needsRefusing.has(index) && !refuses)) return;
			const term = termsById.get(termId)!;
			for (const match of clause.parsed.lemmaMatches(pattern)) {
				if (subjectBefore(clause.parsed.words, match.firstWord) === 'someone else') continue;
				candidates.push(flagFor(term, clause.start + match.start, clause.start + match.end, text));
			}
		});
	}
	return candidates;
}

/**
 * The check costs a millisecond on a paragraph the tagger must read, and the editor
 * checks paragraph by paragraph on every change: most paragraphs are unchanged since
 * the last check, so their flags are remembered (by text; recently used kept).
 */
const remembered = new Map<string, LanguageFlag[]>();
const rememberedLimit = 2000;
const rememberedTextLimit = 5000;

function lexiconFlags(text: string): LanguageFlag[] {
	const known = remembered.get(text);
	if (known) {
		remembered.delete(text);
		remembered.set(text, known);
		return known;
	}
	const flags = checkWithLexicon(text);
	// A paragraph, not a whole section sent to the API: memory stays a few megabytes.
	if (text.length > rememberedTextLimit) return flags;
	remembered.set(text, flags);
	if (remembered.size > rememberedLimit) remembered.delete(remembered.keys().next().value!);
	return flags;
}

/** Forget remembered results (for the benchmark, which measures the cost without them). */
export function forgetLanguageChecks(): void {
	remembered.clear();
}

/**
 * Every flagged passage in `text`, in order. Where terms overlap the longest match wins
 * (so "failed to attend" is flagged as that, not as "failed to").
 */
export function checkLanguage(text: string, extraTerms: LanguageTerm[] = []): LanguageFlag[] {
	const candidates = [...lexiconFlags(text), ...matchTerms(text, extraTerms).map((found) => found.flag)];
	candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
	const flags: LanguageFlag[] = [];
	for (const candidate of candidates) {
		const last = flags.at(-1);
		if (last && candidate.start < last.end) continue;
		flags.push({ ...candidate });
	}
	return flags;
}
