import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { listTasks } from '$lib/server/tasks';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { tasks: listTasks(locals.db, user.id), isAdmin: user.isAdmin };
};
