import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync } from '../helpers/collab-client';
import { planEvent as planEventBy } from '../helpers/learning-events';
import { changeDatabase, queryDatabase } from '../helpers/database';
import { demoReviewId, signInAs } from '../helpers/demo-people';

let server: RunningServer;
let moderator: ApiClient;
let panel: ApiClient;
let reviewId: string;

beforeAll(async () => {
	server = await startServer();
	[moderator, panel] = await signInAs(server, 'moderator@demo.test', 'panel@demo.test');
	reviewId = await demoReviewId(moderator);
});
afterAll(async () => {
	await server.dispose();
});

/** The moderator plans an event through the page's form, starting `minutesFromNow` from now (UK wall clock). */
const planEvent = (title: string, minutesFromNow: number) => planEventBy(moderator, reviewId, title, minutesFromNow);

async function inviteGuest(eventId: string): Promise<string> {
	const result = await moderator.submit(`/reviews/${reviewId}/events/${eventId}`, 'inviteGuest', { name: 'Sam Guest', roleTitle: 'Support worker', agencyLabel: 'Northmoor Housing' });
	expect(result.type).toBe('success');
	return String(result.data!.invitationLink).split('/invitations/')[1];
}

describe('learning events and guest practitioners', () => {
	it('a guest joins by a one-use link, sees that event only, must acknowledge the ground rules, and posts unnamed without a trace in the board', async () => {
		const eventId = await planEvent('Event with a guest', -5);
		const otherEventId = (await (await moderator.request('GET', `/api/reviews/${reviewId}/events`)).json()).find((e: { id: string }) => e.id !== eventId).id;
		const token = await inviteGuest(eventId);

		const guest = new ApiClient(server.origin);
		expect((await guest.submit(`/invitations/${token}`, '', {})).type).toBe('redirect');
		const reused = new ApiClient(server.origin);
		const second = await reused.submit(`/invitations/${token}`, '', {});
		expect(second.status).toBe(409);
		expect(String(second.data?.problem)).toMatch(/already been used/);

		// Nothing of the review but this event.
		for (const path of [`/api/reviews/${reviewId}`, `/api/reviews/${reviewId}/chronology`, `/api/reviews/${reviewId}/events`, `/api/reviews/${reviewId}/report/versions`]) {
			expect((await guest.request('GET', path)).status, path).toBe(403);
		}
		expect((await guest.request('GET', `/reviews/${reviewId}/chronology`)).status).toBe(403);
		expect((await guest.request('GET', `/reviews/${reviewId}/events/${otherEventId}`)).status).toBe(404);
		expect((await guest.request('POST', `/api/reviews/${reviewId}/events/${otherEventId}/contributions`, { text: 'x', prompt: 'helped' })).status).toBe(404);
		const chronologySocket = connectClient(server, `review/${reviewId}/chronology/nope`, guest.cookieHeader());
		await waitFor(() => chronologySocket.closes.some((c) => c.code === 4404), 5_000, 'the chronology refusal');
		chronologySocket.destroy();

		// The ground rules come first.
		const early = await guest.request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: 'The form was hard to find.', prompt: 'got-in-the-way', unnamed: true });
		expect(early.status).toBe(409);
		expect((await early.json()).error).toMatch(/ground rules/);
		expect((await guest.submit(`/reviews/${reviewId}/events/${eventId}`, 'acknowledge', {})).type).toBe('success');

		// Bad contributions change nothing.
		expect((await guest.request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: '  ', prompt: 'helped' })).status).toBe(400);
		expect((await guest.request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: 'x'.repeat(1_001), prompt: 'helped' })).status).toBe(400);
		expect((await guest.request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: 'Fine', prompt: 'nonsense' })).status).toBe(400);

		const board = connectClient(server, `review/${reviewId}/event/${eventId}`, panel.cookieHeader());
		await waitForSync(board);
		const posted = await guest.request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: 'The referral form was hard to find.', prompt: 'got-in-the-way', unnamed: true });
		expect(posted.status).toBe(201);
		const { id } = await posted.json();
		await waitFor(() => board.doc.getArray('contributions').length === 1, 5_000, 'the contribution');
		const shared = JSON.stringify(board.doc.getArray('contributions').toJSON());
		expect(shared).toContain('The referral form was hard to find.');
		expect(shared).not.toContain('Sam Guest');
		// The guest's own client never wrote to the board; the author is only in SQLite.
		const [row] = queryDatabase<{ name: string }>(server.databasePath, 'select u.name from event_contribution c join user u on u.id = c.author_id where c.id = ?', id);
		const [stored] = queryDatabase<{ n: number }>(server.databasePath, 'select count(*) as n from event_contribution where event_id = ?', eventId);
		expect(row.name).toBe('Sam Guest');
		expect(stored.n).toBe(1);

		// Only those who run the event write to its board; a guest's connection may read.
		const guestBoard = connectClient(server, `review/${reviewId}/event/${eventId}`, guest.cookieHeader());
		await waitForSync(guestBoard);
		guestBoard.doc.getMap('live').set('phaseIndex', 3);
		await waitFor(() => guestBoard.closes.some((c) => c.code === 4403), 5_000, 'the read-only refusal');
		guestBoard.destroy();
		board.destroy();
	});

	it('refuses expired invitations and contributions once the event and its reflection window are over', async () => {
		const pastId = await planEvent('Event that has ended', -180);
		const closed = await moderator.request('POST', `/api/reviews/${reviewId}/events/${pastId}/contributions`, { text: 'Too late', prompt: 'helped' });
		expect(closed.status).toBe(409);
		expect((await closed.json()).error).toMatch(/ended/);
		const refusedInvite = await moderator.submit(`/reviews/${reviewId}/events/${pastId}`, 'inviteGuest', { name: 'Late', roleTitle: 'Nurse', agencyLabel: 'Hospital' });
		expect(refusedInvite.status).toBe(409);

		const liveId = await planEvent('Event for an expiring link', 30);
		const token = await inviteGuest(liveId);
		changeDatabase(server.databasePath, 'update event_invitation set expires_at = ? where event_id = ?', Date.now() - 1_000, liveId);
		const guest = new ApiClient(server.origin);
		const expired = await guest.submit(`/invitations/${token}`, '', {});
		expect(expired.status).toBe(409);
		expect(String(expired.data?.problem)).toMatch(/expired/);
		expect((await guest.request('GET', `/reviews/${reviewId}/events/${liveId}`)).status).toBe(303);
	});

	it('the record gives attendance by role and agency with no names, and sends learning points to the report citing their episodes', async () => {
		const eventId = await planEvent('Event for the record', -5);
		const eventPath = `/reviews/${reviewId}/events/${eventId}`;
		const review = await (await moderator.request('GET', `/api/reviews/${reviewId}`)).json();
		const panelId = review.members.find((m: { name: string }) => m.name === 'Tom Adeyemi').userId;
		expect((await moderator.submit(eventPath, 'inviteMember', { userId: panelId })).type).toBe('success');
		expect((await moderator.submit(eventPath, 'inviteMember', { userId: panelId })).status).toBe(409);
		expect((await moderator.submit(eventPath, 'agenda', { phaseKey: 'a', phaseTitle: 'Only', phaseMinutes: '0', phasePurpose: '' })).status).toBe(400);

		// The demo's planned event discusses the key practice episodes; this one takes them too.
		const demoEpisodes = (await (await moderator.request('GET', `/api/reviews/${reviewId}/events`)).json()).find((e: { title: string }) => e.title.startsWith('Practitioner event: the risk')).episodeIds;
		expect(demoEpisodes.length).toBe(3);
		expect((await moderator.submit(eventPath, 'episodes', { episodeIds: [...demoEpisodes, 'not-an-episode'] })).type).toBe('success');

		expect((await panel.request('GET', eventPath)).status).toBe(200);
		expect((await panel.submit(eventPath, 'acknowledge', {})).type).toBe('success');
		const planned = (await (await moderator.request('GET', `/api/reviews/${reviewId}/events`)).json()).find((e: { id: string }) => e.id === eventId);
		expect(planned.episodeIds).toEqual(demoEpisodes);
		const episodeId = planned.episodeIds[0];
		const posted = await panel.request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: 'Strangulation was not asked about routinely.', prompt: 'next-time', episodeId, unnamed: false });
		expect(posted.status).toBe(201);
		const { id } = await posted.json();

		// The moderator marks it a learning point on the board.
		const board = connectClient(server, `review/${reviewId}/event/${eventId}`, moderator.cookieHeader());
		await waitForSync(board);
		const item = board.doc.getArray<import('yjs').Map<unknown>>('contributions').toArray().find((m) => m.get('id') === id)!;
		item.set('mark', 'learning');
		await new Promise((r) => setTimeout(r, 300));
		board.destroy();

		const record = await (await moderator.request('GET', `${eventPath}/record`)).text();
		expect(record).toContain('Panel member');
		expect(record).toContain('Strangulation was not asked about routinely.');
		expect(record).not.toContain('Tom Adeyemi');
		expect((await panel.submit(`${eventPath}/record`, 'send', {})).status).toBe(403);
		expect((await moderator.submit(`${eventPath}/record`, 'send', {})).type).toBe('success');

		const report = connectClient(server, `review/${reviewId}/report`, moderator.cookieHeader());
		await waitForSync(report);
		const lessons = report.doc.getXmlFragment('section:lessons').toString();
		report.destroy();
		expect(lessons).toContain('Candidate findings from “Event for the record”');
		expect(lessons).toContain('Strangulation was not asked about routinely.');
		expect(lessons).toContain(`entryId="${episodeId}"`);
	});
});
