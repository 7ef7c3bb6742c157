import { json } from '@sveltejs/kit';
import { ApiError, apiAdmin, endpoint } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { partnershipActions, type ActionFilter } from '$lib/server/action-plan';
import { recordAudit } from '$lib/server/audit';
import type { RequestHandler } from './$types';

const filters: readonly ActionFilter[] = ['open', 'overdue', 'due_soon', 'completed'];

/** Every review's actions, for the DHR co-ordinator: `?status=open|overdue|due_soon|completed`. */
export const GET: RequestHandler = endpoint(({ locals, url }) => {
	apiAdmin(locals);
	const status = url.searchParams.get('status');
	if (status !== null && !filters.includes(status as ActionFilter)) throw new ApiError(400, 'Ask for status=open, overdue, due_soon or completed');
	const actions = partnershipActions(locals.db, (status as ActionFilter | null) ?? undefined);
	const actor = actorOf(locals);
	recordAudit(locals.db, { action: 'action_plan.read', actorUserId: actor.userId, detail: { partnership: true, status }, ipAddress: actor.ipAddress });
	return json({ actions }, { headers: { 'cache-control': 'no-store' } });
});
