import type { LayoutServerLoad } from './$types';
import { isDemoMode } from '$lib/server/config';
import { listTasks } from '$lib/server/tasks';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.user ? { name: locals.user.name, isAdmin: locals.user.isAdmin } : null,
	// Until the second factor (or its enrolment) is done, the menu offers only signing out.
	signInPending: locals.signInPending !== null,
	demo: isDemoMode(),
	// The count beside "What needs me" in the menu; reading the path re-runs this on every
	// navigation, so the count drops as soon as something is done.
	taskCount: url.pathname && locals.user && locals.signInPending === null && !locals.user.isAdmin ? listTasks(locals.db, locals.user.id).length : 0
});
