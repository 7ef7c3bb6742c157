import { ApiError, apiReviewAccess, endpoint } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { downloadDocument } from '$lib/server/review-documents';
import { downloadHeaders } from '$lib/server/review-files';
import type { RequestHandler } from './$types';

/** Downloads a document, always as an attachment; every download is in the review's audit log. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'documents.read');
	const file = downloadDocument(locals.db, actorOf(locals), params.reviewId, params.fileId);
	if (!file) throw new ApiError(404, 'That document is not in this review');
	return new Response(new Uint8Array(file.content), { headers: downloadHeaders(file) });
});
