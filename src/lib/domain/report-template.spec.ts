import { describe, expect, it } from 'vitest';
import { moveItem, newSectionKey, reportTemplate, sectionFragmentName, sectionTitleProblems } from './report-template';

describe('report template', () => {
	it('follows the statutory overview report outline, with the executive summary as its own part', () => {
		const titles = reportTemplate.map((s) => s.title);
		expect(titles[0]).toBe('Introduction');
		expect(titles).toContain('Author of the overview report');
		expect(titles.indexOf('Lessons to be learnt')).toBe(titles.indexOf('Recommendations') - 1);
		expect(reportTemplate.filter((s) => s.part === 'executive-summary').map((s) => s.key)).toEqual(['executive-summary']);
		expect(reportTemplate.every((s) => s.guidance.length > 20)).toBe(true);
		expect(new Set(reportTemplate.map((s) => s.key)).size).toBe(reportTemplate.length);
		expect(reportTemplate.map((s) => s.key)).toContain('author');
		expect(reportTemplate.find((s) => s.key === 'author')!.guidance).toMatch(/statement of independence/);
		expect(sectionFragmentName('analysis')).toBe('section:analysis');
	});

	it('makes unique keys for added sections', () => {
		expect(newSectionKey('Addendum: the inquest', [])).toBe('custom-addendum-the-inquest');
		expect(newSectionKey('Addendum', ['custom-addendum'])).toBe('custom-addendum-2');
		expect(newSectionKey('***', [])).toBe('custom-section');
	});

	it('checks titles and moves items one place within bounds', () => {
		expect(sectionTitleProblems('  ')).toEqual(['Enter a title for the section']);
		expect(sectionTitleProblems('x'.repeat(121))).toHaveLength(1);
		expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
		expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
	});
});
