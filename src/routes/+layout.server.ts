import type { LayoutServerLoad } from './$types';
import { isDemoMode } from '$lib/server/config';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { name: locals.user.name, isAdmin: locals.user.isAdmin } : null,
	// Until the second factor (or its enrolment) is done, the menu offers only signing out.
	signInPending: locals.signInPending !== null,
	demo: isDemoMode()
});
