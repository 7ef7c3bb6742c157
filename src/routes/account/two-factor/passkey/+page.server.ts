import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { enrolPasskey } from '$lib/server/auth/second-factor';
import { parseRegistrationResponse } from '$lib/server/auth/webauthn-json';
import { requireRecentSignIn } from '$lib/server/second-factor-step';

export const load: PageServerLoad = ({ locals, url, cookies }) => {
	requireUser(locals, url);
	requireRecentSignIn(locals, cookies, url.pathname);
	return { firstSetUp: locals.signInPending === 'enrolment' };
};

export const actions: Actions = {
	default: async ({ locals, url, request, cookies }) => {
		const user = requireUser(locals, url);
		requireRecentSignIn(locals, cookies, url.pathname);
		const form = await request.formData();
		const name = formText(form, 'name');
		const response = parseRegistrationResponse(formText(form, 'response'));
		if (!response) return fail(400, { name, errors: [{ field: 'passkey', message: 'Your passkey was not created. Try again.' }] });
		const result = await enrolPasskey(locals.db, { userId: user.id, session: locals.session!, name, response, ipAddress: locals.clientAddress }, new Date());
		if (!result.ok) return fail(400, { name, errors: [{ field: result.field, message: result.message }] });
		return { added: true, recoveryCodes: result.enrolled.recoveryCodes };
	}
};
