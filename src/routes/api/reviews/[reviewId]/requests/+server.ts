import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { can } from '$lib/domain/permissions';
import { listInformationRequests, sendInformationRequests } from '$lib/server/imrs';
import type { RequestHandler } from './$types';

/** Per agency: what was asked, what came back, what is late. The chair sees all; a representative their own agency's. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	const { membership } = apiReviewAccess(locals, params.reviewId, 'chronology.read');
	const all = listInformationRequests(locals.db, params.reviewId);
	const visible = can(membership, 'requests.manage') ? all : all.filter((request) => can(membership, 'requests.answer', { agencyId: request.agencyId }));
	return json(visible, { headers: { 'cache-control': 'no-store' } });
});

const send = z.object({
	agencyIds: z.array(z.string().max(80)).max(100),
	asks: z.array(z.enum(['chronology', 'imr', 'short_report'])).max(3),
	dueOn: z.string().max(20)
});

/** The chair sends each named agency the request. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'requests.manage');
	const input = await readJson(request, send);
	return json(unwrap(sendInformationRequests(locals.db, actorOf(locals), params.reviewId, input)), { status: 201 });
});
