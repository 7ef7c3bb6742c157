/**
 * The action plan in the publication pack. Today it is built from the report's
 * structured recommendations (domain/recommendations.ts); the action plan issue (19)
 * brings fuller data (actions, owners, progress). At merge, `actionPlanSections` is the
 * one function to swap: it returns the sections of the document, as ProseMirror JSON,
 * so the Word builder, the PDF and the glossary need no change.
 */
import type * as Y from 'yjs';
import type { AppDatabase } from './db/client';
import { readRecommendations } from '../collab/recommendations-doc';
import { scopeLabels, type Recommendation } from '../domain/recommendations';
import { formatDate, isIsoDate } from '../domain/dates';
import type { RichNode } from '../domain/report-passages';
import type { PublicationSection } from './publication-docx';

const text = (words: string): RichNode => ({ type: 'text', text: words });
const cell = (words: string, header = false): RichNode => ({ type: header ? 'tableHeader' : 'tableCell', content: [{ type: 'paragraph', content: words ? [text(words)] : [] }] });

function recommendationRow(recommendation: Recommendation, index: number): RichNode {
	const date = recommendation.targetDate && isIsoDate(recommendation.targetDate) ? formatDate(recommendation.targetDate) : 'Not set';
	return {
		type: 'tableRow',
		content: [String(index + 1), recommendation.text, scopeLabels[recommendation.scope], recommendation.addressedTo || 'Not set', recommendation.outcome || 'Not set', date].map((words) => cell(words))
	};
}

/**
 * The action plan's sections from the report document given (a named version or the
 * current text). `db` and `reviewId` are unused today; the fuller action plan reads them.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function actionPlanSections(db: AppDatabase, reviewId: string, reportDoc: Y.Doc): PublicationSection[] {
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
