import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTheme, appendContribution, changeContribution, readContributions, readLive, readThemes, writeLive } from './event-board';

describe('the event board document', () => {
	it('keeps the live state, contributions without their author when unnamed, themes and the moderator’s marks', () => {
		const doc = new Y.Doc();
		expect(readLive(doc)).toEqual({ phaseIndex: -1, phaseStartedAt: null, focusEpisodeId: null, speaking: null });
		writeLive(doc, { phaseIndex: 2, phaseStartedAt: '2026-11-23T10:00:00Z', focusEpisodeId: 'e7' });
		expect(readLive(doc)).toMatchObject({ phaseIndex: 2, focusEpisodeId: 'e7' });

		appendContribution(doc, { id: 'c1', prompt: 'helped', episodeId: 'e7', text: 'The IDVA called back the same day.', authorName: null, timing: 'live', createdAt: '2026-11-23T10:05:00Z' });
		appendContribution(doc, { id: 'c2', prompt: 'helped', episodeId: 'e7', text: 'Quick call back.', authorName: 'Tom Adeyemi', timing: 'live', createdAt: '2026-11-23T10:06:00Z' });
		expect(JSON.stringify(doc.getArray('contributions').toJSON()[0])).not.toMatch(/author"\s*:\s*"/);
		addTheme(doc, 't1', 'Responsive contact');
		expect(changeContribution(doc, 'c1', { themeId: 't1', mark: 'learning' })).toBe(true);
		expect(changeContribution(doc, 'c2', { mergedInto: 'c1' })).toBe(true);
		expect(changeContribution(doc, 'nope', { mark: 'question' })).toBe(false);
		const [first, second] = readContributions(doc);
		expect(first).toMatchObject({ authorName: null, themeId: 't1', mark: 'learning' });
		expect(second).toMatchObject({ authorName: 'Tom Adeyemi', mergedInto: 'c1' });
		expect(readThemes(doc)).toEqual([{ id: 't1', title: 'Responsive contact' }]);
	});
});
