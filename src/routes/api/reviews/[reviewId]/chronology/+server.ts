import { json } from '@sveltejs/kit';
import { ApiError, apiReviewAccess, endpoint } from '$lib/server/api';
import { getReviewOverview } from '$lib/server/reviews';
import { reviewNotFoundMessage } from '$lib/server/guards';
import { chronologyCsv, loadIntegratedChronology } from '$lib/server/chronology';
import { recordAudit } from '$lib/server/audit';
import { markingForFileName, protectiveMarking } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** The integrated chronology, sorted (DESIGN.md): JSON, or CSV with `?format=csv`. Every export is audited. */
export const GET: RequestHandler = endpoint(({ locals, params, url }) => {
	const { user } = apiReviewAccess(locals, params.reviewId, 'chronology.read');
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'json' && format !== 'csv') throw new ApiError(400, 'Choose format=json or format=csv');
	const overview = getReviewOverview(locals.db, params.reviewId);
	if (!overview) throw new ApiError(404, reviewNotFoundMessage);
	const entries = loadIntegratedChronology(locals.db, overview.review, overview.agencies);
	recordAudit(locals.db, {
		action: 'chronology.exported',
		actorUserId: user.id,
		reviewId: params.reviewId,
		detail: { format, entries: entries.length },
		ipAddress: locals.clientAddress
	});
	const headers = { 'cache-control': 'no-store' };
	if (format === 'csv') {
		const fileName = `chronology-${overview.review.title.replace(/[^A-Za-z0-9]+/g, '-')}-${markingForFileName(protectiveMarking())}.csv`;
		return new Response(chronologyCsv(entries), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"` }
		});
	}
	return json({ reviewId: overview.review.id, title: overview.review.title, entries }, { headers });
});
