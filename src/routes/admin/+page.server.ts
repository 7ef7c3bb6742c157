import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireAdmin } from '$lib/server/guards';
import { createAccount, listAccounts } from '$lib/server/accounts';
import { listAllReviews } from '$lib/server/reviews';
import { formText } from '$lib/server/forms';
import { listOpenInvitations } from '$lib/server/account-invitations';
import { loadSignoff, recordPartnershipSignoffOf } from '$lib/server/signoff';
import { retentionRegister } from '$lib/server/retention';
import { describeRetention } from '$lib/domain/retention';
import { isEmailAddress, type FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	// The co-ordinator sees only each report's stage, never its content.
	const retention = retentionRegister(locals.db);
	const reviews = listAllReviews(locals.db).map((review) => {
		const { stage, partnership } = loadSignoff(locals.db, review.id);
		return { ...review, signoff: { stage, partnership: partnership ?? null }, retention: describeRetention(retention.get(review.id)?.keepYears ?? null, retention.get(review.id)!.standing) };
	});
	const createdId = url.searchParams.get('created');
	return {
		accounts: listAccounts(locals.db),
		invitations: listOpenInvitations(locals.db, new Date()),
		reviews,
		created: reviews.find((review) => review.id === createdId) ?? null
	};
};

export const actions: Actions = {
	partnershipSignoff: async ({ locals, url, request }) => {
		requireAdmin(locals, url);
		const form = await request.formData();
		const reviewId = formText(form, 'reviewId');
		if (!listAllReviews(locals.db).some((review) => review.id === reviewId)) return fail(404, { errors: [{ field: 'reviews', message: 'That review does not exist' }] });
		const outcome = recordPartnershipSignoffOf(locals.db, actorOf(locals), reviewId);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors.map((e) => ({ ...e, field: 'reviews' })) });
		return { partnershipSignedOff: reviewId };
	},

	createAccount: async ({ locals, url, request }) => {
		requireAdmin(locals, url);
		const form = await request.formData();
		const values = { name: formText(form, 'name'), email: formText(form, 'email'), isAdmin: form.get('isAdmin') === 'yes' };
		const errors: FieldError[] = [];
		if (!values.name) errors.push({ field: 'name', message: 'Enter the person’s full name' });
		else if (values.name.length > 120) errors.push({ field: 'name', message: 'Name must be 120 characters or fewer' });
		if (!values.email) errors.push({ field: 'email', message: 'Enter an email address' });
		else if (!isEmailAddress(values.email)) {
			errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
		}
		if (errors.length > 0) return fail(400, { values, errors });
		const result = await createAccount(locals.db, values, actorOf(locals));
		if (!result.ok) return fail(400, { values, errors: [{ field: result.field, message: result.message }] });
		return { createdAccount: { name: result.user.name, email: result.user.email, oneTimePassword: result.oneTimePassword } };
	}
};
