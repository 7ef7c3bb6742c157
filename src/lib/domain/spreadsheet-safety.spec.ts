import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula, stripFormula } from './spreadsheet-safety';

describe('spreadsheet formula safety', () => {
	it('makes every cell that starts like a formula into text on export', () => {
		for (const cell of ['=HYPERLINK("http://x","y")', '+44 1234', '-2+3', '@SUM(A1)', '\t=1']) {
			expect(looksLikeFormula(cell)).toBe(true);
			expect(neutraliseFormula(cell)).toBe(`'${cell}`);
		}
		expect(neutraliseFormula('Seen at home')).toBe('Seen at home');
		expect(neutraliseFormula('')).toBe('');
	});

	it('strips formula characters from imported cells but keeps dashes used as bullets', () => {
		expect(stripFormula('=HYPERLINK("http://evil.test","click")')).toBe('HYPERLINK("http://evil.test","click")');
		expect(stripFormula('@@=cmd')).toBe('cmd');
		expect(stripFormula('- seen at home')).toBeNull();
		expect(stripFormula('Seen at home')).toBeNull();
	});
});
