import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { listSecondFactors } from '$lib/server/auth/second-factor';
import { mfaRequired } from '$lib/server/config';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { firstSetUp: listSecondFactors(locals.db, user.id).length === 0, required: mfaRequired() };
};
