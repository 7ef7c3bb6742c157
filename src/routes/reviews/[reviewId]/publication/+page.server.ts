import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { listVersions, readReportDocument, reportSections } from '$lib/server/report';
import { attestReadiness, readinessChecks, reportWords, withdrawAttestation } from '$lib/server/readiness';
import { addGlossaryTerm, glossaryFor, removeGlossaryTerm, reviewGlossaryTerms } from '$lib/server/glossary';
import { documentTitles, editionLabels, exportDocuments, listExports, publicationRefusals } from '$lib/server/publication-pack';
import { pdfExportAvailable, pdfUnavailableMessage } from '$lib/server/pdf-conversion';
import { reportContent } from '$lib/collab/report-content';
import { readRecommendations } from '$lib/collab/recommendations-doc';
import { can } from '$lib/domain/permissions';
import { isReadinessKey } from '$lib/domain/readiness';

function currentGlossary(db: App.Locals['db'], reviewId: string) {
	const doc = readReportDocument(db, reviewId);
	try {
		return glossaryFor(db, reviewId, reportWords(reportContent(doc, reportSections(db, reviewId)), readRecommendations(doc)));
	} finally {
		doc.destroy();
	}
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const isChair = can(membership, 'export');
	return {
		review: { id: review.id, title: review.title, partnership: review.partnership },
		isChair,
		documents: exportDocuments.map((key) => ({ value: key, label: documentTitles[key] })),
		editions: editionLabels,
		versions: listVersions(locals.db, review.id).map(({ id, name, createdAt }) => ({ id, name, createdAt })),
		pdf: pdfExportAvailable() ? null : pdfUnavailableMessage,
		publicationRefusals: isChair ? publicationRefusals(locals.db, review.id, null) : null,
		checks: readinessChecks(locals.db, review.id),
		glossary: currentGlossary(locals.db, review.id),
		reviewTerms: reviewGlossaryTerms(locals.db, review.id).map(({ abbreviation, expansion }) => ({ abbreviation, expansion })),
		exports: isChair ? listExports(locals.db, review.id).slice(0, 20).map(({ id, document, format, edition, versionName, sha256, exportedAt }) => ({ id, document, format, edition, versionName, sha256, exportedAt })) : []
	};
};

export const actions: Actions = {
	attest: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
		const form = await request.formData();
		const key = formText(form, 'key');
		if (!isReadinessKey(key)) return fail(400, { form: 'attest' as const, errors: [{ field: 'key', message: 'Choose a check to attest' }] });
		const outcome = formText(form, 'withdraw') ? withdrawAttestation(locals.db, actor, params.reviewId, key) : attestReadiness(locals.db, actor, params.reviewId, key, formText(form, 'note'));
		if (!outcome.ok) return fail(outcome.status, { form: 'attest' as const, errors: outcome.errors.map((e) => ({ ...e, field: `note-${key}` })) });
		return { done: formText(form, 'withdraw') ? 'Attestation withdrawn.' : 'Check attested.' };
	},
	addTerm: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
		const form = await request.formData();
		const values = { abbreviation: formText(form, 'abbreviation'), expansion: formText(form, 'expansion') };
		const outcome = addGlossaryTerm(locals.db, actor, params.reviewId, values);
		if (!outcome.ok) return fail(outcome.status, { form: 'term' as const, errors: outcome.errors, values });
		return { done: `${values.abbreviation.trim()} added to the glossary.` };
	},
	removeTerm: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'export');
		const form = await request.formData();
		const outcome = removeGlossaryTerm(locals.db, actor, params.reviewId, formText(form, 'abbreviation'));
		if (!outcome.ok) return fail(outcome.status, { form: 'term' as const, errors: outcome.errors });
		return { done: 'Abbreviation removed.' };
	}
};
