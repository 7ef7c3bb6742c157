import { describe, expect, it } from 'vitest';
import { checkLanguage, customTerm, customTermProblems, lexicon } from './language-check';
import { tune } from './language-check.corpus';
import { heldOut } from './language-check.held-out';
import { scoreCorpus } from './language-check.corpus-format';

const flagged = (text: string) => checkLanguage(text).map((f) => `${f.category}: ${f.text}`);

describe('checkLanguage', () => {
	it('reports offsets into the text, with why and a suggestion', () => {
		const text = 'On 3 March she declined to engage.';
		const [flag] = checkLanguage(text);
		expect(text.slice(flag.start, flag.end)).toBe('declined to engage');
		expect(flag).toMatchObject({ termId: 'declined-to-engage', category: 'victim-blaming' });
		expect(flag.why.length).toBeGreaterThan(20);
		expect(flag.suggestion.length).toBeGreaterThan(10);
	});

	it('matches inflections and phrases across line breaks, never inside other words', () => {
		expect(checkLanguage('She refuses to\nengage.').map((f) => f.termId)).toEqual(['declined-to-engage']);
		expect(checkLanguage('He was arguing with her.').map((f) => f.text)).toEqual(['arguing']);
		expect(checkLanguage('An unprovoked attack; reengagement; counterargument.')).toEqual([]);
	});

	it('prefers the longest overlapping term', () => {
		expect(checkLanguage('She failed to attend.').map((f) => f.termId)).toEqual(['failed-to-attend']);
	});

	it('every lexicon term has an explanation and a suggestion, and ids are unique', () => {
		expect(new Set(lexicon.map((t) => t.id)).size).toBe(lexicon.length);
		for (const term of lexicon) {
			expect(term.why, term.id).toMatch(/\w{3,}/);
			expect(term.suggestion, term.id).toMatch(/\w{3,}/);
		}
	});

	it('adds a review’s own terms, literally and case-insensitively', () => {
		const term = customTerm('custom-1', 'Mr (X)', 'Use the pseudonym.', 'Write "Adult B".');
		expect(checkLanguage('We met mr  (x) twice.', [term]).map((f) => f.text)).toEqual(['mr  (x)']);
		expect(customTermProblems('  ')).toHaveLength(1);
		expect(customTermProblems('volatile')).toEqual([]);
	});

	it('gives the same answer for a paragraph it has seen before, without sharing the flags', () => {
		const text = 'She kept declining the offers of support.';
		const first = checkLanguage(text);
		first[0].text = 'changed by the caller';
		expect(checkLanguage(text).map((f) => f.text)).toEqual(['kept declining the offers']);
	});
});

describe('places responsibility on the victim', () => {
	it('finds a responsibilising verb in any form, with or without negation', () => {
		expect(flagged('Adult A kept declining the offers of support.')).toEqual(['victim-blaming: kept declining the offers']);
		expect(flagged('She wouldn’t engage with the IDVA.')).toEqual(['victim-blaming: wouldn’t engage']);
		expect(flagged('Her mother never engaged with early help.')).toEqual(['victim-blaming: never engaged']);
		expect(flagged('The victim chose to go back to the perpetrator.')).toEqual(['victim-blaming: chose to go back']);
		expect(flagged('Adult A failed to turn up for the interview.')).toEqual(['victim-blaming: failed to turn up']);
		expect(flagged('She kept cancelling her appointments.')).toEqual(['victim-blaming: kept cancelling']);
	});

	it('reads a chronology entry without a subject as about the victim', () => {
		expect(flagged('Declined referral to MARAC.')).toEqual(['victim-blaming: Declined referral']);
		expect(flagged('Pt not engaging with CMHT.')).toEqual(['victim-blaming: not engaging']);
	});

	it('finds labels for the victim by how services saw her', () => {
		expect(flagged('Adult A was described as a non-engager.')).toEqual(['victim-blaming: non-engager']);
		expect(flagged('The family were uncooperative.')).toEqual(['victim-blaming: uncooperative']);
		expect(flagged('She was seen as hard to reach.')).toEqual(['victim-blaming: hard to reach']);
	});

	it('does not flag agencies’ or the perpetrator’s actions, nor what the victim said or did to protect herself', () => {
		for (const text of [
			'The GP did not refer her.',
			'The police declined to charge Adult B.',
			'She told the IDVA she was afraid.',
			'The IDVA service declined the referral because it was full.',
			'Adult B refused to engage with the perpetrator programme.',
			'He did not engage with probation.',
			'Services were not able to engage her.',
			'She refused to let him into the flat.',
			'She did not attend; the clinic rebooked.',
			'She returned to live with him in October.',
			'The outreach worker engaged well with Adult A.'
		]) {
			expect(checkLanguage(text), text).toEqual([]);
		}
	});
});

describe('minimises the abuse or makes it mutual', () => {
	it('finds mutualising words', () => {
		expect(flagged('It was a toxic relationship.')).toEqual(['minimising: toxic relationship']);
		expect(flagged('They fought in the street.')).toEqual(['minimising: fought']);
		expect(flagged('Officers recorded mutual aggression.')).toEqual(['minimising: mutual aggression']);
		expect(flagged('Police called them a volatile couple.')).toEqual(['minimising: volatile couple']);
	});

	it('finds words excusing or minimising his choices and the harm', () => {
		expect(flagged('He snapped.')).toEqual(['minimising: snapped']);
		expect(flagged('He lost his temper.')).toEqual(['minimising: lost his temper']);
		expect(flagged('It was just a push.')).toEqual(['minimising: just a push']);
		expect(flagged('The press called it a crime of passion.')).toEqual(['minimising: crime of passion']);
		expect(flagged('The assault was due to his drinking.')).toEqual(['minimising: due to his drinking']);
	});

	it('leaves near misses alone', () => {
		for (const text of ['He lost control of the car.', 'The argument for a single point of contact is strong.', 'The fighting fund raised £2,000.', 'Police attended a domestic abuse incident.', 'The volatile chemicals were stored safely.']) {
			expect(checkLanguage(text), text).toEqual([]);
		}
	});
});

describe('hindsight or blame of practitioners', () => {
	it('finds hindsight judgements', () => {
		expect(flagged('The officers should have realised the risk.')).toEqual(['hindsight: should have realised']);
		expect(flagged('Obviously the risk was rising.')).toEqual(['hindsight: Obviously']);
		expect(flagged('It was clear that she was in danger.')).toEqual(['hindsight: It was clear']);
		expect(flagged('The GP missed the obvious signs.')).toEqual(['hindsight: missed the obvious']);
	});

	it('leaves near misses alone', () => {
		for (const text of ['There was no obvious injury.', 'It is clear from the minutes that the MARAC discussed her case.', 'I should have asked who else lived there, looking back.', 'Officers did not know of the earlier threats.']) {
			expect(checkLanguage(text), text).toEqual([]);
		}
	});
});

describe('the corpus', () => {
	it('has at least 400 sentences, held out and tune apart, in three styles', () => {
		expect(tune.length + heldOut.length).toBeGreaterThanOrEqual(400);
		const tuneTexts = new Set(tune.map((s) => s.text));
		expect(heldOut.filter((s) => tuneTexts.has(s.text))).toEqual([]);
		expect(new Set(heldOut.map((s) => s.style))).toEqual(new Set(['chronology', 'report', 'learning event']));
	});

	it('reaches precision and recall of at least 0.9 on the tune part, flagging no clean sentence', () => {
		const score = scoreCorpus(tune, (text) => checkLanguage(text));
		if (score.mistakes.length) console.log(score.mistakes.join('\n'));
		expect(score.overall.precision).toBeGreaterThanOrEqual(0.9);
		expect(score.overall.recall).toBeGreaterThanOrEqual(0.9);
		expect(score.cleanFlagged).toBe(0);
	});
});
