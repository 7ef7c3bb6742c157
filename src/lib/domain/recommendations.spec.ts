import { describe, expect, it } from 'vitest';
import { emptyRecommendation, smartWarnings } from './recommendations';

const today = '2026-11-23';
const good = {
	...emptyRecommendation('r1'),
	text: 'Northmoor Police adds stalking questions to its call-handling script.',
	addressedTo: 'Northmoor Police',
	outcome: 'The script is in place and an audit of 50 calls shows the questions asked.',
	targetDate: '2027-06-30' as const
};

describe('smartWarnings', () => {
	it('passes a specific, owned, measurable and dated recommendation', () => {
		expect(smartWarnings(good, today)).toEqual([]);
	});

	it('warns about no owner, no outcome, no date and a past date', () => {
		const fields = (r: typeof good | ReturnType<typeof emptyRecommendation>) => smartWarnings(r, today).map((w) => w.field);
		expect(fields({ ...good, addressedTo: '' })).toEqual(['addressedTo']);
		expect(fields({ ...good, outcome: '' })).toEqual(['outcome']);
		expect(fields({ ...good, outcome: 'Better practice' })).toEqual(['outcome']);
		expect(fields({ ...good, targetDate: '' })).toEqual(['targetDate']);
		expect(fields({ ...good, targetDate: '2025-01-01' })).toEqual(['targetDate']);
	});

	it('warns about vague wording that disperses responsibility', () => {
		const messages = (text: string) => smartWarnings({ ...good, text }, today).map((w) => w.message).join(' ');
		expect(messages('Agencies should raise awareness of coercive control.')).toMatch(/Raise awareness/);
		expect(messages('The partnership should consider a training programme.')).toMatch(/Consider/);
		expect(messages('All agencies should share information where appropriate.')).toMatch(/let-out|everyone/);
	});
});
