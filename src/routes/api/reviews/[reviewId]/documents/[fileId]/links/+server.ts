import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { linkDocument } from '$lib/server/review-documents';
import { mayLinkDocumentFrom } from '$lib/server/document-targets';
import { documentLinkKinds } from '$lib/domain/review-documents';
import type { RequestHandler } from './$types';

const link = z.object({ kind: z.enum(documentLinkKinds), targetId: z.string().min(1).max(80) });

/**
 * Links the document from a chronology entry, an IMR or a meeting's minutes: only from what
 * the caller may write (an agency's representative from their own agency's entries and IMR;
 * minutes by those who may write them), or the chair. Anything else is refused, unchanged.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { user, membership } = apiReviewAccess(locals, params.reviewId, 'documents.upload');
	const input = await readJson(request, link);
	const allowed = mayLinkDocumentFrom(locals.db, params.reviewId, { userId: user.id, membership }, input.kind, input.targetId);
	const { id } = unwrap(linkDocument(locals.db, actorOf(locals), params.reviewId, { fileId: params.fileId, ...input }, allowed));
	return json({ id }, { status: 201 });
});
