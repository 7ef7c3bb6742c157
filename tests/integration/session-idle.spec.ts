/**
 * Only real use keeps a session alive (issue 13): a page left open, whose presence and
 * sync requests tick over by themselves, is signed out after the idle timeout, while
 * someone editing stays signed in. The timeout here is 3 seconds (0.05 minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync } from '../helpers/collab-client';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { SESSION_IDLE_MINUTES: '0.05' } });
});
afterAll(async () => {
	await server.dispose();
});

describe('idle timeout and live documents', () => {
	it('presence and sync requests alone let the session expire; accepted edits keep it alive', async () => {
		const [idle, editing] = [new ApiClient(server.origin), new ApiClient(server.origin)];
		await idle.signIn('panel@demo.test');
		await editing.signIn('chair@demo.test');
		const reviewId = (await (await editing.request('GET', '/api/reviews')).json())[0].id;
		const docName = `review/${reviewId}/analysis`;
		const idlePage = connectClient(server, docName, idle.cookieHeader());
		const editingPage = connectClient(server, docName, editing.cookieHeader());
		try {
			await Promise.all([waitForSync(idlePage), waitForSync(editingPage)]);
			let tick = 0;
			const ticking = setInterval(() => {
				tick += 1;
				// The open page: presence changes and "is it saved?" sync requests, nothing else.
				idlePage.provider.awareness.setLocalStateField('editing', `entry-${tick % 3}`);
				const request = encoding.createEncoder();
				encoding.writeVarUint(request, 0);
				syncProtocol.writeSyncStep1(request, idlePage.doc);
				if (idlePage.provider.wsconnected) idlePage.provider.ws!.send(encoding.toUint8Array(request));
				// The person at work: an edit each time.
				editingPage.doc.getMap('annotations').set('idle-test', tick);
			}, 400);
			try {
				await waitFor(() => idlePage.closes.length > 0, 12_000, 'the idle page’s connection to close');
			} finally {
				clearInterval(ticking);
			}
			expect(idlePage.closes[0].code).toBe(4401);
			expect((await idle.request('GET', '/api/reviews')).status).toBe(401);
			expect(editingPage.closes).toEqual([]);
			expect((await editing.request('GET', '/api/reviews')).status).toBe(200);
		} finally {
			idlePage.destroy();
			editingPage.destroy();
		}
	});
});
