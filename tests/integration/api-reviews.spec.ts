import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let admin: ApiClient;
let chair: ApiClient;
let panel: ApiClient;
let police: ApiClient;
let demoReviewId: string;

const newReview = {
	title: 'Adult B',
	partnership: 'Westvale Community Safety Partnership',
	dateOfDeath: '2025-01-02',
	notifiedOn: '2025-01-10',
	decisionOn: '2025-02-01',
	chairEmail: 'chair@demo.test'
};

beforeAll(async () => {
	server = await startServer();
	admin = new ApiClient(server.origin);
	chair = new ApiClient(server.origin);
	panel = new ApiClient(server.origin);
	police = new ApiClient(server.origin);
	await admin.signIn('admin@demo.test');
	await chair.signIn('chair@demo.test');
	await panel.signIn('panel@demo.test');
	await police.signIn('police@demo.test');
	demoReviewId = (await (await chair.request('GET', '/api/reviews')).json())[0].id;
});
afterAll(async () => {
	await server.dispose();
});

describe('reviews', () => {
	it('the admin creates a review and appoints its chair, who sees it with the chair role', async () => {
		const created = await admin.request('POST', '/api/reviews', newReview);
		expect(created.status).toBe(201);
		const { id } = await created.json();
		const listed = await (await chair.request('GET', '/api/reviews')).json();
		expect(listed).toContainEqual(expect.objectContaining({ id, title: 'Adult B', role: 'chair' }));
		const review = await (await chair.request('GET', `/api/reviews/${id}`)).json();
		expect(review).toMatchObject({ title: 'Adult B', role: 'chair', agencies: [] });
		expect(review.timescales[0]).toMatchObject({ key: 'decision', dueOn: '2025-02-10', status: 'met' });
		expect(review.timescales[1]).toMatchObject({ key: 'report', dueOn: '2025-08-01' });
	});

	it('only the admin can create a review', async () => {
		const response = await chair.request('POST', '/api/reviews', newReview);
		expect(response.status).toBe(403);
		expect((await response.json()).error).toMatch(/co-ordinator/);
	});

	it('an admin who is not a member cannot read a review: 404, as if it did not exist', async () => {
		const response = await admin.request('GET', `/api/reviews/${demoReviewId}`);
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ error: 'Review not found' });
	});

	it('an unknown review id and a non-member get the same 404', async () => {
		const unknown = await chair.request('GET', '/api/reviews/00000000-0000-0000-0000-000000000000');
		const notMine = await admin.request('GET', `/api/reviews/${demoReviewId}`);
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual(await notMine.json());
	});

	it('missing fields and impossible dates are refused with 400 and nothing is created', async () => {
		const before = (await (await chair.request('GET', '/api/reviews')).json()).length;
		const missing = await admin.request('POST', '/api/reviews', { title: 'Adult C' });
		expect(missing.status).toBe(400);
		const badDate = await admin.request('POST', '/api/reviews', { ...newReview, title: 'Adult D', dateOfDeath: '2025-02-30' });
		expect(badDate.status).toBe(400);
		expect((await badDate.json()).error).toMatch(/real date/);
		const unknownChair = await admin.request('POST', '/api/reviews', { ...newReview, title: 'Adult E', chairEmail: 'nobody@demo.test' });
		expect(unknownChair.status).toBe(400);
		expect((await (await chair.request('GET', '/api/reviews')).json()).length).toBe(before);
	});

	it('without a session the API answers 401, never a page', async () => {
		const anonymous = new ApiClient(server.origin);
		const response = await anonymous.request('GET', `/api/reviews/${demoReviewId}`);
		expect(response.status).toBe(401);
		expect(response.headers.get('content-type')).toMatch(/application\/json/);
	});

	it('an unknown API path is a JSON 404', async () => {
		const response = await chair.request('GET', '/api/nothing-here');
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ error: 'There is no such API endpoint' });
	});
});

describe('membership', () => {
	let reviewId: string;
	let agencyId: string;

	beforeAll(async () => {
		reviewId = (await (await admin.request('POST', '/api/reviews', { ...newReview, title: 'Adult F' })).json()).id;
		const agency = await chair.request('POST', `/api/reviews/${reviewId}/agencies`, { name: 'Westvale Police', kind: 'police' });
		expect(agency.status).toBe(201);
		agencyId = (await agency.json()).id;
	});

	it('the chair adds an agency representative, who then sees the review with their agency', async () => {
		expect((await police.request('GET', `/api/reviews/${reviewId}`)).status).toBe(404);
		const added = await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: 'police@demo.test', role: 'agency_rep', agencyId });
		expect(added.status).toBe(201);
		const review = await (await police.request('GET', `/api/reviews/${reviewId}`)).json();
		expect(review).toMatchObject({ role: 'agency_rep', agencyId });
		expect(review.members).toContainEqual(expect.objectContaining({ name: 'DS Claire Holt', role: 'agency_rep', agencyId }));
	});

	it('an agency representative needs an agency of this review', async () => {
		const response = await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: 'panel@demo.test', role: 'agency_rep' });
		expect(response.status).toBe(400);
		expect((await response.json()).error).toMatch(/agency/);
		expect((await panel.request('GET', `/api/reviews/${reviewId}`)).status).toBe(404);
	});

	it('a panel member cannot manage members: 403, and nothing changes', async () => {
		await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: 'panel@demo.test', role: 'panel_member' });
		const response = await panel.request('POST', `/api/reviews/${reviewId}/members`, { email: 'moderator@demo.test', role: 'observer' });
		expect(response.status).toBe(403);
		const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
		expect(review.members.map((m: { name: string }) => m.name)).not.toContain('Priya Nair');
	});

	it('an unknown role is refused', async () => {
		const response = await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: 'moderator@demo.test', role: 'superuser' });
		expect(response.status).toBe(400);
	});

	it('removing a member ends their access at once', async () => {
		await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: 'moderator@demo.test', role: 'moderator' });
		const moderator = new ApiClient(server.origin);
		await moderator.signIn('moderator@demo.test');
		expect((await moderator.request('GET', `/api/reviews/${reviewId}`)).status).toBe(200);
		const members = (await (await chair.request('GET', `/api/reviews/${reviewId}`)).json()).members as { userId: string; name: string }[];
		const moderatorId = members.find((m) => m.name === 'Priya Nair')!.userId;
		expect((await chair.request('DELETE', `/api/reviews/${reviewId}/members/${moderatorId}`)).status).toBe(204);
		expect((await moderator.request('GET', `/api/reviews/${reviewId}`)).status).toBe(404);
	});

	it('the last chair cannot be removed', async () => {
		const members = (await (await chair.request('GET', `/api/reviews/${reviewId}`)).json()).members as { userId: string; role: string }[];
		const chairId = members.find((m) => m.role === 'chair')!.userId;
		const response = await chair.request('DELETE', `/api/reviews/${reviewId}/members/${chairId}`);
		expect(response.status).toBe(409);
		expect((await chair.request('GET', `/api/reviews/${reviewId}`)).status).toBe(200);
	});

	it('changing a role is checked and takes effect', async () => {
		const members = (await (await chair.request('GET', `/api/reviews/${reviewId}`)).json()).members as { userId: string; name: string }[];
		const panelId = members.find((m) => m.name === 'Tom Adeyemi')!.userId;
		expect((await chair.request('PATCH', `/api/reviews/${reviewId}/members/${panelId}`, { role: 'observer' })).status).toBe(204);
		expect((await (await panel.request('GET', `/api/reviews/${reviewId}`)).json()).role).toBe('observer');
	});
});

describe('language check', () => {
	it('flags blaming wording with offsets, why and a suggestion, for any signed-in user only', async () => {
		const text = 'On 3 March she declined to engage. They had a volatile relationship.';
		const response = await police.request('POST', '/api/language-check', { text });
		expect(response.status).toBe(200);
		const { flags } = await response.json();
		expect(flags.map((f: { start: number; end: number }) => text.slice(f.start, f.end))).toEqual(['declined to engage', 'volatile relationship']);
		expect(flags[0]).toMatchObject({ category: 'victim-blaming', text: 'declined to engage' });
		expect(flags[0].why).toBeTruthy();
		expect(flags[0].suggestion).toBeTruthy();

		expect((await new ApiClient(server.origin).request('POST', '/api/language-check', { text })).status).toBe(401);
		const bad = await police.request('POST', '/api/language-check', { words: text });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/text/);
	});
});
