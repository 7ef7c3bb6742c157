import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { endOwnSession, invalidateOtherSessions, listUserSessions, sessionExpiry } from '$lib/server/auth/session';
import { describeTimeouts, mfaRequired, sessionPolicy } from '$lib/server/config';
import { countRecoveryCodes, listSecondFactors, regenerateRecoveryCodes, removeSecondFactor } from '$lib/server/auth/second-factor';
import { requireRecentSignIn } from '$lib/server/second-factor-step';
import { recordAudit } from '$lib/server/audit';
import { formText } from '$lib/server/forms';
import { isNotificationFrequency, notificationFrequencyOf, setNotificationFrequency } from '$lib/server/notifications';
import { actorOf } from '$lib/server/guards';
import { notifyDigestHour } from '$lib/server/config';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	const policy = sessionPolicy();
	return {
		email: user.email,
		timeouts: describeTimeouts(policy),
		factors: listSecondFactors(locals.db, user.id),
		recoveryCodesLeft: countRecoveryCodes(locals.db, user.id).unused,
		mfaRequired: mfaRequired(),
		notificationFrequency: notificationFrequencyOf(locals.db, user.id),
		digestHour: notifyDigestHour(),
		sessions: listUserSessions(locals.db, user.id).map((session) => ({
			id: session.id,
			current: session.id === locals.session?.id,
			createdAt: session.createdAt,
			lastActiveAt: session.lastActiveAt,
			expiresAt: sessionExpiry(session, policy),
			ipAddress: session.ipAddress,
			userAgent: session.userAgent
		}))
	};
};

export const actions: Actions = {
	notifications: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const frequency = formText(await request.formData(), 'frequency');
		if (!isNotificationFrequency(frequency)) return fail(400, { notificationError: 'Choose when to be emailed' });
		setNotificationFrequency(locals.db, actorOf(locals), frequency);
		return { notificationsSaved: frequency };
	},
	removeFactor: async ({ locals, url, request, cookies }) => {
		const user = requireUser(locals, url);
		requireRecentSignIn(locals, cookies, '/account');
		const form = await request.formData();
		const kind = formText(form, 'kind');
		if (kind !== 'webauthn' && kind !== 'totp') return fail(400, { factorError: 'Choose a sign-in method to remove' });
		const outcome = removeSecondFactor(locals.db, { userId: user.id, kind, id: formText(form, 'factorId'), mfaRequired: mfaRequired(), ipAddress: locals.clientAddress }, new Date());
		if (!outcome.ok) return fail(outcome.status, { factorError: outcome.errors[0].message });
		return { removedFactor: outcome.value.name };
	},
	regenerateCodes: ({ locals, url, cookies }) => {
		const user = requireUser(locals, url);
		requireRecentSignIn(locals, cookies, '/account');
		const outcome = regenerateRecoveryCodes(locals.db, { userId: user.id, ipAddress: locals.clientAddress }, new Date());
		if (!outcome.ok) return fail(outcome.status, { factorError: outcome.errors[0].message });
		return { recoveryCodes: outcome.value };
	},
	endOthers: ({ locals, url }) => {
		const user = requireUser(locals, url);
		const ended = invalidateOtherSessions(locals.db, user.id, locals.session?.id ?? null);
		recordAudit(locals.db, { action: 'session.ended', actorUserId: user.id, targetUserId: user.id, detail: { ended, scope: 'others' }, ipAddress: locals.clientAddress });
		return { ended };
	},
	end: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const sessionId = formText(await request.formData(), 'sessionId');
		if (sessionId === locals.session?.id) redirect(303, '/account');
		if (!endOwnSession(locals.db, user.id, sessionId)) return fail(404, { message: 'That session has already ended' });
		recordAudit(locals.db, { action: 'session.ended', actorUserId: user.id, targetUserId: user.id, detail: { ended: 1, scope: 'one' }, ipAddress: locals.clientAddress });
		return { ended: 1 };
	}
};
