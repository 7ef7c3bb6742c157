import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { changePassword } from '$lib/server/accounts';
import { minimumPasswordLength } from '$lib/server/config';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { mustChange: user.mustChangePassword, minimumLength: minimumPasswordLength() };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const read = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '');
		const currentPassword = read('currentPassword');
		const newPassword = read('newPassword');
		const confirmPassword = read('confirmPassword');
		const errors: FieldError[] = [];
		if (!currentPassword) errors.push({ field: 'currentPassword', message: 'Enter your current password' });
		if (!newPassword) errors.push({ field: 'newPassword', message: 'Enter a new password' });
		else if (newPassword !== confirmPassword) errors.push({ field: 'confirmPassword', message: 'The passwords do not match' });
		if (errors.length > 0) return fail(400, { errors });

		const result = await changePassword(locals.db, {
			userId: user.id,
			currentPassword,
			newPassword,
			keepSessionId: locals.session!.id,
			ipAddress: locals.clientAddress
		});
		if (!result.ok) return fail(400, { errors: [{ field: result.field, message: result.message }] });
		redirect(303, user.mustChangePassword ? '/tasks' : '/account');
	}
};
