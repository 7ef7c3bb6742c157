import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { actorOf, requireUser } from '$lib/server/guards';
import { formDate, formText } from '$lib/server/forms';
import {
	acknowledgeGroundRules,
	addContribution,
	changePlan,
	contributionAuthors,
	eventEpisodes,
	eventNotFoundMessage,
	eventTimes,
	findEventFor,
	guestDescriptionFor,
	hasAcknowledged,
	inviteGuest,
	inviteMember,
	listParticipants,
	readBoard,
	recordAttendance,
	correctEventAttendance,
	rescheduleEvent
} from '$lib/server/events';
import { getReviewOverview } from '$lib/server/reviews';
import { isDeletedForMember, materialDeletedMessage } from '$lib/server/retention';
import { roleLabels } from '$lib/domain/permissions';
import { colourFor } from '$lib/domain/presence';
import { ukDateTimeToInstant } from '$lib/domain/dates';
import type { FieldError } from '$lib/domain/validation';

/** The event and the caller's part in it; anyone with no part gets the same 404 as for no event at all. */
function eventFor(locals: App.Locals, url: URL, params: { reviewId: string; eventId: string }) {
	const user = requireUser(locals, url);
	const found = findEventFor(locals.db, params.reviewId, params.eventId, user.id);
	if (!found && isDeletedForMember(locals.db, params.reviewId, user.id)) error(410, materialDeletedMessage);
	if (!found) error(404, eventNotFoundMessage);
	return { user, ...found, actor: { ...actorOf(locals), name: user.name } };
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user, event, membership, access } = eventFor(locals, url, params);
	const runs = access === 'run';
	recordAttendance(locals.db, event, user.id);
	const overview = getReviewOverview(locals.db, event.reviewId)!;
	const agencyNames = new Map(overview.agencies.map((agency) => [agency.id, agency.name]));
	const participants = listParticipants(locals.db, event, agencyNames);
	const episodes = eventEpisodes(locals.db, event, overview.review, overview.agencies);
	const board = readBoard(locals.db, event);
	return {
		review: { id: event.reviewId, title: overview.review.title },
		event: { id: event.id, title: event.title, kind: event.kind, agenda: event.agenda, link: event.link, ...eventTimes(event) },
		access,
		isGuest: membership.role === 'guest',
		mustAcknowledge: access === 'contribute' && !hasAcknowledged(locals.db, event.id, user.id),
		episodes: episodes.chosen,
		keyEpisodes: runs ? episodes.keyEpisodes : [],
		episodeIds: event.episodeIds,
		board,
		// Who wrote what, and who is invited: for those who run the event only.
		authors: runs ? Object.fromEntries(contributionAuthors(locals.db, event.id)) : null,
		participants: runs ? participants : null,
		invitable: runs
			? overview.members
					.filter((member) => !['guest', 'family_advocate'].includes(member.role) && !participants.some((p) => p.userId === member.userId))
					.map((member) => ({ userId: member.userId, name: member.name, role: roleLabels[member.role] }))
			: [],
		// As the collaboration server presents this person to others: a guest by role and agency.
		self: { name: membership.role === 'guest' ? guestDescriptionFor(locals.db, event.id, user.id) : user.name, color: colourFor(user.id), role: roleLabels[membership.role] }
	};
};

async function runnerStep(event: RequestEvent, step: (form: FormData, found: ReturnType<typeof eventFor>) => { errors?: FieldError[]; status?: number; data?: Record<string, unknown> }) {
	const found = eventFor(event.locals, event.url, event.params);
	if (found.access !== 'run') error(403, 'Only the moderator or the chair can do this');
	const result = step(await event.request.formData(), found);
	if (result.errors?.length) return fail(result.status ?? 400, { errors: result.errors });
	return { done: true, ...result.data };
}

export const actions: Actions = {
	reschedule: (event) =>
		runnerStep(event, (form, { event: learning, actor }) => {
			const errors: FieldError[] = [];
			const day = formDate(form, 'startsOn', 'Date of the event', errors);
			const time = formText(form, 'startsAtTime');
			if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.push({ field: 'startsAtTime', message: 'Enter the start time in 24-hour format, for example 09:30 or 14:00' });
			if (errors.length || !day) return { errors };
			const outcome = rescheduleEvent(event.locals.db, actor, learning, { startsAt: ukDateTimeToInstant(day, time.padStart(5, '0')), link: formText(form, 'link') });
			return outcome.ok ? {} : { errors: outcome.errors, status: outcome.status };
		}),

	attendance: (event) =>
		runnerStep(event, (form, { event: learning, actor }) => {
			const outcome = correctEventAttendance(event.locals.db, actor, learning, formText(form, 'userId'), formText(form, 'attendance'));
			return outcome.ok ? {} : { errors: outcome.errors, status: outcome.status };
		}),

	acknowledge: async ({ locals, url, params }) => {
		const { event, actor } = eventFor(locals, url, params);
		const outcome = acknowledgeGroundRules(locals.db, actor, event);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		return { acknowledged: true };
	},

	contribute: async ({ locals, url, params, request }) => {
		const { event, actor } = eventFor(locals, url, params);
		const form = await request.formData();
		const input = { text: formText(form, 'text'), prompt: formText(form, 'prompt'), episodeId: formText(form, 'episodeId') || null, unnamed: form.get('unnamed') === 'yes' };
		const outcome = addContribution(locals.db, actor, event, input);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors.map((e) => ({ ...e, field: `contribution-${e.field}` })), values: input });
		return { contributed: true };
	},

	inviteMember: (event) =>
		runnerStep(event, (form, { event: learning, actor }) => {
			const outcome = inviteMember(event.locals.db, actor, learning, formText(form, 'userId'));
			return outcome.ok ? {} : { errors: outcome.errors.map((e) => ({ ...e, field: 'invite-userId' })), status: outcome.status };
		}),

	inviteGuest: (event) =>
		runnerStep(event, (form, { event: learning, actor }) => {
			const outcome = inviteGuest(event.locals.db, actor, learning, { name: formText(form, 'name'), roleTitle: formText(form, 'roleTitle'), agencyLabel: formText(form, 'agencyLabel') });
			if (!outcome.ok) return { errors: outcome.errors.map((e) => ({ ...e, field: `guest-${e.field}` })), status: outcome.status };
			return { data: { invitationLink: `${event.url.origin}/invitations/${outcome.value.token}`, invitationExpiresAt: outcome.value.expiresAt } };
		}),

	agenda: (event) =>
		runnerStep(event, (form, { event: learning, actor }) => {
			const titles = form.getAll('phaseTitle').map(String);
			const minutes = form.getAll('phaseMinutes').map(String);
			const purposes = form.getAll('phasePurpose').map(String);
			const keys = form.getAll('phaseKey').map(String);
			if (titles.length > 30) return { errors: [{ field: 'agenda-form', message: 'Keep the agenda to 30 phases or fewer' }] };
			const agenda = titles.map((title, index) => ({
				key: (keys[index] ?? `phase-${index}`).slice(0, 40),
				title: title.trim().slice(0, 120),
				minutes: /^\d{1,3}$/.test((minutes[index] ?? '').trim()) ? Number(minutes[index]) : NaN,
				purpose: (purposes[index] ?? '').trim().slice(0, 500)
			}));
			const outcome = changePlan(event.locals.db, actor, learning, { agenda });
			return outcome.ok ? {} : { errors: outcome.errors.map((e) => ({ ...e, field: 'agenda-form' })), status: outcome.status };
		}),

	episodes: (event) =>
		runnerStep(event, (form, { event: learning, actor }) => {
			const { review, agencies } = getReviewOverview(event.locals.db, learning.reviewId)!;
			const known = new Set(eventEpisodes(event.locals.db, learning, review, agencies).keyEpisodes.map((episode) => episode.id));
			const episodeIds = form.getAll('episodeIds').map(String).filter((id) => known.has(id));
			const outcome = changePlan(event.locals.db, actor, learning, { episodeIds });
			return outcome.ok ? {} : { errors: outcome.errors.map((e) => ({ ...e, field: 'episodes-form' })), status: outcome.status };
		}),

	reflection: (event) =>
		runnerStep(event, (form, { event: learning, actor }) => {
			const errors: FieldError[] = [];
			const day = formDate(form, 'reflectionOn', 'Date the reflection window closes', errors);
			const time = formText(form, 'reflectionAtTime') || '17:00';
			if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.push({ field: 'reflectionAtTime', message: 'Enter the time in 24-hour format, for example 17:00' });
			if (errors.length || !day) return { errors };
			const outcome = changePlan(event.locals.db, actor, learning, { reflectionClosesAt: ukDateTimeToInstant(day, time.padStart(5, '0')) });
			return outcome.ok ? {} : { errors: outcome.errors.map((e) => ({ ...e, field: 'reflectionOn' })), status: outcome.status };
		})
};
