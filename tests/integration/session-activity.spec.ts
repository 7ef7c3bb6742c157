/**
 * Only real use keeps a session alive (issue 13, "idle timeout defeated"): a page's own
 * automatic refreshes say so with a header and do not count as activity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { backgroundRefreshHeaders } from '../../src/lib/domain/background-refresh';

let server: RunningServer;
let reviewId: string;
let eventId: string;

beforeAll(async () => {
	// Three seconds idle, so the test can watch a session time out.
	server = await startServer({ env: { SESSION_IDLE_MINUTES: '0.05' } });
	const chair = new ApiClient(server.origin);
	await chair.signIn('chair@demo.test');
	reviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
	eventId = (await (await chair.request('GET', `/api/reviews/${reviewId}/events`)).json())[0].id;
});
afterAll(async () => {
	await server.dispose();
});

describe('the idle timeout', () => {
	it('runs out for a page that only refreshes itself, and not for one that is being used', async () => {
		const unattended = new ApiClient(server.origin);
		const inUse = new ApiClient(server.origin);
		await unattended.signIn('panel@demo.test');
		await inUse.signIn('police@demo.test');
		const comments = `/api/reviews/${reviewId}/report/comments`;

		const statuses = { unattended: [] as number[], inUse: [] as number[] };
		const until = Date.now() + 5_000;
		while (Date.now() < until) {
			statuses.unattended.push((await unattended.request('GET', comments, undefined, backgroundRefreshHeaders)).status);
			statuses.inUse.push((await inUse.request('GET', comments)).status);
			await new Promise((r) => setTimeout(r, 400));
		}
		expect(statuses.unattended[0]).toBe(200);
		expect(statuses.unattended.at(-1)).toBe(401);
		expect(statuses.inUse.every((status) => status === 200)).toBe(true);
	});
});

describe('who wrote each contribution', () => {
	it('is fetched by those who run the event, and refused to a participant', async () => {
		const panel = new ApiClient(server.origin);
		await panel.signIn('panel@demo.test');
		const contributions = `/api/reviews/${reviewId}/events/${eventId}/contributions`;
		expect((await panel.submit(`/reviews/${reviewId}/events/${eventId}`, 'acknowledge', {})).type).toBe('success');
		const posted = await panel.request('POST', contributions, { text: 'The referral form did not ask about children.', prompt: 'got-in-the-way', unnamed: true });
		expect(posted.status).toBe(201);
		const { id } = await posted.json();

		const moderator = new ApiClient(server.origin);
		await moderator.signIn('moderator@demo.test');
		const authors = await moderator.request('GET', contributions, undefined, backgroundRefreshHeaders);
		expect(authors.status).toBe(200);
		expect((await authors.json()).authors[id]).toBeTruthy();

		const refused = await panel.request('GET', contributions);
		expect(refused.status).toBe(403);
		expect((await refused.json()).error).toMatch(/who wrote/);
	});
});
