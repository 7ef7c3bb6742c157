import { error } from '@sveltejs/kit';
import { requireReviewAction } from '$lib/server/guards';
import { downloadHeaders, readReviewFile } from '$lib/server/review-files';
import { recordAudit } from '$lib/server/audit';
import type { RequestHandler } from './$types';

/** The quality assurance panel's letter: restricted to the chair, and every download audited. */
export const GET: RequestHandler = ({ locals, url, params }) => {
	const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
	const file = readReviewFile(locals.db, params.reviewId, params.fileId);
	if (!file || file.purpose !== 'qa_letter') error(404, 'That letter is not stored for this review');
	recordAudit(locals.db, { action: 'submission.qa_letter_read', actorUserId: actor.userId, reviewId: params.reviewId, detail: { fileId: file.id, sha256: file.sha256 }, ipAddress: actor.ipAddress });
	const { content, ...stored } = file;
	return new Response(new Uint8Array(content), { headers: downloadHeaders(stored) });
};
