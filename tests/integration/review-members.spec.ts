/**
 * Who sees whom in a review (issue 13's security review): guest practitioners are named
 * only to the moderator and the chair, the family advocate gets no member list, and an
 * admin account can never become a member or the chair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync } from '../helpers/collab-client';
import { bringInGuest, planEvent } from '../helpers/learning-events';

let server: RunningServer;
const clients: Record<'admin' | 'chair' | 'moderator' | 'panel' | 'police' | 'advocate', ApiClient> = {} as never;
let reviewId: string;

const guestName = 'Morgan Fairweather';
const guestLabel = 'Guest practitioner (Support worker, Northmoor Housing)';

beforeAll(async () => {
	server = await startServer();
	for (const who of ['admin', 'chair', 'moderator', 'panel', 'police', 'advocate'] as const) {
		clients[who] = new ApiClient(server.origin);
		expect((await clients[who].signIn(`${who}@demo.test`)).status).toBe(200);
	}
	reviewId = (await (await clients.chair.request('GET', '/api/reviews')).json())[0].id;
});
afterAll(async () => {
	await server.dispose();
});

async function membersSeenBy(client: ApiClient): Promise<{ name: string; role: string }[] | undefined> {
	const response = await client.request('GET', `/api/reviews/${reviewId}`);
	expect(response.status).toBe(200);
	return (await response.json()).members;
}

async function reviewPageData(client: ApiClient): Promise<string> {
	const response = await client.request('GET', `/reviews/${reviewId}/__data.json`);
	expect(response.status).toBe(200);
	return response.text();
}

describe('guest practitioners are named only to the moderator and the chair', () => {
	let guest: ApiClient;
	let eventId: string;

	beforeAll(async () => {
		eventId = await planEvent(clients.moderator, reviewId, 'Event with a named guest', -5);
		guest = await bringInGuest(clients.moderator, server.origin, reviewId, eventId, { name: guestName, roleTitle: 'Support worker', agencyLabel: 'Northmoor Housing' });
	});

	it('the review API shows the guest by role and agency to members, by name to the moderator and the chair', async () => {
		for (const who of ['panel', 'police'] as const) {
			const members = (await membersSeenBy(clients[who]))!;
			const guests = members.filter((member) => member.role === 'guest');
			expect(guests.map((member) => member.name), who).toEqual([guestLabel]);
			expect(JSON.stringify(members), who).not.toContain(guestName);
		}
		for (const who of ['moderator', 'chair'] as const) {
			const members = (await membersSeenBy(clients[who]))!;
			expect(members.filter((member) => member.role === 'guest').map((member) => member.name), who).toEqual([guestName]);
		}
	});

	it('the review page’s data shows the guest by role and agency to members, by name to the chair', async () => {
		const panelData = await reviewPageData(clients.panel);
		expect(panelData).not.toContain(guestName);
		expect(panelData).toContain(guestLabel);
		expect(await reviewPageData(clients.chair)).toContain(guestName);
	});

	it('the event board’s presence shows the guest by role and agency, to everyone', async () => {
		const docName = `review/${reviewId}/event/${eventId}`;
		const panelBoard = connectClient(server, docName, clients.panel.cookieHeader());
		const guestBoard = connectClient(server, docName, guest.cookieHeader());
		try {
			await Promise.all([waitForSync(panelBoard), waitForSync(guestBoard)]);
			guestBoard.provider.awareness.setLocalStateField('hand', new Date().toISOString());
			const guestPresence = () => [...panelBoard.provider.awareness.getStates().values()].find((state) => state.hand);
			await waitFor(() => guestPresence() !== undefined, 5_000, 'the guest’s raised hand');
			expect(guestPresence()!.user).toMatchObject({ name: guestLabel, role: 'Guest practitioner' });
			expect(JSON.stringify([...panelBoard.provider.awareness.getStates().values()])).not.toContain(guestName);
		} finally {
			panelBoard.destroy();
			guestBoard.destroy();
		}
	});

	it('a named contribution from a guest carries their role and agency on the board, not their name', async () => {
		expect((await guest.submit(`/reviews/${reviewId}/events/${eventId}`, 'acknowledge', {})).type).toBe('success');
		const posted = await guest.request('POST', `/api/reviews/${reviewId}/events/${eventId}/contributions`, { text: 'The referral route was clear.', prompt: 'helped', unnamed: false });
		expect(posted.status).toBe(201);
		const board = connectClient(server, `review/${reviewId}/event/${eventId}`, clients.panel.cookieHeader());
		try {
			await waitForSync(board);
			const contributions = JSON.stringify(board.doc.getArray('contributions').toJSON());
			expect(contributions).toContain(guestLabel);
			expect(contributions).not.toContain(guestName);
		} finally {
			board.destroy();
		}
	});
});

describe('the family advocate and the member list', () => {
	it('the review API gives the advocate the review but not its members', async () => {
		const response = await clients.advocate.request('GET', `/api/reviews/${reviewId}`);
		expect(response.status).toBe(200);
		const review = await response.json();
		expect(review.role).toBe('family_advocate');
		expect(review.title).toBe('Adult A');
		expect(review).not.toHaveProperty('members');
		expect(JSON.stringify(review)).not.toContain('Helen Marsh');
		expect((await membersSeenBy(clients.panel))!.length).toBeGreaterThan(5);
	});
});

describe('admin accounts are never the chair or a member', () => {
	const newReview = { title: 'Adult Z', partnership: 'Northmoor CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20' };

	it('the API refuses to appoint an admin account as chair, and creates nothing', async () => {
		const refused = await clients.admin.request('POST', '/api/reviews', { ...newReview, chairEmail: 'admin@demo.test' });
		expect(refused.status).toBe(400);
		expect((await refused.json()).error).toMatch(/admin.*cannot chair a review: separate duties need separate accounts/);
		expect(await (await clients.admin.request('GET', '/api/reviews')).json()).toEqual([]);
		// The co-ordinator still appoints a chair's own account.
		expect((await clients.admin.request('POST', '/api/reviews', { ...newReview, chairEmail: 'chair@demo.test' })).status).toBe(201);
	});

	it('the new review form refuses an admin account as chair, with the message by the field', async () => {
		const result = await clients.admin.submit('/reviews/new', '', {
			title: 'Adult Y',
			partnership: 'Northmoor CSP',
			'dateOfDeath-day': '10',
			'dateOfDeath-month': '1',
			'dateOfDeath-year': '2026',
			'notifiedOn-day': '20',
			'notifiedOn-month': '1',
			'notifiedOn-year': '2026',
			chairEmail: 'admin@demo.test'
		});
		expect(result.type).toBe('failure');
		expect(result.status).toBe(400);
		expect(result.data!.errors).toEqual([{ field: 'chairEmail', message: expect.stringMatching(/cannot chair a review/) }]);
	});

	it('the members API and the members page refuse to add an admin account', async () => {
		const refused = await clients.chair.request('POST', `/api/reviews/${reviewId}/members`, { email: 'admin@demo.test', role: 'observer' });
		expect(refused.status).toBe(400);
		expect((await refused.json()).error).toMatch(/admin.*cannot be a member of a review/);
		const form = await clients.chair.submit(`/reviews/${reviewId}/members`, 'addMember', { email: 'admin@demo.test', role: 'chair', agencyId: '' });
		expect(form.type).toBe('failure');
		expect(form.data!.errors).toEqual([{ field: 'email', message: expect.stringMatching(/separate duties need separate accounts/) }]);
		const members = (await membersSeenBy(clients.chair))!;
		expect(members.some((member) => member.name.startsWith('Sam Okafor'))).toBe(false);
		const opened = connectClient(server, `review/${reviewId}/report`, clients.admin.cookieHeader());
		try {
			await waitFor(() => opened.closes.length > 0, 5_000, 'the admin to be refused');
			expect(opened.closes[0].code).toBe(4404);
		} finally {
			opened.destroy();
		}
	});

	it('an admin account made a member before the rule gets no new role, and can be removed', async () => {
		const db = new Database(server.databasePath);
		const adminId = (db.prepare("select id from user where email = 'admin@demo.test'").get() as { id: string }).id;
		db.prepare('insert into membership (review_id, user_id, role, added_at) values (?, ?, ?, ?)').run(reviewId, adminId, 'observer', Date.now());
		db.close();
		const patched = await clients.chair.request('PATCH', `/api/reviews/${reviewId}/members/${adminId}`, { role: 'chair' });
		expect(patched.status).toBe(400);
		expect((await patched.json()).error).toMatch(/separate duties need separate accounts/);
		const form = await clients.chair.submit(`/reviews/${reviewId}/members/${adminId}`, 'changeRole', { role: 'panel_member', agencyId: '' });
		expect(form.type).toBe('failure');
		expect(form.data!.errors).toEqual([{ field: 'role', message: expect.stringMatching(/cannot be a member of a review/) }]);
		expect((await clients.chair.request('DELETE', `/api/reviews/${reviewId}/members/${adminId}`)).status).toBe(204);
	});
});
