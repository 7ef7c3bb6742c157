/**
 * A learning event's record (issue 7): attendance by role and agency (no names:
 * this is meant for the report), themes, learning points, good practice and open
 * questions; and sending the learning points to the report as candidate findings.
 */
import * as Y from 'yjs';
import type { AppDatabase } from './db/client';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument } from './live-documents';
import { listParticipants, readBoard, type LearningEvent } from './events';
import { sectionFragmentName } from '../domain/report-template';
import { documentName } from '../domain/permissions';
import type { BoardContribution } from '../collab/event-board';

export interface RecordItem {
	text: string;
	prompt: string;
	episodeLabel: string | null;
	timing: BoardContribution['timing'];
}

export interface EventRecord {
	attendance: { label: string; count: number }[];
	contributedBeforeOrAfter: number;
	themes: { title: string; items: RecordItem[] }[];
	learningPoints: (RecordItem & { episodeId: string | null })[];
	goodPractice: RecordItem[];
	openQuestions: RecordItem[];
}

export function eventRecord(db: AppDatabase, event: LearningEvent, agencyNames: Map<string, string>, episodeLabels: Map<string, string>): EventRecord {
	const board = readBoard(db, event);
	const attended = listParticipants(db, event, agencyNames).filter((p) => p.attended);
	const counts = new Map<string, number>();
	for (const person of attended) {
		const label = person.agencyLabel ? `${person.roleTitle}, ${person.agencyLabel}` : person.roleTitle;
		counts.set(label, (counts.get(label) ?? 0) + 1);
	}
	const kept = board.contributions.filter((c) => !c.mergedInto);
	const item = (c: BoardContribution): RecordItem => ({ text: c.text, prompt: c.prompt, episodeLabel: c.episodeId ? (episodeLabels.get(c.episodeId) ?? null) : null, timing: c.timing });
	return {
		attendance: [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => a.label.localeCompare(b.label)),
		contributedBeforeOrAfter: board.contributions.filter((c) => c.timing !== 'live').length,
		themes: board.themes.map((theme) => ({ title: theme.title, items: kept.filter((c) => c.themeId === theme.id).map(item) })),
		learningPoints: kept.filter((c) => c.mark === 'learning').map((c) => ({ ...item(c), episodeId: c.episodeId })),
		goodPractice: kept.filter((c) => c.prompt === 'good-practice').map(item),
		openQuestions: kept.filter((c) => c.mark === 'question').map(item)
	};
}

/** Appends the learning points to "Lessons to be learnt" as candidate findings, each citing its episode. */
export function sendLearningPointsToReport(db: AppDatabase, actor: Actor, event: LearningEvent, record: EventRecord, episodeLabels: Map<string, string>, now = new Date()): Outcome<{ count: number }> {
	if (record.learningPoints.length === 0) return refused(400, 'learningPoints', 'Mark at least one contribution as a learning point first');
	changeDocument(createSqliteDocumentStore(db), {
		docName: documentName({ kind: 'report', reviewId: event.reviewId }),
		userId: actor.userId,
		change: (doc) => {
			const fragment = doc.getXmlFragment(sectionFragmentName('lessons'));
			const heading = new Y.XmlElement('heading');
			heading.setAttribute('level', 3 as unknown as string);
			heading.insert(0, [new Y.XmlText(`Candidate findings from “${event.title}”`)]);
			const paragraphs = record.learningPoints.map((point) => {
				const paragraph = new Y.XmlElement('paragraph');
				const parts: (Y.XmlText | Y.XmlElement)[] = [new Y.XmlText(`${point.text} `)];
				if (point.episodeId) {
					const citation = new Y.XmlElement('chronologyCitation');
					citation.setAttribute('entryId', point.episodeId);
					citation.setAttribute('label', episodeLabels.get(point.episodeId) ?? '');
					parts.push(citation);
				}
				paragraph.insert(0, parts);
				return paragraph;
			});
			fragment.insert(fragment.length, [heading, ...paragraphs]);
		}
	});
	recordAudit(db, { action: 'event.findings_sent', actorUserId: actor.userId, reviewId: event.reviewId, detail: { eventId: event.id, count: record.learningPoints.length }, ipAddress: actor.ipAddress, at: now });
	return { ok: true, value: { count: record.learningPoints.length } };
}
