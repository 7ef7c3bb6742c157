/** Planning learning events and bringing in guest practitioners through the pages' forms, as people do. */
import { expect } from 'vitest';
import { ApiClient } from './server';
import { eventStartFields } from './uk-time';

/** Plans a practitioner event (140 minutes by default) starting `minutesFromNow` from now; returns its id. */
export async function planEvent(organiser: ApiClient, reviewId: string, title: string, minutesFromNow: number): Promise<string> {
	const result = await organiser.submit(`/reviews/${reviewId}/events`, 'create', { title, kind: 'practitioner', ...eventStartFields(new Date(Date.now() + minutesFromNow * 60_000)) });
	expect(result.type).toBe('redirect');
	return result.location!.split('/').pop()!;
}

export interface GuestDetails {
	name: string;
	roleTitle: string;
	agencyLabel: string;
}

/** Invites a guest by the moderator's form and accepts the link: a signed-in guest client. */
export async function bringInGuest(organiser: ApiClient, origin: string, reviewId: string, eventId: string, details: GuestDetails): Promise<ApiClient> {
	const invited = await organiser.submit(`/reviews/${reviewId}/events/${eventId}`, 'inviteGuest', { ...details });
	expect(invited.type).toBe('success');
	const token = String(invited.data!.invitationLink).split('/invitations/')[1];
	const guest = new ApiClient(origin);
	expect((await guest.submit(`/invitations/${token}`, '', {})).type).toBe('redirect');
	return guest;
}
