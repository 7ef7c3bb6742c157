import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { formDate, formDateParts, formText } from '$lib/server/forms';
import { createMeeting, listMeetings } from '$lib/server/meetings';
import { can } from '$lib/domain/permissions';
import { ukDateTimeToInstant } from '$lib/domain/dates';
import type { FieldError } from '$lib/domain/validation';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership } = requireReviewAction(locals, url, params.reviewId, 'meetings.read');
	const { review } = requireReviewOverview(locals.db, params.reviewId);
	return {
		review: { id: review.id, title: review.title },
		meetings: listMeetings(locals.db, review.id),
		canManage: can(membership, 'meetings.manage')
	};
};

export const actions: Actions = {
	schedule: async ({ locals, url, params, request }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'meetings.manage');
		const form = await request.formData();
		const errors: FieldError[] = [];
		const day = formDate(form, 'startsOn', 'Date of the meeting', errors);
		const time = formText(form, 'startsAtTime');
		if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.push({ field: 'startsAtTime', message: 'Enter the start time in 24-hour format, for example 09:30 or 14:00' });
		const values = { title: formText(form, 'title'), kind: formText(form, 'kind'), link: formText(form, 'link'), startsOn: formDateParts(form, 'startsOn'), startsAtTime: time };
		// UK wall-clock time, whatever the server's zone and across the clock changes.
		const startsAt = day && errors.length === 0 ? ukDateTimeToInstant(day, time.padStart(5, '0')) : null;
		const outcome = createMeeting(locals.db, actor, params.reviewId, { title: values.title, kind: values.kind, startsAt, link: values.link });
		if (!outcome.ok && errors.length === 0) errors.push(...outcome.errors.map((e) => (e.field === 'startsAt' ? { ...e, field: 'startsOn' } : e)));
		if (errors.length > 0 || !outcome.ok) return fail(400, { errors, values });
		redirect(303, `/reviews/${params.reviewId}/meetings/${outcome.value.id}`);
	}
};
