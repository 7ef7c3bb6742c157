import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptAccountInvitation, openInvitationLink } from '$lib/server/account-invitations';
import { createSession, invalidateSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { minimumPasswordLength } from '$lib/server/config';

/** What the invitation offers, or why the link no longer works. Nothing of the review's content is shown. */
export const load: PageServerLoad = ({ locals, params }) => {
	const link = openInvitationLink(locals.db, params.token, locals.clientAddress);
	return {
		problem: link.ok ? null : link.message,
		invitation: link.ok ? link.invitation : null,
		signedInAs: locals.user?.name ?? null,
		minimumLength: minimumPasswordLength()
	};
};

export const actions: Actions = {
	default: async ({ locals, params, cookies, request }) => {
		const form = await request.formData();
		const read = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '');
		const now = new Date();
		const outcome = await acceptAccountInvitation(locals.db, params.token, { name: read('name'), newPassword: read('newPassword'), confirmPassword: read('confirmPassword') }, locals.clientAddress, now);
		if (!outcome.ok) {
			const [first] = outcome.errors;
			// A spent, expired or withdrawn link replaces the form with its message; a mistake in the form is shown beside it.
			if (first.field === 'token') return fail(outcome.status, { problem: first.message });
			return fail(outcome.status, { name: read('name'), errors: outcome.errors });
		}
		// A browser holds one session: joining ends whoever was signed in here.
		if (locals.session) invalidateSession(locals.db, locals.session.id);
		const created = createSession(locals.db, outcome.value.userId, now, { ipAddress: locals.clientAddress, userAgent: request.headers.get('user-agent') });
		setSessionCookie(cookies, created);
		redirect(303, `/reviews/${outcome.value.reviewId}`);
	}
};
