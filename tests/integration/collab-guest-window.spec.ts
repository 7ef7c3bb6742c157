/**
 * A guest's live connection ends with their learning event's window (issue 13): when
 * the window runs out, and at once when a change to the plan closes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync } from '../helpers/collab-client';
import { bringInGuest, planEvent } from '../helpers/learning-events';
import { changeDatabase } from '../helpers/database';
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

const guestDetails = { name: 'Alex Guest', roleTitle: 'Health visitor', agencyLabel: 'Northmoor Community Health' };

describe('a guest’s live connection ends with the event’s window', () => {
	it('closes when a plan change ends the window, while members stay connected', async () => {
		// Started an hour ago with the default 140-minute agenda: open for 80 minutes more.
		const eventId = await planEvent(moderator, reviewId, 'Event cut short', -60);
		const guest = await bringInGuest(moderator, server.origin, reviewId, eventId, guestDetails);
		const docName = `review/${reviewId}/event/${eventId}`;
		const guestBoard = connectClient(server, docName, guest.cookieHeader());
		const panelBoard = connectClient(server, docName, panel.cookieHeader());
		try {
			await Promise.all([waitForSync(guestBoard), waitForSync(panelBoard)]);
			await new Promise((r) => setTimeout(r, 300));
			expect(guestBoard.closes).toEqual([]);

			const changedAt = Date.now();
			// One 30-minute phase: the event ended half an hour ago, and there is no reflection window.
			const changed = await moderator.submit(`/reviews/${reviewId}/events/${eventId}`, 'agenda', { phaseKey: 'only', phaseTitle: 'Only phase', phaseMinutes: '30', phasePurpose: '' });
			expect(changed.type).toBe('success');
			await waitFor(() => guestBoard.closes.length > 0, 2_000, 'the guest’s connection to close');
			expect(Date.now() - changedAt).toBeLessThan(2_000);
			expect(guestBoard.closes[0]).toEqual({ code: 4404, reason: 'The learning event’s window has closed' });
			// It cannot come back either.
			await new Promise((r) => setTimeout(r, 1_000));
			expect(guestBoard.provider.wsconnected).toBe(false);
			expect(panelBoard.closes).toEqual([]);
			expect(panelBoard.provider.wsconnected).toBe(true);
		} finally {
			guestBoard.destroy();
			panelBoard.destroy();
		}
	});

	it('closes when the window runs out, found by the regular sweep', async () => {
		const eventId = await planEvent(moderator, reviewId, 'Event running out', -5);
		const guest = await bringInGuest(moderator, server.origin, reviewId, eventId, guestDetails);
		const guestBoard = connectClient(server, `review/${reviewId}/event/${eventId}`, guest.cookieHeader());
		try {
			await waitForSync(guestBoard);
			// Time passes: the event now started long enough ago for its window to be over.
			// Nothing announces this, as nothing announces the clock.
			changeDatabase(server.databasePath, 'update learning_event set starts_at = ? where id = ?', Date.now() - 200 * 60_000, eventId);
			await waitFor(() => guestBoard.closes.length > 0, 8_000, 'the sweep to close the guest’s connection');
			expect(guestBoard.closes[0]).toEqual({ code: 4404, reason: 'The learning event’s window has closed' });
		} finally {
			guestBoard.destroy();
		}
	});
});
