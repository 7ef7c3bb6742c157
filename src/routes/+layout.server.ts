import type { LayoutServerLoad } from './$types';
import { isDemoMode, protectiveMarking } from '$lib/server/config';
import { tasksOfRequest } from '$lib/server/tasks';

/** The count beside "What needs me" in the menu; a failure to count never costs the page. */
function countTasks(locals: App.Locals, userId: string): number {
	try {
		return tasksOfRequest(locals, userId).length;
	} catch (caught) {
		console.error(`[tasks] could not count the tasks of user ${userId}`, caught);
		return 0;
	}
}

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.user ? { name: locals.user.name, isAdmin: locals.user.isAdmin } : null,
	// Until the second factor (or its enrolment) is done, the menu offers only signing out.
	signInPending: locals.signInPending !== null,
	demo: isDemoMode(),
	marking: protectiveMarking(),
	// Reading the path re-runs this on every navigation, so the count drops as soon as something is done.
	taskCount: url.pathname && locals.user && locals.signInPending === null && !locals.user.isAdmin ? countTasks(locals, locals.user.id) : 0
});
