import { json } from '@sveltejs/kit';
import { apiUser, endpoint } from '$lib/server/api';
import { listTasks } from '$lib/server/tasks';
import type { RequestHandler } from './$types';

/** What is waiting for the caller across their reviews (the "What needs me" page, as JSON). */
export const GET: RequestHandler = endpoint(({ locals }) => {
	const user = apiUser(locals);
	return json(listTasks(locals.db, user.id), { headers: { 'cache-control': 'no-store' } });
});
