import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { confirmAuthenticatorApp, startAuthenticatorApp } from '$lib/server/auth/second-factor';
import { requireRecentSignIn } from '$lib/server/second-factor-step';

export const load: PageServerLoad = ({ locals, url, cookies }) => {
	const user = requireUser(locals, url);
	requireRecentSignIn(locals, cookies, url.pathname);
	return { setUp: startAuthenticatorApp(locals.db, user, new Date()), firstSetUp: locals.signInPending === 'enrolment' };
};

export const actions: Actions = {
	default: async ({ locals, url, request, cookies }) => {
		const user = requireUser(locals, url);
		requireRecentSignIn(locals, cookies, url.pathname);
		const form = await request.formData();
		const result = confirmAuthenticatorApp(
			locals.db,
			{ userId: user.id, session: locals.session!, credentialId: formText(form, 'credentialId'), code: formText(form, 'code'), name: formText(form, 'name'), ipAddress: locals.clientAddress },
			new Date()
		);
		if (!result.ok) return fail(400, { name: formText(form, 'name'), errors: [{ field: result.field, message: result.message }] });
		return { added: true, recoveryCodes: result.enrolled.recoveryCodes };
	}
};
