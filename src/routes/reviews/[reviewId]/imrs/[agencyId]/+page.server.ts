import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewOverview } from '$lib/server/guards';
import { requireImrAccess } from '$lib/server/imr-guards';
import { addImrComment, getImr, isSeniorManager, takeImrStep } from '$lib/server/imrs';
import { recordAudit } from '$lib/server/audit';
import { documentsLinkedTo } from '$lib/server/review-documents';
import { formText } from '$lib/server/forms';
import { can, roleLabels } from '$lib/domain/permissions';
import { colourFor } from '$lib/domain/presence';
import { imrHeadings, isBeingWritten, type ImrStep } from '$lib/domain/imrs';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user, membership, actor, access, status } = requireImrAccess(locals, url, params.reviewId, params.agencyId);
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	const detail = getImr(locals.db, params.reviewId, params.agencyId)!;
	// Opening an IMR is audited like opening the report.
	recordAudit(locals.db, { action: 'imr.read', actorUserId: user.id, reviewId: review.id, detail: { agencyId: params.agencyId, status }, ipAddress: actor.ipAddress, at: new Date() });
	const ownAgency = can(membership, 'requests.answer', { agencyId: params.agencyId });
	const senior = ownAgency && isSeniorManager(locals.db, params.reviewId, user.id, params.agencyId);
	return {
		review: { id: review.id, title: review.title, victimDateOfBirth: review.victimDateOfBirth },
		agency: { id: params.agencyId, name: detail.agencyName },
		imr: detail,
		sections: imrHeadings.map((heading) => ({ key: heading.key, title: heading.title, part: 'overview' as const, guidance: null })),
		canWrite: access === 'write',
		canDeclare: ownAgency && isBeingWritten(status) && (!detail.authorId || detail.authorId === user.id),
		canSignOff: senior && (status === 'draft' || status === 'returned'),
		isAuthor: detail.authorId === user.id,
		canSubmit: ownAgency && status === 'signed_off',
		canDecide: can(membership, 'imr.review') && status === 'submitted',
		canComment: (can(membership, 'imr.review') || ownAgency) && (status === 'submitted' || status === 'returned' || status === 'accepted'),
		documents: can(membership, 'documents.read') ? documentsLinkedTo(locals.db, params.reviewId, 'imr', [params.agencyId]) : [],
		self: { name: user.name, color: colourFor(user.id), role: roleLabels[membership.role] }
	};
};

function step(kind: 'sign_off' | 'submit' | 'accept'): Actions[string] {
	return async ({ locals, url, params }) => {
		const { actor, user } = requireImrAccess(locals, url, params.reviewId, params.agencyId);
		const imrStep: ImrStep = kind === 'sign_off' ? { kind, userId: user.id, seniorManager: isSeniorManager(locals.db, params.reviewId, user.id, params.agencyId) } : { kind };
		const outcome = takeImrStep(locals.db, actor, params.reviewId, params.agencyId, imrStep);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/imrs/${params.agencyId}?done=${kind}`);
	};
}

export const actions: Actions = {
	declare: async ({ locals, url, params, request }) => {
		const { actor, user, membership } = requireImrAccess(locals, url, params.reviewId, params.agencyId);
		if (!can(membership, 'requests.answer', { agencyId: params.agencyId })) return fail(403, { errors: [{ field: 'notInvolved', message: 'Only the agency’s own representatives can write its IMR' }] });
		const form = await request.formData();
		const declaration = { notInvolved: form.get('notInvolved') === 'yes', notLineManager: form.get('notLineManager') === 'yes', statement: formText(form, 'statement') };
		const outcome = takeImrStep(locals.db, actor, params.reviewId, params.agencyId, { kind: 'declare', userId: user.id }, { declaration });
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/imrs/${params.agencyId}?done=declare`);
	},
	signOff: async (event) => {
		const { membership } = requireImrAccess(event.locals, event.url, event.params.reviewId!, event.params.agencyId!);
		if (!can(membership, 'requests.answer', { agencyId: event.params.agencyId })) return fail(403, { errors: [{ field: 'sign_off', message: 'Only the agency’s senior manager can sign off its IMR' }] });
		return step('sign_off')(event);
	},
	submit: async (event) => {
		const { membership } = requireImrAccess(event.locals, event.url, event.params.reviewId!, event.params.agencyId!);
		if (!can(membership, 'requests.answer', { agencyId: event.params.agencyId })) return fail(403, { errors: [{ field: 'submit', message: 'Only the agency’s own representatives can submit its IMR' }] });
		return step('submit')(event);
	},
	accept: async (event) => {
		const { membership } = requireImrAccess(event.locals, event.url, event.params.reviewId!, event.params.agencyId!);
		if (!can(membership, 'imr.review')) return fail(403, { errors: [{ field: 'accept', message: 'Only the chair and panel members can accept an IMR' }] });
		return step('accept')(event);
	},
	return: async ({ locals, url, params, request }) => {
		const { actor, membership } = requireImrAccess(locals, url, params.reviewId, params.agencyId);
		if (!can(membership, 'imr.review')) return fail(403, { errors: [{ field: 'questions', message: 'Only the chair and panel members can return an IMR' }] });
		const form = await request.formData();
		const questions = formText(form, 'questions');
		const outcome = takeImrStep(locals.db, actor, params.reviewId, params.agencyId, { kind: 'return' }, { questions });
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, questions });
		redirect(303, `/reviews/${params.reviewId}/imrs/${params.agencyId}?done=return`);
	},
	comment: async ({ locals, url, params, request }) => {
		const { actor, membership } = requireImrAccess(locals, url, params.reviewId, params.agencyId);
		if (!can(membership, 'imr.review') && !can(membership, 'requests.answer', { agencyId: params.agencyId })) return fail(403, { errors: [{ field: 'body', message: 'Only the panel and the agency can comment on its IMR' }] });
		const form = await request.formData();
		const outcome = addImrComment(locals.db, actor, params.reviewId, params.agencyId, formText(form, 'body'));
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		redirect(303, `/reviews/${params.reviewId}/imrs/${params.agencyId}?done=comment#questions`);
	}
};
