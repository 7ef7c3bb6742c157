import { describe, expect, it } from 'vitest';
import { concernsAgency, passageChanges, passagesOf, type RichNode } from './report-passages';

const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (entryId: string, label: string): RichNode => ({ type: 'chronologyCitation', attrs: { entryId, label } });

const police = { name: 'Northmoor Police', entryIds: new Set(['e1']) };

describe('report passages', () => {
	it('reads each block as one passage with its words and citations', () => {
		const passages = passagesOf([
			{ key: 'a', title: 'Analysis', blocks: [paragraph(text('Officers attended '), cite('e1', '12 March 2019 · Northmoor Police'), text('.')), paragraph()] },
			{ key: 'b', title: 'Findings', blocks: [{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('One'))] }, { type: 'listItem', content: [paragraph(text('Two'))] }] }] }
		]);
		expect(passages.map((p) => p.text)).toEqual(['Officers attended 12 March 2019 · Northmoor Police .', 'One Two']);
		expect(passages[0].entryIds).toEqual(['e1']);
		expect(passages[1]).toMatchObject({ sectionKey: 'b', index: 0 });
	});

	it('a passage concerns an agency that it cites or names', () => {
		const [cites, names, neither] = passagesOf([
			{ key: 'a', title: 'A', blocks: [paragraph(cite('e1', 'x')), paragraph(text('Contact with northmoor police was brief.')), paragraph(text('The GP saw her.'))] }
		]);
		expect(concernsAgency(cites, police)).toBe(true);
		expect(concernsAgency(names, police)).toBe(true);
		expect(concernsAgency(neither, police)).toBe(false);
	});

	it('shows changed, added and removed passages with the changed words, the agency’s first', () => {
		const before = passagesOf([{ key: 'a', title: 'A', blocks: [paragraph(text('The GP saw her twice.')), paragraph(text('Northmoor Police attended once.')), paragraph(text('Unchanged.'))] }]);
		const after = passagesOf([
			{ key: 'a', title: 'A', blocks: [paragraph(text('The GP saw her twice.')), paragraph(text('Northmoor Police attended three times.')), paragraph(text('Unchanged.')), paragraph(text('A new passage.'))] }
		]);
		const changes = passageChanges(before, after, (p) => concernsAgency(p, police));
		expect(changes.map((c) => c.kind)).toEqual(['changed', 'added']);
		expect(changes[0].concernsAgency).toBe(true);
		expect(changes[0].parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(['once']);
		expect(changes[0].parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['three times']);
		const removed = passageChanges(after, before, () => false);
		expect(removed.map((c) => c.kind)).toEqual(['changed', 'removed']);
		expect(passageChanges(before, before, () => true)).toEqual([]);
	});

	it('puts a change concerning the agency before earlier ones that do not', () => {
		const before = passagesOf([{ key: 'a', title: 'A', blocks: [paragraph(text('First.'))] }, { key: 'b', title: 'B', blocks: [paragraph(text('Police one.'))] }]);
		const after = passagesOf([{ key: 'a', title: 'A', blocks: [paragraph(text('First, changed.'))] }, { key: 'b', title: 'B', blocks: [paragraph(text('Police two.'))] }]);
		const changes = passageChanges(before, after, (p) => p.text.includes('Police'));
		expect(changes.map((c) => c.sectionKey)).toEqual(['b', 'a']);
	});
});

describe('IMR citations in the report (issue 20)', () => {
	const paragraph = {
		type: 'paragraph',
		content: [
			{ type: 'text', text: 'The force found its risk assessment incomplete' },
			{ type: 'imrCitation', attrs: { agencyId: 'police', sectionKey: 'lessons', quote: 'The DASH form was not completed.', label: 'IMR, Northmoor Police: Lessons learned' } }
		]
	};

	it('a passage citing an agency’s IMR reads with the citation’s label and concerns that agency', () => {
		const [passage] = passagesOf([{ key: 'analysis', title: 'Analysis', blocks: [paragraph] }]);
		expect(passage.text).toBe('The force found its risk assessment incomplete IMR, Northmoor Police: Lessons learned');
		expect(passage.imrAgencyIds).toEqual(['police']);
		expect(concernsAgency(passage, { id: 'police', name: 'Another name', entryIds: new Set() })).toBe(true);
		expect(concernsAgency(passage, { id: 'gp', name: 'Riverside GP Practice', entryIds: new Set() })).toBe(false);
	});
});
