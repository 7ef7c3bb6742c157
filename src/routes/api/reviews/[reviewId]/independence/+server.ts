import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { declarePanelIndependence, independenceDeclarations } from '$lib/server/imrs';
import type { RequestHandler } from './$types';

/** The declarations of independence of the chair, the panel and the IMR authors (for the report). */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	return json(independenceDeclarations(locals.db, params.reviewId), { headers: { 'cache-control': 'no-store' } });
});

/** The chair or a panel member declares their independence. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { membership } = apiReviewAccess(locals, params.reviewId, 'independence.declare');
	const input = await readJson(request, z.object({ notInvolved: z.boolean(), notLineManager: z.boolean(), statement: z.string().max(4_000).default('') }));
	unwrap(declarePanelIndependence(locals.db, actorOf(locals), params.reviewId, membership, input));
	return new Response(null, { status: 201 });
});
