import { json } from '@sveltejs/kit';
import { ApiError, apiReviewAccess, endpoint, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { listDocuments, readUploadedFile, uploadDocument } from '$lib/server/review-documents';
import type { RequestHandler } from './$types';

/** The review's documents (without their content), newest first, with what links to each. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'documents.read');
	const documents = listDocuments(locals.db, params.reviewId).map(({ id, fileName, mediaType, byteSize, sha256, uploadedAt, uploadedByName, links }) => ({
		id,
		fileName,
		mediaType,
		byteSize,
		sha256,
		uploadedAt,
		uploadedBy: uploadedByName,
		links
	}));
	return json(documents, { headers: { 'cache-control': 'no-store' } });
});

/** Uploads one document: multipart form data with the file in the field `file`. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'documents.upload');
	const upload = await readUploadedFile(request);
	if (!upload.ok) throw new ApiError(upload.status, upload.error);
	const { id } = unwrap(await uploadDocument(locals.db, actorOf(locals), params.reviewId, upload));
	return json({ id }, { status: 201 });
});
