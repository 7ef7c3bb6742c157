import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/guards';
import { countOutbox, listOutbox } from '$lib/server/notifications';
import { isDemoMode, mailSettings } from '$lib/server/config';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	const mail = mailSettings();
	return {
		entries: listOutbox(locals.db),
		counts: countOutbox(locals.db),
		mail: mail.kind === 'smtp' ? 'smtp' : mail.kind === 'invalid' ? 'invalid' : isDemoMode() ? 'demo' : 'none'
	};
};
