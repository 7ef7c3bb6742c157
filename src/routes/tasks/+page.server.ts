import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { tasksOfRequest } from '$lib/server/tasks';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	// The co-ordinator has no tasks in reviews (separate duties): their first page is the register.
	if (user.isAdmin) redirect(303, '/reviews');
	return { tasks: tasksOfRequest(locals, user.id) };
};
