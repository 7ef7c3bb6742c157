import type { PageServerLoad } from './$types';
import { requireReviewAction, requireReviewOverview } from '$lib/server/guards';
import { readReportDocument, reportSections } from '$lib/server/report';
import { disagreementAppendix } from '$lib/server/signoff-record';
import { glossaryFor } from '$lib/server/glossary';
import { reportWords } from '$lib/server/readiness';
import { recordAudit } from '$lib/server/audit';
import { nameImrCitations } from '$lib/server/publication-docx';
import { reportContent } from '$lib/collab/report-content';
import { readRecommendations } from '$lib/collab/recommendations-doc';

/** The report as a reader sees it, for printing: no editor, no guidance, no forms (issue 17). */
export const load: PageServerLoad = ({ locals, url, params }) => {
	const { actor } = requireReviewAction(locals, url, params.reviewId, 'report.read');
	const { review, agencies } = requireReviewOverview(locals.db, params.reviewId);
	const sectionList = reportSections(locals.db, review.id);
	const doc = readReportDocument(locals.db, review.id);
	try {
		const sections = reportContent(doc, sectionList);
		const recommendations = readRecommendations(doc);
		recordAudit(locals.db, { action: 'report.printed', actorUserId: actor.userId, reviewId: review.id, detail: {}, ipAddress: actor.ipAddress, at: new Date() });
		const part = new Map(sectionList.map((section) => [section.key, section.part]));
		const agencyNames = new Map(agencies.map((agency) => [agency.id, agency.name]));
		return {
			review: { id: review.id, title: review.title, partnership: review.partnership },
			sections: sections.map((section) => ({ ...section, blocks: nameImrCitations(section.blocks, agencyNames), part: part.get(section.key) ?? 'overview' })),
			glossary: glossaryFor(locals.db, review.id, reportWords(sections, recommendations)).entries,
			appendix: disagreementAppendix(locals.db, review.id, agencies),
			printedAt: new Date()
		};
	} finally {
		doc.destroy();
	}
};
