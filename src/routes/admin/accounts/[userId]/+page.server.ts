import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireAdmin } from '$lib/server/guards';
import { accountDetails, deactivateAccount, reactivateAccount, resetPassword, resetSecondFactors } from '$lib/server/accounts';

const confirmations = ['reset-password', 'reset-second-factors', 'deactivate', 'reactivate'] as const;
type Confirmation = (typeof confirmations)[number];

export const load: PageServerLoad = ({ locals, url, params }) => {
	const admin = requireAdmin(locals, url);
	const account = accountDetails(locals.db, params.userId);
	if (!account) error(404, 'This account does not exist');
	const asked = url.searchParams.get('confirm');
	return {
		account,
		isSelf: account.id === admin.id,
		// Each action is a two-step one: this page asks "are you sure?" before the form that does it.
		confirm: (confirmations as readonly string[]).includes(asked ?? '') ? (asked as Confirmation) : null,
		done: url.searchParams.get('done')
	};
};

function done(userId: string, what: string): never {
	redirect(303, `/admin/accounts/${userId}?done=${what}`);
}

export const actions: Actions = {
	resetPassword: async ({ locals, url, params }) => {
		requireAdmin(locals, url);
		const outcome = await resetPassword(locals.db, actorOf(locals), params.userId);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		// Shown once, as at account creation: only its hash is kept.
		return { oneTimePassword: outcome.value.oneTimePassword };
	},
	resetSecondFactors: async ({ locals, url, params }) => {
		requireAdmin(locals, url);
		const outcome = resetSecondFactors(locals.db, actorOf(locals), params.userId);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		done(params.userId, 'second-factors-reset');
	},
	deactivate: async ({ locals, url, params }) => {
		requireAdmin(locals, url);
		const outcome = deactivateAccount(locals.db, actorOf(locals), params.userId);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		done(params.userId, 'deactivated');
	},
	reactivate: async ({ locals, url, params }) => {
		requireAdmin(locals, url);
		const outcome = reactivateAccount(locals.db, actorOf(locals), params.userId);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		done(params.userId, 'reactivated');
	}
};
