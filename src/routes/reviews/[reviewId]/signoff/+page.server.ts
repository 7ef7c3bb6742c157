import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { createVersion, listVersions } from '$lib/server/report';
import { answerAgencyDispute, finaliseReport, openSignoffRound, recordFamilyNotSeen, reopenReport } from '$lib/server/signoff';
import { signoffRecord } from '$lib/server/signoff-record';
import { listFamilyComments, listFamilyShares, shareWithFamily } from '$lib/server/family';
import { isOpenFlagsWarning, openFlagsInCurrentReport, openFlagsWarning } from '$lib/server/language';
import { isOpenFindingsWarning, openFindingsWarning, openReportFindings } from '$lib/server/anonymisation';
import { can } from '$lib/domain/permissions';
import { formatDateTime } from '$lib/domain/dates';
import type { Outcome } from '$lib/server/actor';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	const manage = can(membership, 'signoff.manage');
	return {
		review: { id: review.id, title: review.title },
		record: signoffRecord(locals.db, review.id, agencies),
		ownAgencyId: membership.role === 'agency_rep' ? membership.agencyId : null,
		canManage: manage,
		versions: manage ? listVersions(locals.db, review.id).map(({ id, name, createdAt }) => ({ id, name, createdAt })) : [],
		shares: manage ? listFamilyShares(locals.db, review.id) : [],
		familyComments: manage ? listFamilyComments(locals.db, review.id) : []
	};
};

/** Runs one chair's step and answers the form with its refusal, if any. */
async function chairStep(event: Parameters<Actions[string]>[0], action: string, run: (form: FormData, actor: ReturnType<typeof requireReviewAction>['actor'], agencyIds: string[]) => Outcome<unknown>) {
	const { actor } = requireReviewAction(event.locals, event.url, event.params.reviewId!, 'signoff.manage');
	const { agencies } = requireReviewOverview(event.locals.db, event.params.reviewId!);
	const form = await event.request.formData();
	const outcome = run(form, actor, agencies.map((a) => a.id));
	// Not an error: the chair is shown the open language flags and asked to confirm.
	if (isOpenFlagsWarning(outcome)) return fail(409, { action, openFlags: outcome.openFlags, versionId: formText(form, 'versionId'), errors: [] });
	// Likewise the possible identifiers still open (issue 16), once the language flags are settled.
	if (isOpenFindingsWarning(outcome)) return fail(409, { action, openFindings: outcome.openFindings.map(({ sectionTitle, finding }) => ({ sectionTitle, text: finding.text, kind: finding.kind, pseudonym: finding.pseudonym })), versionId: formText(form, 'versionId'), errors: [] });
	if (!outcome.ok) return fail(outcome.status, { action, agencyId: formText(form, 'agencyId'), errors: outcome.errors.map((e) => ({ ...e, field: e.field === 'signoff' ? `${action}-form` : `${action}-${e.field}` })) });
	return { action, done: true };
}

export const actions: Actions = {
	openRound: (event) =>
		chairStep(event, 'openRound', (form, actor) => {
			let versionId = formText(form, 'versionId');
			const confirmOpenFlags = formText(form, 'confirmOpenFlags') === 'yes';
			const confirmOpenFindings = formText(form, 'confirmOpenFindings') === 'yes';
			if (versionId === 'now' || !versionId) {
				// Asked before the text is named, so answering "not yet" leaves no stray version behind.
				const openFlags = openFlagsInCurrentReport(event.locals.db, event.params.reviewId);
				if (openFlags.length && !confirmOpenFlags) return openFlagsWarning(openFlags, 'round');
				const openFindings = openReportFindings(event.locals.db, event.params.reviewId);
				if (openFindings.length && !confirmOpenFindings) return openFindingsWarning(openFindings, 'round');
				const named = createVersion(event.locals.db, actor, event.params.reviewId, `Sign-off text, ${formatDateTime(new Date())}`);
				if (!named.ok) return named;
				versionId = named.value.id;
			}
			return openSignoffRound(event.locals.db, actor, event.params.reviewId, versionId, { confirmOpenFlags, confirmOpenFindings });
		}),
	answer: (event) =>
		chairStep(event, 'answer', (form, actor) =>
			answerAgencyDispute(event.locals.db, actor, event.params.reviewId, formText(form, 'agencyId'), formText(form, 'kind') === 'changed' ? 'changed' : 'disagreement', formText(form, 'note'))
		),
	familyNotSeen: (event) => chairStep(event, 'familyNotSeen', (form, actor) => recordFamilyNotSeen(event.locals.db, actor, event.params.reviewId, formText(form, 'reason'))),
	share: (event) =>
		chairStep(event, 'share', (form, actor) => shareWithFamily(event.locals.db, actor, event.params.reviewId, formText(form, 'versionId'), { confirmOpenFlags: formText(form, 'confirmOpenFlags') === 'yes', confirmOpenFindings: formText(form, 'confirmOpenFindings') === 'yes' })),
	finalise: (event) => chairStep(event, 'finalise', (_form, actor, agencyIds) => finaliseReport(event.locals.db, actor, event.params.reviewId, agencyIds)),
	reopen: (event) => chairStep(event, 'reopen', (form, actor) => reopenReport(event.locals.db, actor, event.params.reviewId, formText(form, 'reason')))
};
