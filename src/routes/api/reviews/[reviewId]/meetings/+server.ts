import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiReviewAccess, endpoint, readJson, unwrap } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { createMeeting, listMeetings } from '$lib/server/meetings';
import { isIsoDate, ukDateTimeToInstant } from '$lib/domain/dates';
import type { RequestHandler } from './$types';

/** The review's panel meetings (DESIGN.md): plans and their minutes' status, never their content. */
export const GET: RequestHandler = endpoint(({ locals, params }) => {
	apiReviewAccess(locals, params.reviewId, 'meetings.read');
	return json(
		listMeetings(locals.db, params.reviewId).map(({ id, title, kind, startsAt, link, status }) => ({ id, title, kind, startsAt, link, status })),
		{ headers: { 'cache-control': 'no-store' } }
	);
});

const body = z.object({ title: z.string().max(500), kind: z.string().max(40), startsAt: z.string().max(40), link: z.string().max(1000).optional() });

/**
 * `startsAt` is an instant with its offset (`2026-03-03T10:00:00Z`), or a UK wall-clock
 * time without one (`2026-03-03T10:00`), which is read as London time across clock changes.
 */
function parseStartsAt(value: string): Date {
	const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
	if (local && isIsoDate(local[1])) return ukDateTimeToInstant(local[1], local[2]);
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
	throw new ApiError(400, 'Invalid startsAt: give a date and time such as 2026-03-03T10:00 (UK time) or with an offset');
}

/** The chair schedules a meeting; one in the past is refused. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	apiReviewAccess(locals, params.reviewId, 'meetings.manage');
	const input = await readJson(request, body);
	const { id } = unwrap(createMeeting(locals.db, actorOf(locals), params.reviewId, { title: input.title, kind: input.kind, startsAt: parseStartsAt(input.startsAt), link: input.link ?? '' }));
	return json({ id }, { status: 201 });
});
