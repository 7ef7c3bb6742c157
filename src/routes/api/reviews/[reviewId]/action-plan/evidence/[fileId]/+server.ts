import { ApiError, apiActionPlanAccess, endpoint } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { readEvidenceFile } from '$lib/server/action-plan';
import { downloadHeaders } from '$lib/server/review-files';
import { recordAudit } from '$lib/server/audit';
import type { RequestHandler } from './$types';

/** An evidence file attached to an action's update, for whoever may read the plan. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiActionPlanAccess(locals, params.reviewId);
	const file = readEvidenceFile(locals.db, params.reviewId, params.fileId);
	if (!file) throw new ApiError(404, 'That file does not exist');
	const actor = actorOf(locals);
	recordAudit(locals.db, { action: 'action_plan.evidence_read', actorUserId: actor.userId, reviewId: params.reviewId, detail: { fileId: file.id }, ipAddress: actor.ipAddress });
	const { content, ...stored } = file;
	return new Response(new Uint8Array(content), { headers: downloadHeaders(stored) });
});
