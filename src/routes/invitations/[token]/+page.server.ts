import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptInvitation, eventTimes, findInvitation } from '$lib/server/events';
import { createSession, invalidateSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { invitationProblem } from '$lib/domain/learning-events';

/** What the invitation is for, or why it no longer works. Nothing about the review itself is shown. */
export const load: PageServerLoad = ({ locals, params }) => {
	const found = findInvitation(locals.db, params.token);
	if (!found) return { problem: 'This invitation link is not valid. Check it was copied in full, or ask the moderator for a new one.', event: null, signedInAs: null };
	const problem = invitationProblem(found.invitation, new Date());
	return {
		problem,
		event: problem ? null : { title: found.event.title, ...eventTimes(found.event), roleTitle: found.invitation.roleTitle, agencyLabel: found.invitation.agencyLabel },
		signedInAs: locals.user?.name ?? null
	};
};

export const actions: Actions = {
	default: async ({ locals, params, cookies, request }) => {
		const now = new Date();
		const outcome = acceptInvitation(locals.db, params.token, locals.clientAddress, now);
		if (!outcome.ok) return fail(outcome.status, { problem: outcome.errors[0].message });
		// A browser holds one session: joining as a guest ends whoever was signed in here.
		if (locals.session) invalidateSession(locals.db, locals.session.id);
		const created = createSession(locals.db, outcome.value.userId, now, { ipAddress: locals.clientAddress, userAgent: request.headers.get('user-agent'), expiresAt: outcome.value.expiresAt });
		setSessionCookie(cookies, created);
		redirect(303, `/reviews/${outcome.value.event.reviewId}/events/${outcome.value.event.id}`);
	}
};
