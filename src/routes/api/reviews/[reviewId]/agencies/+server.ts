import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { addAgency } from '$lib/server/members';
import { actorOf } from '$lib/server/guards';
import type { RequestHandler } from './$types';

const newAgency = z.object({ name: z.string(), kind: z.string() });

export const POST: RequestHandler = endpoint(async ({ request, locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'members.manage');
	const body = await readJson(request, newAgency);
	const { id } = unwrap(addAgency(locals.db, actorOf(locals), params.reviewId, body));
	return json({ id }, { status: 201 });
});
