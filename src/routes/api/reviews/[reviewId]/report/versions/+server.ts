import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { createVersion, listVersions } from '$lib/server/report';
import type { RequestHandler } from './$types';

/** Named versions of the report (DESIGN.md), newest first. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	return json(listVersions(locals.db, params.reviewId).map(({ id, name, createdAt, createdBy }) => ({ id, name, createdAt: createdAt.toISOString(), createdBy })));
});

const body = z.object({ name: z.string().max(1_000) });

/** The chair names the report as it stands, e.g. for a sign-off round. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'report.version');
	const { name } = await readJson(request, body);
	const { id } = unwrap(createVersion(locals.db, actorOf(locals), params.reviewId, name));
	return json({ id }, { status: 201 });
});
