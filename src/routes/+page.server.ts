import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.user ? (locals.user.isAdmin ? '/reviews' : '/tasks') : '/sign-in');
};
