/** What the chronology's pages (list and timeline) need to open it live. */
import { requireReviewAction, requireReviewOverview } from './guards';
import { can, roleLabels } from '../domain/permissions';
import { colourFor } from '../domain/presence';
import { todayInUk } from '../domain/dates';
import { citationsInReport } from '../collab/report-citations';
import { readReportDocument, reportSections } from './report';
import type { AppDatabase } from './db/client';
import { recordAudit } from './audit';
import { documentsLinkedTo } from './review-documents';
import { loadRegister } from './anonymisation';

/** For each cited entry, the report sections citing it (as the report stands now). */
function reportCitations(db: AppDatabase, reviewId: string): Record<string, { key: string; title: string }[]> {
	const doc = readReportDocument(db, reviewId);
	try {
		const titles = new Map(reportSections(db, reviewId).map((section) => [section.key, section.title]));
		const result: Record<string, { key: string; title: string }[]> = {};
		for (const [entryId, keys] of citationsInReport(doc)) result[entryId] = keys.map((key) => ({ key, title: titles.get(key) ?? key }));
		return result;
	} finally {
		doc.destroy();
	}
}

/** For each entry a document is linked from, those documents. */
function documentsByEntry(db: AppDatabase, reviewId: string): Record<string, { fileId: string; fileName: string }[]> {
	const result: Record<string, { fileId: string; fileName: string }[]> = {};
	for (const { targetId, fileId, fileName } of documentsLinkedTo(db, reviewId, 'chronology_entry')) (result[targetId] ??= []).push({ fileId, fileName });
	return result;
}

/**
 * `page` names the view in the audit log (reading case content is audited, issue 13);
 * `citations`: also say where the report cites each entry (the list shows it; the timeline does not).
 */
export function chronologyPageData(locals: App.Locals, url: URL, reviewId: string, { page, citations = false }: { page: 'list' | 'timeline'; citations?: boolean }) {
	const { user, membership } = requireReviewAction(locals, url, reviewId, 'chronology.read');
	const { review, agencies } = requireReviewOverview(locals.db, reviewId);
	recordAudit(locals.db, { action: 'chronology.read', actorUserId: user.id, reviewId: review.id, detail: { page }, ipAddress: locals.clientAddress });
	return {
		review: { id: review.id, title: review.title, dateOfDeath: review.dateOfDeath, victimDateOfBirth: review.victimDateOfBirth },
		agencies: agencies.map(({ id, name }) => ({ id, name })),
		writableAgencyIds: agencies.filter((agency) => can(membership, 'chronology.write', { agencyId: agency.id })).map((agency) => agency.id),
		canAnalyse: can(membership, 'analysis.write'),
		citedIn: citations && can(membership, 'report.read') ? reportCitations(locals.db, reviewId) : {},
		documentsByEntry: citations && can(membership, 'documents.read') ? documentsByEntry(locals.db, reviewId) : {},
		// For the "show pseudonyms" toggle (issue 16), to roles that may read the register only.
		register: can(membership, 'pseudonyms.read') ? loadRegister(locals.db, reviewId) : null,
		userId: user.id,
		self: { name: user.name, color: colourFor(user.id), role: roleLabels[membership.role] },
		today: todayInUk(new Date())
	};
}
