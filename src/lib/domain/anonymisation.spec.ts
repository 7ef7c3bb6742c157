import { describe, expect, it } from 'vitest';
import { applyPseudonyms, createScanner, isValidNhsNumber, registerEntryProblems, type RegisterTerm } from './anonymisation';
import { tune } from './anonymisation.corpus';
import { corpusRegister, scoreCorpus } from './anonymisation.corpus-format';

const register: RegisterTerm[] = [
	{ id: '1', real: 'Mark Taylor', pseudonym: 'Adult B', kind: 'person', aliases: ['Marky'] },
	{ id: '2', real: 'Joanne Price', pseudonym: 'Adult A', kind: 'person', aliases: [] },
	{ id: '3', real: 'Castleford', pseudonym: 'Town A', kind: 'place', aliases: [] }
];
const scan = (text: string) => createScanner(register).scan(text);
const kinds = (text: string) => scan(text).map((f) => `${f.kind}:${f.text}`);

describe('the identifier scan', () => {
	it('finds register terms in any case, whole words, longest first, with their pseudonym', () => {
		const findings = scan("MARK TAYLOR's car; Mr Taylor; Markham Road");
		expect(findings.map((f) => [f.text, f.pseudonym, f.source])).toEqual([
			['MARK TAYLOR', 'Adult B', 'register'],
			['Mr Taylor', 'Adult B', 'register']
		]);
	});

	it('does not flag a single-word name written as an ordinary lower-case word', () => {
		expect(scan('There was a mark on her arm.')).toEqual([]);
	});

	it('does not flag the pseudonyms, agencies or role words', () => {
		expect(scan('Adult A told the GP and the IDVA; Child 1 was at school; West Yorkshire Police attended.')).toEqual([]);
	});

	it('finds each kind of structured identifier', () => {
		expect(kinds('Postcode LS11 7QT.')).toEqual(['postcode:LS11 7QT']);
		expect(kinds('Ring 07700 900123.')).toEqual(['phone:07700 900123']);
		expect(kinds('NHS number 628 194 8211.')).toEqual(['nhs_number:628 194 8211']);
		expect(kinds('NI number AB123456D.')).toEqual(['ni_number:AB123456D']);
		expect(kinds('Write to jo@example.com today.')).toEqual(['email:jo@example.com']);
		expect(kinds('She lived at 14 Acacia Avenue.')).toEqual(['address:14 Acacia Avenue']);
		expect(kinds('Adult A was born on 12 June 1984.')).toEqual(['date_of_birth:12 June 1984']);
	});

	it('checks the NHS number check digit, and leaves event dates alone', () => {
		expect(isValidNhsNumber('6281948211')).toBe(true);
		expect(isValidNhsNumber('6281948212')).toBe(false);
		expect(scan('NHS number 628 194 8212 was mistyped. The incident was on 12 June 2016.')).toEqual([]);
	});

	it('suggests names of people not in the register', () => {
		expect(kinds('Dr Okafor and Sarah Jenkins were told.')).toEqual(['person:Dr Okafor', 'person:Sarah Jenkins']);
		expect(scan('Dr Okafor was told.')[0].source).toBe('name');
	});

	it('reports offsets into the original text through combining accents, bidi marks and non-breaking spaces', () => {
		const text = 'Seen: Joanne\u200F\u00A0Price and Castlefo\u0301rd? no: Castleford.';
		const findings = scan(text);
		expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['Joanne\u200F\u00A0Price', 'Castleford']);
		expect(findings[0].text).toBe('Joanne\u200F\u00A0Price');
	});

	it('scans a megabyte in bounded time', () => {
		const text = 'Mark Taylor rang 07700 900123 from LS11 7QT. '.repeat(23_000);
		const started = performance.now();
		const findings = scan(text);
		expect(findings.length).toBe(23_000 * 3);
		expect(performance.now() - started).toBeLessThan(10_000);
	});

	it('meets its targets on the tune part of the corpus', () => {
		const scanner = createScanner(corpusRegister);
		const score = scoreCorpus(tune, (text) => scanner.scan(text));
		expect(score.byLabel.register.recall).toBeGreaterThanOrEqual(0.95);
		expect(score.byLabel.name.recall).toBeGreaterThanOrEqual(0.8);
		expect(score.overall.precision).toBeGreaterThanOrEqual(0.9);
		expect(score.overall.recall).toBeGreaterThanOrEqual(0.95);
	});

	it('does not report a real name the family asked to be used', () => {
		const kept: RegisterTerm[] = [{ id: '1', real: 'Joanne Price', pseudonym: 'Joanne Price', kind: 'person', aliases: [] }];
		expect(createScanner(kept).scan('Joanne Price was seen.')).toEqual([]);
	});
});

describe('replacing with pseudonyms', () => {
	it('replaces every register term and keeps possessives', () => {
		expect(applyPseudonyms("Mark's car was at Joanne Price's flat in Castleford; Marky left.", register)).toBe("Adult B's car was at Adult A's flat in Town A; Adult B left.");
	});
});

describe('register entries', () => {
	const entry = { real: 'Mark Taylor', pseudonym: 'Adult B', kind: 'person' as const, aliases: [], choice: 'panel' as const, note: '' };
	it('refuses empty, too short and clashing entries with a sentence each', () => {
		expect(registerEntryProblems({ ...entry, real: ' ', pseudonym: '' }, [])).toEqual(['Enter the real name or identifier', 'Enter the pseudonym']);
		expect(registerEntryProblems({ ...entry, real: 'Jo' }, [])[0]).toMatch(/at least 3 letters/);
		expect(registerEntryProblems({ ...entry, pseudonym: 'joanne price' }, register)).toContain('The pseudonym is the real name of another entry in the register');
		expect(registerEntryProblems(entry, [])).toEqual([]);
	});
	it('asks who requested the real name to be used', () => {
		expect(registerEntryProblems({ ...entry, pseudonym: 'Mark Taylor', choice: 'real_name' }, [])).toEqual(['Say who asked for the real name to be used, and when']);
	});
});
