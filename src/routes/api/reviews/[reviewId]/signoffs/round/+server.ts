import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { openSignoffRound } from '$lib/server/signoff';
import { isOpenFlagsWarning } from '$lib/server/language';
import { isOpenFindingsWarning } from '$lib/server/anonymisation';
import type { RequestHandler } from './$types';

const body = z.object({ versionId: z.string().max(80), confirmOpenFlags: z.boolean().optional(), confirmOpenFindings: z.boolean().optional() });

/**
 * The chair opens the sign-off round on a named version, or moves it to a newer one.
 * While language flags are open in that version: 409 with `openFlags`, unless
 * `confirmOpenFlags: true` says the chair has seen them and goes ahead. Then, while
 * possible identifiers are open (issue 16): 409 with `openFindings`, unless `confirmOpenFindings: true`.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'signoff.manage');
	const { versionId, confirmOpenFlags, confirmOpenFindings } = await readJson(request, body);
	const outcome = openSignoffRound(locals.db, actorOf(locals), params.reviewId, versionId, { confirmOpenFlags, confirmOpenFindings });
	if (isOpenFlagsWarning(outcome)) return json({ error: outcome.errors[0].message, openFlags: outcome.openFlags }, { status: 409 });
	if (isOpenFindingsWarning(outcome)) return json({ error: outcome.errors[0].message, openFindings: outcome.openFindings }, { status: 409 });
	unwrap(outcome);
	return new Response(null, { status: 201 });
});
