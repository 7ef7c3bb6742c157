import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson } from '$lib/server/api';
import { loadRegister } from '$lib/server/anonymisation';
import { createScanner, maxScanLength } from '$lib/domain/anonymisation';
import type { RequestHandler } from './$types';

// 1 MB of text at most (the bound): a longer text is refused with 400, not cut silently.
const body = z.object({ text: z.string().max(maxScanLength, `Send at most ${maxScanLength.toLocaleString('en-GB')} characters; scan a long report section by section`) });

/**
 * The identifier scan with this review's register. Only roles that may read the register:
 * the pseudonyms in the answer would otherwise tell anyone which real names it holds.
 * Nothing is stored.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'pseudonyms.read');
	const { text } = await readJson(request, body);
	const findings = createScanner(loadRegister(locals.db, params.reviewId)).scan(text);
	return json({ findings });
});
