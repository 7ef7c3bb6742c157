import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { actorOf, requireUser } from '$lib/server/guards';
import { formDate, formText } from '$lib/server/forms';
import {
	addAction,
	addAgendaItem,
	addAgendaLink,
	addDecision,
	circulateMinutes,
	completeAction,
	correctAttendance,
	findMeetingFor,
	handMeetingTo,
	inviteMembers,
	listActions,
	listAgenda,
	listAttendees,
	listDecisions,
	listResponses,
	meetingNotFoundMessage,
	minutesAttendees,
	removeAgendaItem,
	removeAgendaLink,
	reopenMinutes,
	rescheduleMeeting,
	respondToMinutes,
	type CirculatedMinutes
} from '$lib/server/meetings';
import { linkTargets } from '$lib/server/meeting-links';
import { documentsLinkedTo } from '$lib/server/review-documents';
import { getReviewOverview } from '$lib/server/reviews';
import { isDeletedForMember, materialDeletedMessage } from '$lib/server/retention';
import { can, roleLabels } from '$lib/domain/permissions';
import { colourFor } from '$lib/domain/presence';
import { agendaLinkKinds, meetingStatus } from '$lib/domain/meetings';
import { ukDateTimeToInstant } from '$lib/domain/dates';
import type { FieldError } from '$lib/domain/validation';
import type { Outcome } from '$lib/server/actor';

/** The meeting and the caller's part in it; anyone with no part gets the same 404 as for no meeting at all. */
function meetingFor(locals: App.Locals, url: URL, params: { reviewId: string; meetingId: string }) {
	const user = requireUser(locals, url);
	const found = findMeetingFor(locals.db, params.reviewId, params.meetingId, user.id);
	if (!found && isDeletedForMember(locals.db, params.reviewId, user.id)) error(410, materialDeletedMessage);
	if (!found) error(404, meetingNotFoundMessage);
	const overview = getReviewOverview(locals.db, params.reviewId)!;
	return { user, ...found, overview, context: { review: overview.review, agencies: overview.agencies, viewer: found.membership }, actor: actorOf(locals) };
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { user, meeting, membership, access, overview, context } = meetingFor(locals, url, params);
	const manages = can(membership, 'meetings.manage');
	const attendees = listAttendees(locals.db, meeting);
	const targets = manages && !meeting.circulatedAt ? linkTargets(locals.db, context, agendaLinkKinds) : null;
	const presenter = meeting.presenterId ? overview.members.find((m) => m.userId === meeting.presenterId) : null;
	// Members who can take part: not the family advocate, not guest practitioners.
	const panel = overview.members.filter((m) => can(m, 'meetings.read') && !m.deactivated);
	return {
		review: { id: overview.review.id, title: overview.review.title },
		meeting: { id: meeting.id, title: meeting.title, kind: meeting.kind, startsAt: meeting.startsAt, link: meeting.link, circulatedAt: meeting.circulatedAt, agreedAt: meeting.agreedAt, status: meetingStatus(meeting) },
		access,
		manages,
		userId: user.id,
		presenterName: presenter?.name ?? null,
		agenda: listAgenda(locals.db, meeting, context),
		attendees,
		decisions: listDecisions(locals.db, meeting.id),
		documents: can(membership, 'documents.read') ? documentsLinkedTo(locals.db, overview.review.id, 'minutes', [meeting.id]) : [],
		actions: listActions(locals.db, meeting.id),
		responses: meeting.circulatedAt ? listResponses(locals.db, meeting.id) : [],
		// Once circulated, the minutes shown are the words circulated (the document no longer changes).
		circulatedMinutes: (meeting.minutesText ?? null) as CirculatedMinutes[] | null,
		mayAgree: meeting.circulatedAt && !meeting.agreedAt ? minutesAttendees(locals.db, meeting.id).includes(user.id) : false,
		linkOptions: targets ? Object.fromEntries([...targets].map(([kind, map]) => [kind, [...map].filter(([, t]) => t.linkable !== false).map(([id, t]) => ({ id, label: t.label }))])) : null,
		panel: panel.map((m) => ({ userId: m.userId, name: m.name, role: roleLabels[m.role] })),
		self: { name: user.name, color: colourFor(user.id), role: roleLabels[membership.role] }
	};
};

type Found = ReturnType<typeof meetingFor>;

/** The refusal with each error under the field the page shows it at (so the error summary links to it), keeping its status. */
function withFields<T>(outcome: Outcome<T>, rename: (error: FieldError) => FieldError): Outcome<T> {
	return outcome.ok ? outcome : { ...outcome, errors: outcome.errors.map(rename) };
}

/** Runs one step and maps its outcome to the form's errors, each under `prefix-field` so the error summary links to it. */
async function step(event: RequestEvent, allowed: (found: Found) => boolean, run: (form: FormData, found: Found) => Outcome<unknown> | { errors: FieldError[] }) {
	const found = meetingFor(event.locals, event.url, event.params);
	if (!allowed(found)) error(403, 'Your part in this meeting does not allow this');
	const result = run(await event.request.formData(), found);
	if ('ok' in result) {
		if (!result.ok) return fail(result.status, { errors: result.errors });
		return { done: true };
	}
	if (result.errors.length) return fail(400, { errors: result.errors });
	return { done: true };
}

const chair = (found: Found) => can(found.membership, 'meetings.manage');
const writer = (found: Found) => found.access === 'run' || found.access === 'write';

export const actions: Actions = {
	reschedule: (event) =>
		step(event, chair, (form, { meeting, actor }) => {
			const errors: FieldError[] = [];
			const day = formDate(form, 'startsOn', 'Date of the meeting', errors);
			const time = formText(form, 'startsAtTime');
			if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.push({ field: 'startsAtTime', message: 'Enter the start time in 24-hour format, for example 09:30 or 14:00' });
			if (errors.length || !day) return { errors };
			const outcome = rescheduleMeeting(event.locals.db, actor, meeting, { startsAt: ukDateTimeToInstant(day, time.padStart(5, '0')), link: formText(form, 'link') });
			return withFields(outcome, (e) => ({ ...e, field: e.field === 'startsAt' ? 'startsOn' : e.field }));
		}),

	addItem: (event) =>
		step(event, chair, (form, { meeting, actor }) => {
			const minutes = formText(form, 'itemMinutes');
			return addAgendaItem(event.locals.db, actor, meeting, { title: formText(form, 'itemTitle'), minutes: /^\d{1,3}$/.test(minutes) ? Number(minutes) : NaN, presenterId: formText(form, 'itemPresenter') || null });
		}),

	removeItem: (event) => step(event, chair, (form, { meeting, actor }) => removeAgendaItem(event.locals.db, actor, meeting, formText(form, 'itemId'))),

	addLink: (event) =>
		step(event, chair, (form, { meeting, actor, context }) => {
			const itemId = formText(form, 'itemId');
			// One list with a group per kind: each choice is `<kind>|<id>`.
			const [kind, targetId = ''] = formText(form, 'link').split('|');
			const outcome = addAgendaLink(event.locals.db, actor, meeting, context, { itemId, kind, targetId });
			return withFields(outcome, (e) => ({ ...e, field: `link-${itemId}` }));
		}),

	removeLink: (event) => step(event, chair, (form, { meeting, actor }) => removeAgendaLink(event.locals.db, actor, meeting, formText(form, 'linkId'))),

	invite: (event) => step(event, chair, (form, { meeting, actor }) => inviteMembers(event.locals.db, actor, meeting, form.getAll('userIds').map(String))),

	handOver: (event) => step(event, chair, (form, { meeting, actor }) => handMeetingTo(event.locals.db, actor, meeting, formText(form, 'presenterId') || null)),

	attendance: (event) =>
		step(event, chair, (form, { meeting, actor }) => {
			const userId = formText(form, 'userId');
			const outcome = correctAttendance(event.locals.db, actor, meeting, { userId, attendance: formText(form, 'attendance'), representedBy: formText(form, 'representedBy') });
			return withFields(outcome, (e) => ({ ...e, field: `attendance-${userId}` }));
		}),

	decision: (event) =>
		step(event, writer, (form, { meeting, actor }) => {
			const itemId = formText(form, 'itemId') || null;
			const outcome = addDecision(event.locals.db, actor, meeting, { itemId, text: formText(form, 'decisionText') });
			return withFields(outcome, (e) => ({ ...e, field: `decision-${itemId ?? 'meeting'}` }));
		}),

	action: (event) =>
		step(event, writer, (form, { meeting, actor }) => {
			const itemId = formText(form, 'itemId') || null;
			const errors: FieldError[] = [];
			const dueOn = formDate(form, `due-${itemId ?? 'meeting'}`, 'Due date', errors);
			if (errors.length || !dueOn) return { errors };
			const outcome = addAction(event.locals.db, actor, meeting, { itemId, text: formText(form, 'actionText'), ownerId: formText(form, 'actionOwner'), dueOn });
			return withFields(outcome, (e) => ({ ...e, field: e.field === 'actionDueOn' ? `due-${itemId ?? 'meeting'}` : `action-${itemId ?? 'meeting'}` }));
		}),

	done: (event) =>
		step(event, () => true, (form, { actor, membership, meeting }) => {
			const actionId = formText(form, 'actionId');
			const outcome = completeAction(event.locals.db, actor, meeting.reviewId, membership, actionId, formText(form, 'doneNote'));
			return withFields(outcome, (e) => ({ ...e, field: `done-${actionId}` }));
		}),

	circulate: (event) => step(event, chair, (_form, { meeting, actor, context }) => circulateMinutes(event.locals.db, actor, meeting, context)),

	reopen: (event) => step(event, chair, (_form, { meeting, actor }) => reopenMinutes(event.locals.db, actor, meeting)),

	respond: (event) =>
		step(event, () => true, (form, { meeting, actor }) => {
			const outcome = respondToMinutes(event.locals.db, actor, meeting, { decision: formText(form, 'decision'), comment: formText(form, 'comment') });
			return withFields(outcome, (e) => ({ ...e, field: e.field === 'comment' ? 'comment' : 'decision' }));
		})
};
