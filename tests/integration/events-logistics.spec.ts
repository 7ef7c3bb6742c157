/**
 * Learning-event logistics found in a newcomer's walk-through (issue 18, item 5): an event
 * can be moved and carries its call link or venue; starting it before its planned time
 * still records attendance; the moderator corrects attendance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitForSync } from '../helpers/collab-client';
import { planEvent } from '../helpers/learning-events';
import { demoReviewId, signInAs } from '../helpers/demo-people';
import { eventStartFields } from '../helpers/uk-time';

let server: RunningServer;
let moderator: ApiClient;
let panel: ApiClient;
let reviewId: string;
let panelId: string;

beforeAll(async () => {
	server = await startServer();
	[moderator, panel] = await signInAs(server, 'moderator@demo.test', 'panel@demo.test');
	reviewId = await demoReviewId(moderator);
	const review = await (await moderator.request('GET', `/api/reviews/${reviewId}`)).json();
	panelId = review.members.find((m: { name: string }) => m.name === 'Tom Adeyemi').userId;
});
afterAll(async () => {
	await server?.dispose();
});

describe('learning-event logistics', () => {
	it('an event started early still records who was there, and the moderator can correct it', async () => {
		// Planned for tomorrow; the moderator starts it today.
		const eventId = await planEvent(moderator, reviewId, 'Started early', 24 * 60);
		const eventPath = `/reviews/${reviewId}/events/${eventId}`;
		expect((await moderator.submit(`${eventPath}`, 'inviteMember', { userId: panelId })).type).toBe('success');
		expect((await panel.submit(eventPath, 'acknowledge', {})).type).toBe('success');
		const presence = `/api/reviews/${reviewId}/events/${eventId}/presence`;
		// Not started: nothing to record yet.
		expect(await (await panel.request('POST', presence)).json()).toEqual({ recorded: false });

		const board = connectClient(server, `review/${reviewId}/event/${eventId}`, moderator.cookieHeader());
		try {
			await waitForSync(board);
			board.doc.transact(() => {
				board.doc.getMap('live').set('phaseIndex', 0);
				board.doc.getMap('live').set('phaseStartedAt', new Date().toISOString());
			});
			await new Promise((r) => setTimeout(r, 300));
		} finally {
			board.destroy();
		}
		expect(await (await panel.request('POST', presence)).json()).toEqual({ recorded: true });
		let record = await (await moderator.request('GET', `${eventPath}/record`)).text();
		expect(record).not.toContain('No attendance recorded');
		expect(record).toContain('Panel member');

		// The moderator corrects it: they were not there after all.
		expect((await moderator.submit(eventPath, 'attendance', { userId: panelId, attendance: 'absent' })).type).toBe('success');
		record = await (await moderator.request('GET', `${eventPath}/record`)).text();
		expect(record).toContain('No attendance recorded');
		// Only those who run the event correct attendance.
		expect((await panel.submit(eventPath, 'attendance', { userId: panelId, attendance: 'present' })).status).toBe(403);
	});

	it('an event can be moved and carries its call link or venue; a start in the past is refused', async () => {
		const eventId = await planEvent(moderator, reviewId, 'To be moved', 24 * 60);
		const eventPath = `/reviews/${reviewId}/events/${eventId}`;
		const later = new Date(Date.now() + 3 * 86_400_000);
		later.setUTCSeconds(0, 0);
		const moved = await moderator.submit(eventPath, 'reschedule', { ...eventStartFields(later), link: 'Room 4, Northmoor Town Hall' });
		expect(moved.type).toBe('success');
		const listed = (await (await panel.request('GET', `/api/reviews/${reviewId}/events`)).json()).find((e: { id: string }) => e.id === eventId);
		expect(new Date(listed.startsAt).getTime()).toBe(later.getTime());
		expect(await (await panel.request('GET', eventPath)).text()).toContain('Room 4, Northmoor Town Hall');

		const past = await moderator.submit(eventPath, 'reschedule', { ...eventStartFields(new Date(Date.now() - 86_400_000)), link: '' });
		expect(past.status).toBe(400);
		expect(JSON.stringify(past.data)).toContain('The new start must be in the future');
	});
});
