import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { addSection, createVersion, listVersions, moveSection, renameSection, reportSections } from '$lib/server/report';
import { addTerm, dismissFlag, dismissedKeys, reviewTerms } from '$lib/server/language';
import { dismissFinding, dismissedFindingKeys, loadRegister } from '$lib/server/anonymisation';
import { findingKinds, type FindingKind } from '$lib/domain/anonymisation';
import { recordAudit } from '$lib/server/audit';
import { recordReportVisit } from '$lib/server/report-changes';
import { disagreementAppendix } from '$lib/server/signoff-record';
import { termsOfReferenceFacts } from '$lib/server/terms';
import { independenceDeclarations } from '$lib/server/imrs';
import { can, roleLabels } from '$lib/domain/permissions';
import { colourFor } from '$lib/domain/presence';
import { todayInUk } from '$lib/domain/dates';
import type { ReportPart } from '$lib/domain/report-template';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user, membership, actor, facts } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	recordReportVisit(locals.db, review.id, user.id);
	recordAudit(locals.db, { action: 'report.read', actorUserId: user.id, reviewId: review.id, detail: {}, ipAddress: actor.ipAddress, at: new Date() });
	return {
		review: { id: review.id, title: review.title, victimDateOfBirth: review.victimDateOfBirth },
		agencies: agencies.map(({ id, name }) => ({ id, name })),
		sections: reportSections(locals.db, review.id),
		terms: reviewTerms(locals.db, review.id),
		dismissed: dismissedKeys(locals.db, review.id),
		// The register only for roles that may read it: the marks would otherwise show its pseudonyms (issue 16).
		register: can(membership, 'pseudonyms.read') ? loadRegister(locals.db, review.id) : null,
		dismissedFindings: can(membership, 'pseudonyms.read') ? dismissedFindingKeys(locals.db, review.id) : [],
		versions: listVersions(locals.db, review.id).map(({ id, name, createdAt, createdByName }) => ({ id, name, createdAt, createdByName })),
		// A final report is read-only for everyone: the permission decision takes its stage (the websocket's too).
		final: facts.reportStage === 'final',
		appendix: disagreementAppendix(locals.db, review.id, agencies),
		// For the "panel members", "author" and "contributors" sections (issue 20).
		declarations: independenceDeclarations(locals.db, review.id).map(({ name, part, agencyName, declaredAt }) => ({ name, part, agencyName, declaredAt })),
		canWrite: can(membership, 'report.write', facts),
		canVersion: can(membership, 'report.version'),
		canComment: can(membership, 'comment.write', facts),
		isChair: membership.role === 'chair',
		userId: user.id,
		canShape: can(membership, 'report.structure', facts),
		canAddTerms: can(membership, 'language.manage', facts),
		today: todayInUk(new Date()),
		// Which key lines of enquiry no passage answers yet (issue 20).
		enquiry: can(membership, 'terms.read') ? termsOfReferenceFacts(locals.db, review.id) : null,
		self: { name: user.name, color: colourFor(user.id), role: roleLabels[membership.role] }
	};
};

function sectionKey(form: FormData): string {
	return formText(form, 'key');
}

export const actions: Actions = {
	addSection: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'report.structure');
		const form = await request.formData();
		const part: ReportPart = formText(form, 'part') === 'executive-summary' ? 'executive-summary' : 'overview';
		const outcome = addSection(locals.db, actor, params.reviewId, formText(form, 'title'), part);
		if (!outcome.ok) return fail(outcome.status, { action: 'addSection', errors: outcome.errors });
		return { action: 'addSection', added: outcome.value.key };
	},

	renameSection: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'report.structure');
		const form = await request.formData();
		const key = sectionKey(form);
		const outcome = renameSection(locals.db, actor, params.reviewId, key, formText(form, 'title'));
		if (!outcome.ok) return fail(outcome.status, { action: 'renameSection', key, errors: outcome.errors });
		return { action: 'renameSection', key };
	},

	moveSection: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'report.structure');
		const form = await request.formData();
		const key = sectionKey(form);
		const outcome = moveSection(locals.db, actor, params.reviewId, key, formText(form, 'direction') === 'up' ? -1 : 1);
		if (!outcome.ok) return fail(outcome.status, { action: 'moveSection', key, errors: outcome.errors });
		return { action: 'moveSection', key };
	},

	dismissFlag: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'report.write');
		const form = await request.formData();
		const outcome = dismissFlag(locals.db, actor, params.reviewId, {
			occurrenceKey: formText(form, 'occurrenceKey'),
			termId: formText(form, 'termId'),
			sectionKey: sectionKey(form),
			reason: formText(form, 'reason')
		});
		if (!outcome.ok) return fail(outcome.status, { action: 'dismissFlag', errors: outcome.errors });
		return { action: 'dismissFlag' };
	},

	dismissFinding: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'anonymisation.dismiss');
		const form = await request.formData();
		const kind = formText(form, 'kind');
		if (!(findingKinds as string[]).includes(kind)) return fail(400, { action: 'dismissFinding', errors: [{ field: 'reason', message: 'Move into the marked words again and choose “Not identifying”' }] });
		const outcome = dismissFinding(locals.db, actor, params.reviewId, {
			occurrenceKey: formText(form, 'occurrenceKey'),
			kind: kind as FindingKind,
			sectionKey: sectionKey(form),
			reason: formText(form, 'reason')
		});
		if (!outcome.ok) return fail(outcome.status, { action: 'dismissFinding', errors: outcome.errors });
		return { action: 'dismissFinding' };
	},

	createVersion: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'report.version');
		const form = await request.formData();
		const outcome = createVersion(locals.db, actor, params.reviewId, formText(form, 'name'));
		if (!outcome.ok) return fail(outcome.status, { action: 'createVersion', errors: outcome.errors });
		return { action: 'createVersion' };
	},

	addTerm: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'language.manage');
		const form = await request.formData();
		const outcome = addTerm(locals.db, actor, params.reviewId, { phrase: formText(form, 'phrase'), why: formText(form, 'why'), suggestion: formText(form, 'suggestion') });
		if (!outcome.ok) return fail(outcome.status, { action: 'addTerm', errors: outcome.errors });
		return { action: 'addTerm' };
	}
};
