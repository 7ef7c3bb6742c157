/**
 * Who may open an agency's IMR, for the API and the pages: the same decision as the
 * websocket's (domain/imrs.ts `imrAccess` through `documentAccess`), and the same answer
 * as for a review one is not in (404) when it is refused, so a draft's existence, or any
 * IMR's for the family advocate and guests, is not revealed.
 */
import { error } from '@sveltejs/kit';
import { ApiError, apiReviewAccess } from './api';
import { requireReviewAction, reviewNotFoundMessage, type ReviewAccess } from './guards';
import { documentAccess, type Membership } from '../domain/permissions';
import { imrStatusOf } from './imrs';
import { findMembership, getReviewOverview } from './reviews';
import type { ImrStatus } from '../domain/imrs';

export const imrNotFoundMessage = 'IMR not found';

function accessOf(locals: App.Locals, reviewId: string, agencyId: string, membership: Membership, facts: ReviewAccess['facts']): { access: 'write' | 'read' | 'none'; status: ImrStatus } {
	const known = getReviewOverview(locals.db, reviewId)?.agencies.some((agency) => agency.id === agencyId);
	if (!known) return { access: 'none', status: 'not_requested' };
	const status = imrStatusOf(locals.db, reviewId, agencyId);
	return { access: documentAccess(membership, { kind: 'imr', reviewId, agencyId }, { ...facts, imrStatus: status }), status };
}

/** Guests and the family advocate hold no `chronology.read` (the gate here, which also ends with the material under retention): for IMRs they are told nothing exists (404), not that they are refused. */
function readsNoImrs(locals: App.Locals, reviewId: string): boolean {
	const membership = locals.user ? findMembership(locals.db, reviewId, locals.user.id) : null;
	return membership !== null && !imrReaders.includes(membership.role);
}

const imrReaders: string[] = ['chair', 'panel_member', 'agency_rep', 'moderator', 'observer'];

/** The caller's access to one IMR through the API; 404 when they may not see it. */
export function apiImrAccess(locals: App.Locals, reviewId: string, agencyId: string) {
	if (readsNoImrs(locals, reviewId)) throw new ApiError(404, imrNotFoundMessage);
	const found = apiReviewAccess(locals, reviewId, 'chronology.read');
	const { access, status } = accessOf(locals, reviewId, agencyId, found.membership, found.facts);
	if (access === 'none') throw new ApiError(404, imrNotFoundMessage);
	return { ...found, access, status };
}

/** The same for a page. */
export function requireImrAccess(locals: App.Locals, url: URL, reviewId: string, agencyId: string) {
	if (readsNoImrs(locals, reviewId)) error(404, imrNotFoundMessage);
	const found = requireReviewAction(locals, url, reviewId, 'chronology.read');
	const { access, status } = accessOf(locals, reviewId, agencyId, found.membership, found.facts);
	if (access === 'none') error(404, imrNotFoundMessage);
	return { ...found, access, status };
}

/** The IMR list's readers: those who read chronologies. The family advocate and guests get the review's 404. */
export function apiImrListAccess(locals: App.Locals, reviewId: string) {
	if (readsNoImrs(locals, reviewId)) throw new ApiError(404, reviewNotFoundMessage);
	return apiReviewAccess(locals, reviewId, 'chronology.read');
}
