import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { linkDocument, listDocuments, readUploadedFile, unlinkDocument, uploadDocument } from '$lib/server/review-documents';
import { maxFileBytes } from '$lib/server/review-files';
import { entryAgency } from '$lib/server/chronology-entries';
import { loadIntegratedChronology } from '$lib/server/chronology';
import { can } from '$lib/domain/permissions';
import { citationLabel } from '$lib/domain/chronology';
import { listMeetings } from '$lib/server/meetings';
import { listImrs } from '$lib/server/imrs';
import { mayLinkDocumentFrom } from '$lib/server/document-targets';
import type { DocumentLinkKind } from '$lib/domain/review-documents';
import type { AppDatabase } from '$lib/server/db/client';
import type { Membership } from '$lib/domain/permissions';
import { formatDate, todayInUk } from '$lib/domain/dates';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user, membership } = requireReviewAction(locals, url, params.reviewId, 'documents.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	const canUpload = can(membership, 'documents.upload');
	const entries = loadIntegratedChronology(locals.db, review, agencies);
	const summaryOf = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
	return {
		review: { id: review.id, title: review.title },
		documents: listDocuments(locals.db, review.id),
		entryLabels: Object.fromEntries(entries.map((entry) => [entry.id, `${citationLabel(entry)}: ${summaryOf(entry.summary)}`])),
		// What an IMR or minutes link is shown as: the agency's name, the meeting's title and day.
		imrLabels: Object.fromEntries(agencies.map((a) => [a.id, `IMR of ${a.name}`])),
		minutesLabels: can(membership, 'meetings.read') ? Object.fromEntries(listMeetings(locals.db, review.id).map((m) => [m.id, `Minutes of ${m.title}, ${formatDate(todayInUk(m.startsAt))}`])) : {},
		// An agency's representative links documents from their own agency's entries only.
		linkableEntries: canUpload
			? entries.filter((entry) => membership.role !== 'agency_rep' || entry.agencyId === membership.agencyId).map((entry) => ({ id: entry.id, label: `${citationLabel(entry)}: ${summaryOf(entry.summary)}` }))
			: [],
		// IMRs and meetings' minutes the person may link a document from (those they may write, or any for the chair).
		linkableOthers: canUpload ? otherTargets(locals.db, review.id, { userId: user.id, membership }, agencies) : [],
		canUpload,
		maxFileBytes,
		saved: url.searchParams.get('saved')
	};
};

function otherTargets(db: AppDatabase, reviewId: string, who: { userId: string; membership: Membership }, agencies: { id: string; name: string }[]) {
	const names = new Map(agencies.map((a) => [a.id, a.name]));
	const imrs = listImrs(db, reviewId)
		.filter((listing) => listing.status !== 'not_requested' && mayLinkDocumentFrom(db, reviewId, who, 'imr', listing.agencyId))
		.map((listing) => ({ value: `imr:${listing.agencyId}`, label: `IMR of ${names.get(listing.agencyId) ?? 'an agency'}` }));
	const minutes = listMeetings(db, reviewId)
		.filter((m) => mayLinkDocumentFrom(db, reviewId, who, 'minutes', m.id))
		.map((m) => ({ value: `minutes:${m.id}`, label: `Minutes of ${m.title}, ${formatDate(todayInUk(m.startsAt))}` }));
	return [...imrs, ...minutes];
}

export const actions: Actions = {
	upload: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'documents.upload');
		const upload = await readUploadedFile(request);
		if (!upload.ok) return fail(upload.status, { form: 'upload' as const, errors: [{ field: 'file', message: upload.error }] });
		const outcome = await uploadDocument(locals.db, actor, params.reviewId, upload);
		if (!outcome.ok) return fail(outcome.status, { form: 'upload' as const, errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/documents?saved=uploaded`);
	},
	link: async ({ locals, url, params, request }) => {
		const { actor, membership } = requireReviewAction(locals, url, params.reviewId, 'documents.upload');
		const form = await request.formData();
		const fileId = formText(form, 'fileId');
		const entryId = formText(form, 'entryId');
		const agencyId = entryId ? entryAgency(locals.db, params.reviewId, entryId) : null;
		const exists = agencyId !== null && (membership.role !== 'agency_rep' || membership.agencyId === agencyId);
		const outcome = linkDocument(locals.db, actor, params.reviewId, { fileId, kind: 'chronology_entry', targetId: entryId }, exists);
		if (!outcome.ok) return fail(outcome.status, { form: 'link' as const, fileId, errors: outcome.errors.map((e) => ({ ...e, field: `entry-${fileId}` })) });
		redirect(303, `/reviews/${params.reviewId}/documents?saved=linked`);
	},
	linkOther: async ({ locals, url, params, request }) => {
		const { actor, user, membership } = requireReviewAction(locals, url, params.reviewId, 'documents.upload');
		const form = await request.formData();
		const fileId = formText(form, 'fileId');
		const [kind, targetId = ''] = formText(form, 'target').split(':');
		const linkKind = kind === 'minutes' ? 'minutes' : 'imr';
		const allowed = (kind === 'imr' || kind === 'minutes') && mayLinkDocumentFrom(locals.db, params.reviewId, { userId: user.id, membership }, linkKind, targetId);
		const outcome = linkDocument(locals.db, actor, params.reviewId, { fileId, kind: linkKind, targetId }, allowed);
		if (!outcome.ok) return fail(outcome.status, { form: 'link' as const, fileId, errors: outcome.errors.map((e) => ({ ...e, field: `other-${fileId}` })) });
		redirect(303, `/reviews/${params.reviewId}/documents?saved=linked`);
	},
	unlink: async ({ locals, url, params, request }) => {
		const { actor, user, membership } = requireReviewAction(locals, url, params.reviewId, 'documents.upload');
		const form = await request.formData();
		const mayUnlink = (kind: DocumentLinkKind, targetId: string) => mayLinkDocumentFrom(locals.db, params.reviewId, { userId: user.id, membership }, kind, targetId);
		const outcome = unlinkDocument(locals.db, actor, params.reviewId, formText(form, 'linkId'), mayUnlink);
		if (!outcome.ok) return fail(outcome.status, { form: 'unlink' as const, errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/documents?saved=unlinked`);
	}
};
