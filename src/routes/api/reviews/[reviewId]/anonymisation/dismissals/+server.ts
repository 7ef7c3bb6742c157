import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { dismissFinding } from '$lib/server/anonymisation';
import { findingKinds } from '$lib/domain/anonymisation';
import type { RequestHandler } from './$types';

const body = z.object({
	occurrenceKey: z.string().max(200),
	kind: z.enum(findingKinds as [string, ...string[]]),
	sectionKey: z.string().max(80),
	reason: z.string().max(2000)
});

/** "Not identifying": a finding in the report kept as it is, with the reason (recorded and audited). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'anonymisation.dismiss');
	const input = await readJson(request, body);
	unwrap(dismissFinding(locals.db, actorOf(locals), params.reviewId, { ...input, kind: input.kind as never }));
	return new Response(null, { status: 201 });
});
