import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formText } from '$lib/server/forms';
import { addRegisterEntry, listRegister, removeRegisterEntry } from '$lib/server/anonymisation';
import { registerKinds, type PseudonymChoice, type RegisterKind } from '$lib/domain/anonymisation';
import { can } from '$lib/domain/permissions';

/** The pseudonym register (issue 16): the chair writes; panel members and the moderator read; nobody else sees it (404/403 from the guard). */
export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'pseudonyms.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	return {
		review: { id: review.id, title: review.title },
		canManage: can(membership, 'pseudonyms.manage'),
		entries: listRegister(locals.db, review.id).map(({ id, real, pseudonym, kind, aliases, choice, note }) => ({ id, real, pseudonym, kind, aliases, choice, note }))
	};
};

const choices: PseudonymChoice[] = ['family', 'panel', 'real_name'];

export const actions: Actions = {
	add: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'pseudonyms.manage');
		const form = await request.formData();
		const values = {
			real: formText(form, 'real'),
			pseudonym: formText(form, 'pseudonym'),
			kind: formText(form, 'kind'),
			aliases: formText(form, 'aliases'),
			choice: formText(form, 'choice'),
			note: formText(form, 'note')
		};
		const kind = (registerKinds as string[]).includes(values.kind) ? (values.kind as RegisterKind) : 'person';
		const choice = (choices as string[]).includes(values.choice) ? (values.choice as PseudonymChoice) : null;
		const outcome = addRegisterEntry(locals.db, actor, params.reviewId, {
			real: values.real,
			pseudonym: values.pseudonym,
			kind,
			// One other name per line, or separated by commas.
			aliases: values.aliases.split(/[\n,]/),
			choice,
			note: values.note
		});
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors[0].message.split('. ').map((message) => ({ field: 'real', message })), values });
		return { added: true };
	},
	remove: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'pseudonyms.manage');
		const form = await request.formData();
		const outcome = removeRegisterEntry(locals.db, actor, params.reviewId, formText(form, 'entryId'));
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, values: null });
		return { removed: true };
	}
};
