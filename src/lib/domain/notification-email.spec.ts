import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestEmail, immediateEmail } from './notification-email';

const link = 'http://localhost:3000/reviews/3f1c0a9e-1d2b-4c5d-8e7f-0a1b2c3d4e5f/report#comment-9b8a7c6d';

describe('the immediate email', () => {
	it('says only which review needs you, and links to it', () => {
		expect(immediateEmail({ reviewTitle: 'Adult A', link })).toEqual({
			subject: 'Something in review Adult A needs you',
			text: `Something in review Adult A needs you.\n\nOpen it here: ${link}\n\nThis email says nothing more on purpose: email is not secure enough for anything about a review. Sign in to see what it is.\n`
		});
	});

	it('holds nothing but the title and the link, whatever they are', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^(Adult|Child|Person) [A-Z]{1,3}[0-9]{0,2}$/), fc.stringMatching(/^[a-z0-9-]{1,36}$/), (title, id) => {
				const url = `https://dhr.example.org/reviews/${id}`;
				const { subject, text } = immediateEmail({ reviewTitle: title, link: url });
				// Take away the two facts: what is left is the same fixed wording every time.
				const rest = (subject + '\n' + text).split(title).join('<title>').split(url).join('<link>');
				expect(rest).toBe(immediateEmail({ reviewTitle: '<title>', link: 'https://x/y' }).subject + '\n' + immediateEmail({ reviewTitle: '<title>', link: 'https://x/y' }).text.replace('https://x/y', '<link>'));
			})
		);
	});

	it('ignores anything else it is handed, such as a comment smuggled in beside the facts', () => {
		const facts = { reviewTitle: 'Adult A', link, comment: 'Mr Smith was seen at the GP on 3 March' } as Parameters<typeof immediateEmail>[0];
		const { subject, text } = immediateEmail(facts);
		expect(subject + text).not.toContain('Smith');
	});

	it('refuses a link with a query string or words in it, which could carry content out', () => {
		expect(() => immediateEmail({ reviewTitle: 'Adult A', link: 'http://localhost:3000/reviews/1?text=seen%20at%20GP' })).toThrow(/path of ids/);
		expect(() => immediateEmail({ reviewTitle: 'Adult A', link: 'http://localhost:3000/reviews/seen at the GP' })).toThrow(/path of ids/);
		expect(() => immediateEmail({ reviewTitle: 'Adult A', link: 'javascript:alert(1)' })).toThrow(/path of ids/);
	});

	it('keeps a title to one line, so it cannot add headers to the message', () => {
		const { subject } = immediateEmail({ reviewTitle: 'Adult A\r\nBcc: someone@example.org', link });
		expect(subject).not.toMatch(/[\r\n]/);
	});

	it('names the product when the cause belongs to no review', () => {
		expect(immediateEmail({ reviewTitle: null, link }).subject).toBe('Something in DHR Panel Workspace needs you');
	});
});

describe('the daily summary', () => {
	it('lists reviews and counts only', () => {
		const { subject, text } = digestEmail({ reviews: [{ reviewTitle: 'Adult A', count: 2 }, { reviewTitle: 'Adult B', count: 1 }], link: 'http://localhost:3000/' });
		expect(subject).toBe('Your daily summary: 3 things need you');
		expect(text).toBe(
			'Since your last summary, these need you:\n\n- Review Adult A: 2\n- Review Adult B: 1\n\nSign in to see them: http://localhost:3000/\n\nThis email says nothing more on purpose: email is not secure enough for anything about a review. Sign in to see what it is.\n'
		);
	});

	it('says "1 thing" for one', () => {
		expect(digestEmail({ reviews: [{ reviewTitle: 'Adult A', count: 1 }], link: 'http://localhost:3000/' }).subject).toBe('Your daily summary: 1 thing needs you');
	});

	it('refuses a count that is not a whole number, so no text can pass as one', () => {
		expect(() => digestEmail({ reviews: [{ reviewTitle: 'Adult A', count: 'seen at GP' as unknown as number }], link: 'http://localhost:3000/' })).toThrow(/whole number/);
	});
});
