import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { createEvent, eventTimes, listEvents } from '$lib/server/events';
import { loadIntegratedChronology } from '$lib/server/chronology';
import { can } from '$lib/domain/permissions';
import { citationLabel } from '$lib/domain/chronology';
import { ukDateTimeToInstant } from '$lib/domain/dates';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'events.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	const mayRun = can(membership, 'events.run');
	return {
		review: { id: review.id, title: review.title },
		events: listEvents(locals.db, review.id).map((event) => ({ id: event.id, title: event.title, kind: event.kind, ...eventTimes(event), episodes: event.episodeIds.length })),
		canRun: mayRun,
		// The key practice episodes the panel marked in its analysis, to choose from.
		keyEpisodes: mayRun
			? loadIntegratedChronology(locals.db, review, agencies)
					.filter((entry) => entry.keyEpisode)
					.map((entry) => ({ id: entry.id, label: citationLabel(entry), summary: entry.summary }))
			: []
	};
};

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'events.run');
		const form = await request.formData();
		const errors: FieldError[] = [];
		const day = formDate(form, 'startsOn', 'Date of the event', errors);
		const time = formText(form, 'startsAtTime');
		if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.push({ field: 'startsAtTime', message: 'Enter the start time in 24-hour format, for example 09:30 or 14:00' });
		const values = { title: formText(form, 'title'), kind: formText(form, 'kind'), startsOn: formDateParts(form, 'startsOn'), startsAtTime: time, episodeIds: form.getAll('episodeIds').map(String) };
		const startsAt = day && errors.length === 0 ? ukDateTimeToInstant(day, time.padStart(5, '0')) : null;
		const outcome = createEvent(locals.db, actor, params.reviewId, { title: values.title, kind: values.kind, startsAt, episodeIds: values.episodeIds });
		if (!outcome.ok && errors.length === 0) errors.push(...outcome.errors);
		if (errors.length > 0 || !outcome.ok) return fail(400, { errors, values });
		redirect(303, `/reviews/${params.reviewId}/events/${outcome.value.id}`);
	}
};
