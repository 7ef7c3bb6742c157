import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { existingIdentities, importChronology } from '$lib/server/chronology';
import { readSpreadsheet } from '$lib/server/spreadsheet-reader';
import { checkImportRows, importFields, mappingProblems, suggestMapping, type ColumnMapping } from '$lib/domain/chronology-import';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import { formText } from '$lib/server/forms';
import { recordAudit } from '$lib/server/audit';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, user } = requireReviewAction(locals, url, params.reviewId, 'chronology.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	const writable = agencies.filter((agency) => can(membership, 'chronology.write', { agencyId: agency.id }));
	if (writable.length === 0) error(403, "Only the chair and an agency's representatives can import into its chronology");
	recordAudit(locals.db, { action: 'chronology.read', actorUserId: user.id, reviewId: review.id, detail: { page: 'import' }, ipAddress: locals.clientAddress });
	return { review: { id: review.id, title: review.title }, agencies: writable.map(({ id, name }) => ({ id, name })) };
};

/** The mapping chosen in the preview, or a first guess from the header row. */
function mappingFrom(form: FormData, headers: string[]): ColumnMapping {
	if (!form.has('map-date')) return suggestMapping(headers);
	return Object.fromEntries(
		importFields.map((field) => {
			const value = formText(form, `map-${field}`);
			return [field, value === '' ? null : Number(value)];
		})
	) as ColumnMapping;
}

async function readUpload(locals: App.Locals, url: URL, params: { reviewId: string }, request: Request) {
	const form = await request.formData();
	const agencyId = formText(form, 'agencyId');
	const { actor } = requireReviewAction(locals, url, params.reviewId, 'chronology.write', { agencyId });
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	if (!agencies.some((agency) => agency.id === agencyId)) error(400, 'Choose an agency of this review');
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return { problem: 'Choose a CSV or Excel file to upload' } as const;
	const read = await readSpreadsheet(file.name, new Uint8Array(await file.arrayBuffer()));
	if (!read.ok) return { problem: read.message } as const;
	const mapping = mappingFrom(form, read.headers);
	return { actor, review, agencyId, fileName: file.name, read, mapping, problems: mappingProblems(mapping, read.headers.length) } as const;
}

const listLimit = 200;

export const actions: Actions = {
	preview: async ({ locals, url, params, request }) => {
		const upload = await readUpload(locals, url, params, request);
		if ('problem' in upload) return fail(400, { step: 'upload' as const, problem: upload.problem });
		const { review, agencyId, fileName, read, mapping, problems } = upload;
		const check = problems.length === 0 ? checkImportRows(read.rows, mapping, { dateOfDeath: review.dateOfDeath, today: todayInUk(new Date()) }, existingIdentities(locals.db, review.id, agencyId)) : null;
		return {
			step: 'preview' as const,
			fileName,
			agencyId,
			headers: read.headers,
			sample: read.rows.slice(0, 5),
			mapping,
			problems,
			notes: read.notes,
			rowCount: read.rows.length,
			accepted: check?.accepted.length ?? 0,
			warnings: check?.accepted.filter((row) => row.warnings.length > 0).slice(0, listLimit).map(({ line, warnings }) => ({ line, warnings })) ?? [],
			rejected: check?.rejected.slice(0, listLimit) ?? [],
			rejectedCount: check?.rejected.length ?? 0,
			duplicates: check?.duplicates.slice(0, listLimit).map(({ line, fields }) => ({ line, date: fields.date, summary: fields.summary.slice(0, 120) })) ?? [],
			duplicateCount: check?.duplicates.length ?? 0
		};
	},
	import: async ({ locals, url, params, request }) => {
		const upload = await readUpload(locals, url, params, request);
		if ('problem' in upload) return fail(400, { step: 'upload' as const, problem: upload.problem });
		const { actor, review, agencyId, fileName, read, mapping, problems } = upload;
		if (problems.length > 0) return fail(400, { step: 'upload' as const, problem: problems.join('. ') });
		const outcome = importChronology(locals.db, actor, { reviewId: review.id, agencyId, dateOfDeath: review.dateOfDeath, fileName }, read.rows, mapping, todayInUk(new Date()));
		return {
			step: 'done' as const,
			fileName,
			imported: outcome.accepted.length,
			rejected: outcome.rejected.slice(0, listLimit),
			rejectedCount: outcome.rejected.length,
			duplicateCount: outcome.duplicates.length
		};
	}
};
