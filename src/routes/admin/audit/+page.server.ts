import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/guards';
import { listAccountAudit, presentAudit } from '$lib/server/audit';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	return { events: presentAudit(listAccountAudit(locals.db)) };
};
