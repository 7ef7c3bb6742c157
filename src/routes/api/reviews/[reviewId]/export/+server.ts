import { json } from '@sveltejs/kit';
import { ApiError, apiReviewAccess, endpoint } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { exportDocuments, exportEditions, exportFormats, exportPublication, type ExportDocument, type ExportEdition, type ExportFormat } from '$lib/server/publication-pack';
import type { RequestHandler } from './$types';

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T | null, message: string): T {
	if (value === null && fallback) return fallback;
	if (value !== null && (allowed as readonly string[]).includes(value)) return value as T;
	throw new ApiError(400, message);
}

/**
 * The publication pack (issue 17): `?document=overview|executive-summary|action-plan&format=docx|pdf&edition=restricted|publication&version=<versionId>`.
 * The restricted edition is open to whoever reads the report; the publication edition to the chair only.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	apiReviewAccess(locals, params.reviewId, 'report.read');
	const query = url.searchParams;
	const document = oneOf<ExportDocument>(query.get('document'), exportDocuments, 'overview', 'Choose document=overview, executive-summary or action-plan');
	const format = oneOf<ExportFormat>(query.get('format'), exportFormats, 'docx', 'Choose format=docx or format=pdf');
	const edition = oneOf<ExportEdition>(query.get('edition'), exportEditions, 'restricted', 'Choose edition=restricted or edition=publication');
	const version = query.get('version');
	if (version !== null && !/^[A-Za-z0-9_-]{1,80}$/.test(version)) throw new ApiError(404, 'That version does not exist in this review');
	if (edition === 'publication') apiReviewAccess(locals, params.reviewId, 'export');
	const outcome = await exportPublication(locals.db, actorOf(locals), params.reviewId, { document, format, edition, versionId: version });
	if (!outcome.ok) {
		if (outcome.reasons) return json({ error: outcome.message, reasons: outcome.reasons }, { status: outcome.status, headers: { 'cache-control': 'no-store' } });
		throw new ApiError(outcome.status, outcome.message);
	}
	const { file } = outcome;
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.mediaType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'content-length': String(file.bytes.length),
			'cache-control': 'no-store',
			'x-content-sha256': file.sha256
		}
	});
});
