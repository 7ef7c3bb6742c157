import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { eventEpisodes, eventNotFoundMessage, eventTimes, findEvent } from '$lib/server/events';
import { eventRecord, sendLearningPointsToReport } from '$lib/server/event-record';
import { recordAudit } from '$lib/server/audit';
import { can } from '$lib/domain/permissions';

function recordFor(db: App.Locals['db'], reviewId: string, eventId: string) {
	const { review, agencies } = requireReviewOverview(db, reviewId);
	const event = findEvent(db, reviewId, eventId);
	if (!event) error(404, eventNotFoundMessage);
	const episodeLabels = new Map(eventEpisodes(db, event, review, agencies).chosen.map((episode) => [episode.id, episode.label]));
	const record = eventRecord(db, event, new Map(agencies.map((a) => [a.id, a.name])), episodeLabels);
	return { review, event, episodeLabels, record };
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	const { membership, actor, facts } = requireReviewAction(locals, url, params.reviewId, 'events.read');
	const { review, event, record } = recordFor(locals.db, params.reviewId, params.eventId);
	recordAudit(locals.db, { action: 'event.record_read', actorUserId: actor.userId, reviewId: review.id, detail: { eventId: event.id }, ipAddress: actor.ipAddress, at: new Date() });
	return {
		review: { id: review.id, title: review.title, partnership: review.partnership },
		event: { id: event.id, title: event.title, kind: event.kind, ...eventTimes(event) },
		record,
		canSend: can(membership, 'events.send_findings', facts)
	};
};

export const actions: Actions = {
	send: async ({ locals, url, params }) => {
		const { actor } = requireReviewAction(locals, url, params.reviewId, 'events.send_findings');
		const { event, record, episodeLabels } = recordFor(locals.db, params.reviewId, params.eventId);
		const outcome = sendLearningPointsToReport(locals.db, actor, event, record, episodeLabels);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors });
		return { sent: outcome.value.count };
	}
};
