import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { apiImrAccess } from '$lib/server/imr-guards';
import { isSeniorManager, takeImrStep } from '$lib/server/imrs';
import { can } from '$lib/domain/permissions';
import type { ImrStep } from '$lib/domain/imrs';
import type { RequestHandler } from './$types';

const step = z.discriminatedUnion('step', [
	z.object({ step: z.literal('declare'), notInvolved: z.boolean(), notLineManager: z.boolean(), statement: z.string().max(4_000).default('') }),
	z.object({ step: z.literal('sign_off') }),
	z.object({ step: z.literal('submit') }),
	z.object({ step: z.literal('return'), questions: z.string().max(4_000) }),
	z.object({ step: z.literal('accept') })
]);

/**
 * The IMR's next step: its author declares their independence, the agency's senior manager
 * signs it off, the agency submits it, the panel returns it with questions or accepts it.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { membership, user } = apiImrAccess(locals, params.reviewId, params.agencyId);
	const input = await readJson(request, step);
	const ownAgency = can(membership, 'requests.answer', { agencyId: params.agencyId });
	const panel = can(membership, 'imr.review');
	if ((input.step === 'declare' || input.step === 'sign_off' || input.step === 'submit') && !ownAgency) throw new ApiError(403, 'Only the agency’s own representatives can do this');
	if ((input.step === 'return' || input.step === 'accept') && !panel) throw new ApiError(403, 'Only the chair and panel members can accept or return an IMR');
	const domainStep: ImrStep =
		input.step === 'declare'
			? { kind: 'declare', userId: user.id }
			: input.step === 'sign_off'
				? { kind: 'sign_off', userId: user.id, seniorManager: isSeniorManager(locals.db, params.reviewId, user.id, params.agencyId) }
				: { kind: input.step };
	const extra = input.step === 'declare' ? { declaration: input } : input.step === 'return' ? { questions: input.questions } : {};
	return json(unwrap(takeImrStep(locals.db, actorOf(locals), params.reviewId, params.agencyId, domainStep, extra)), { status: 201 });
});
