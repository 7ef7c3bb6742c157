/**
 * The action plan in the publication pack, in the template's columns (recommendation,
 * scope, action, lead agency, key milestones, target date, completion date and outcome)
 * from the tracked action plan (server/action-plan.ts). The plan is a living record, so
 * it is exported as it stands on the day; only a review whose plan has nothing yet falls
 * back to the exported version's own recommendations. Returned as ProseMirror JSON
 * sections, so the Word builder, the PDF and the glossary treat it like the report.
 */
import type * as Y from 'yjs';
import type { AppDatabase } from './db/client';
import { readRecommendations } from '../collab/recommendations-doc';
import { scopeLabels, type Recommendation } from '../domain/recommendations';
import { formatDate, isIsoDate, todayInUk } from '../domain/dates';
import type { RichNode } from '../domain/report-passages';
import type { PublicationSection } from './publication-docx';
import { actionPlanColumns, actionPlanRows } from './action-plan';

const text = (words: string): RichNode => ({ type: 'text', text: words });
const cell = (words: string, header = false): RichNode => ({ type: header ? 'tableHeader' : 'tableCell', content: [{ type: 'paragraph', content: words ? [text(words)] : [] }] });

function recommendationRow(recommendation: Recommendation, index: number): RichNode {
	const date = recommendation.targetDate && isIsoDate(recommendation.targetDate) ? formatDate(recommendation.targetDate) : 'Not set';
	return {
		type: 'tableRow',
		content: [String(index + 1), recommendation.text, scopeLabels[recommendation.scope], recommendation.addressedTo || 'Not set', recommendation.outcome || 'Not set', date].map((words) => cell(words))
	};
}

/** The action plan's sections: the tracked plan, or the given report document's recommendations. */
export function actionPlanSections(db: AppDatabase, reviewId: string, reportDoc: Y.Doc, now = new Date()): PublicationSection[] {
	const rows = actionPlanRows(db, reviewId, now);
	if (rows.length) {
		const header: RichNode = { type: 'tableRow', content: actionPlanColumns.map((words) => cell(words, true)) };
		const body = rows.map((row): RichNode => ({
			type: 'tableRow',
			content: [row.recommendation, row.scope, row.action, row.leadAgency, row.milestones, row.targetDate, row.completion].map((words) => cell(words))
		}));
		return [
			{
				title: 'Recommendations and actions',
				blocks: [
					{ type: 'paragraph', content: [text(`The action plan as it stood on ${formatDate(todayInUk(now))}: each recommendation, the actions agreed for it, who leads them, and how far they have got.`)] },
					{ type: 'table', content: [header, ...body] }
				]
			}
		];
	}
	const recommendations = readRecommendations(reportDoc);
	if (!recommendations.length) return [{ title: 'Recommendations and actions', blocks: [] }];
	const header: RichNode = { type: 'tableRow', content: ['No.', 'Recommendation', 'Scope', 'Addressed to', 'Intended outcome', 'Target date'].map((words) => cell(words, true)) };
	return [
		{
			title: 'Recommendations and actions',
			blocks: [
				{ type: 'paragraph', content: [text('Each recommendation of the review, who it is addressed to, the outcome that will show it has been met, and the date by which it should be.')] },
				{ type: 'table', content: [header, ...recommendations.map(recommendationRow)] }
			]
		}
	];
}
