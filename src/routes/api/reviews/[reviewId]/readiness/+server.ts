import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { attestReadiness, readinessChecks, withdrawAttestation } from '$lib/server/readiness';
import { readinessKeys } from '$lib/domain/readiness';
import type { RequestHandler } from './$types';

/** The quality assurance readiness checklist (issue 17): `{checks: [{key, label, status, detail}]}`. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	const checks = readinessChecks(locals.db, params.reviewId).map(({ key, label, status, detail, href, attestable }) => ({ key, label, status, detail, href, attestable }));
	return json({ checks }, { headers: { 'cache-control': 'no-store' } });
});

const attestation = z.object({ key: z.enum(readinessKeys), note: z.string().max(1_000).default(''), withdraw: z.boolean().optional() });

/** The chair attests a check the workspace cannot tell for itself (or withdraws it with `withdraw: true`). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'export');
	const input = await readJson(request, attestation);
	if (input.withdraw) unwrap(withdrawAttestation(locals.db, actorOf(locals), params.reviewId, input.key));
	else unwrap(attestReadiness(locals.db, actorOf(locals), params.reviewId, input.key, input.note));
	return new Response(null, { status: input.withdraw ? 204 : 201 });
});
