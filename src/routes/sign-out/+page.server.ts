import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signOut } from '$lib/server/auth/sign-in';
import { deleteSessionCookie } from '$lib/server/auth/cookies';

// Signing out changes state, so it is a POST; a plain visit goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies }) => {
		if (locals.session && locals.user) signOut(locals.db, locals.session.id, locals.user.id, locals.clientAddress);
		deleteSessionCookie(cookies);
		redirect(303, '/sign-in?signed-out');
	}
};
