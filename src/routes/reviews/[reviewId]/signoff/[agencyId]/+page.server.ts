import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { agencyInReport } from '$lib/server/report-views';
import { loadSignoff, recordAgencyDecision } from '$lib/server/signoff';
import { recordAudit } from '$lib/server/audit';
import { can } from '$lib/domain/permissions';

function agencyOf(db: App.Locals['db'], reviewId: string, agencyId: string) {
	const { review, agencies } = requireReviewOverview(db, reviewId);
	const agency = agencies.find((a) => a.id === agencyId);
	if (!agency) error(404, 'That agency is not part of this review');
	return { review, agency: { id: agency.id, name: agency.name } };
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, actor } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review, agency } = agencyOf(locals.db, params.reviewId, params.agencyId);
	recordAudit(locals.db, { action: 'report.read', actorUserId: actor.userId, reviewId: review.id, detail: { view: 'signoff', agencyId: agency.id }, ipAddress: actor.ipAddress, at: new Date() });
	return {
		review: { id: review.id, title: review.title },
		agency,
		view: agencyInReport(locals.db, review.id, agency),
		final: loadSignoff(locals.db, review.id).stage === 'final',
		canDecide: can(membership, 'signoff.confirm', { agencyId: agency.id })
	};
};

export const actions: Actions = {
	decide: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'signoff.confirm', { agencyId: params.agencyId });
		const { agency } = agencyOf(locals.db, params.reviewId, params.agencyId);
		const form = await request.formData();
		const decision = formText(form, 'decision') === 'dispute' ? 'dispute' : 'confirm';
		// Disputed passages are named by position and stored as the agency read them.
		const chosen = new Set(form.getAll('passage').map(String));
		const view = agencyInReport(locals.db, params.reviewId, agency);
		const passages = view.sections.flatMap((section) =>
			section.passages.filter((p) => chosen.has(`${p.sectionKey}:${p.index}`)).map((p) => `${p.sectionTitle}: ${p.text.length > 300 ? `${p.text.slice(0, 300)}…` : p.text}`)
		);
		const reason = formText(form, 'reason');
		const outcome = recordAgencyDecision(locals.db, actor, params.reviewId, { agencyId: agency.id, versionId: formText(form, 'versionId'), decision, reason, passages });
		if (!outcome.ok) return fail(outcome.status, { decision, errors: outcome.errors.map((e) => ({ ...e, field: e.field === 'signoff' && decision === 'dispute' && !reason ? 'reason' : e.field })) });
		return { decided: decision };
	}
};
