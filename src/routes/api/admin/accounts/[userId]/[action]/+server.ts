import { json } from '@sveltejs/kit';
import { ApiError, apiAdmin, endpoint, unwrap } from '$lib/server/api';
import { deactivateAccount, reactivateAccount, resetPassword, resetSecondFactors } from '$lib/server/accounts';
import { actorOf } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * The admin's account actions: `reset-password` (→ 200 {oneTimePassword}, shown once),
 * `reset-second-factors`, `deactivate`, `reactivate` (→ 204). Each is audited.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	apiAdmin(locals);
	const actor = actorOf(locals);
	switch (params.action) {
		case 'reset-password': {
			const { oneTimePassword } = unwrap(await resetPassword(locals.db, actor, params.userId));
			return json({ oneTimePassword });
		}
		case 'reset-second-factors':
			unwrap(resetSecondFactors(locals.db, actor, params.userId));
			return new Response(null, { status: 204 });
		case 'deactivate':
			unwrap(deactivateAccount(locals.db, actor, params.userId));
			return new Response(null, { status: 204 });
		case 'reactivate':
			unwrap(reactivateAccount(locals.db, actor, params.userId));
			return new Response(null, { status: 204 });
		default:
			throw new ApiError(404, 'There is no such account action. The actions are reset-password, reset-second-factors, deactivate and reactivate.');
	}
});
