import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import type { FieldError } from '$lib/domain/validation';
import { reportSections } from '$lib/server/report';
import { listExports, documentTitles, type ExportDocument } from '$lib/server/publication-pack';
import { addQaItem, listQaItems, listSubmissionSteps, recordSubmissionStep, removeSubmissionStep, setQaItemDone } from '$lib/server/submissions';
import { maxFileBytes, readUploadForm, uploadedFile } from '$lib/server/review-files';
import { submissionKinds, submissionLabels, type SubmissionKind } from '$lib/domain/submissions';
import { can } from '$lib/domain/permissions';
import { formatDateTime } from '$lib/domain/dates';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const isChair = can(membership, 'export');
	return {
		review: { id: review.id, title: review.title },
		isChair,
		kinds: submissionKinds.map((kind) => ({ value: kind, label: submissionLabels[kind] })),
		steps: listSubmissionSteps(locals.db, review.id),
		items: listQaItems(locals.db, review.id),
		sections: reportSections(locals.db, review.id).map(({ key, title }) => ({ key, title })),
		exports: isChair
			? listExports(locals.db, review.id).map((row) => ({ id: row.id, label: `${documentTitles[row.document as ExportDocument] ?? row.document}, ${row.format.toUpperCase()}, ${row.edition}, ${formatDateTime(row.exportedAt)} (SHA-256 ${row.sha256.slice(0, 12)}…)` }))
			: [],
		maxLetterMb: Math.round(maxFileBytes / (1024 * 1024))
	};
};

export const actions: Actions = {
	record: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
		// The letter is read with the form: a body over the server's limit gets the plain "larger than 5 MB".
		const read = await readUploadForm(request);
		if (!read.ok) return fail(read.status, { form: 'record' as const, errors: [{ field: 'letter', message: read.error }], values: null });
		const form = read.form;
		const kind = formText(form, 'kind');
		const dateErrors: FieldError[] = [];
		const occurredOn = formDate(form, 'occurredOn', 'The date', dateErrors);
		const publishedUntil = kind === 'published' ? formDate(form, 'publishedUntil', 'The last day it stays published', dateErrors) : null;
		const values = {
			kind,
			occurredOn: occurredOn ?? '',
			exportId: formText(form, 'exportId') || null,
			webAddress: formText(form, 'webAddress'),
			publishedUntil: publishedUntil ?? '',
			note: formText(form, 'note')
		};
		const shown = { ...values, occurredOnParts: formDateParts(form, 'occurredOn'), publishedUntilParts: formDateParts(form, 'publishedUntil') };
		if (dateErrors.length) return fail(400, { form: 'record' as const, errors: dateErrors, values: shown });
		if (!(submissionKinds as readonly string[]).includes(kind)) return fail(400, { form: 'record' as const, errors: [{ field: 'kind', message: 'Choose which step this is' }], values: shown });
		const letter = await uploadedFile(form, 'letter');
		const outcome = await recordSubmissionStep(locals.db, actor, params.reviewId, { ...values, kind: kind as SubmissionKind }, letter);
		if (!outcome.ok) return fail(outcome.status, { form: 'record' as const, errors: outcome.errors, values: shown });
		return { done: `${submissionLabels[kind as SubmissionKind]}: recorded.` };
	},
	removeStep: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
		const outcome = removeSubmissionStep(locals.db, actor, params.reviewId, formText(await request.formData(), 'stepId'));
		if (!outcome.ok) return fail(outcome.status, { form: 'step' as const, errors: outcome.errors });
		return { done: 'Step removed from the record.' };
	},
	addItem: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
		const form = await request.formData();
		const values = { text: formText(form, 'itemText'), sectionKey: formText(form, 'sectionKey') || null };
		const keys = new Set(reportSections(locals.db, params.reviewId).map((section) => section.key));
		const outcome = addQaItem(locals.db, actor, params.reviewId, values, keys);
		if (!outcome.ok) return fail(outcome.status, { form: 'item' as const, errors: outcome.errors, itemValues: values });
		return { done: 'Area for final development added.' };
	},
	tick: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
		const form = await request.formData();
		const outcome = setQaItemDone(locals.db, actor, params.reviewId, formText(form, 'itemId'), formText(form, 'done') === '1');
		if (!outcome.ok) return fail(outcome.status, { form: 'item' as const, errors: outcome.errors });
		return { done: formText(form, 'done') === '1' ? 'Ticked off.' : 'Reopened.' };
	}
};
