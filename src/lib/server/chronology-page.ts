/** What the chronology's pages (list and timeline) need to open it live. */
import { requireReviewAction, requireReviewOverview } from './guards';
import { can, roleLabels } from '../domain/permissions';
import { colourFor } from '../domain/presence';
import { todayInUk } from '../domain/dates';

export function chronologyPageData(locals: App.Locals, url: URL, reviewId: string) {
	const { user, membership } = requireReviewAction(locals, url, reviewId, 'chronology.read');
	const { review, agencies } = requireReviewOverview(locals.db, reviewId);
	return {
		review: { id: review.id, title: review.title, dateOfDeath: review.dateOfDeath, victimDateOfBirth: review.victimDateOfBirth },
		agencies: agencies.map(({ id, name }) => ({ id, name })),
		writableAgencyIds: agencies.filter((agency) => can(membership, 'chronology.write', { agencyId: agency.id })).map((agency) => agency.id),
		canAnalyse: can(membership, 'analysis.write'),
		userId: user.id,
		self: { name: user.name, color: colourFor(user.id), role: roleLabels[membership.role] },
		today: todayInUk(new Date())
	};
}
