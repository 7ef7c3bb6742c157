/**
 * The demo review's overview report, part written (issue 15: an empty report showed a
 * newcomer none of what the product does). Written through the same functions the app
 * uses: the report document as a member's edit, comments, a named version and a sign-off
 * round, so every page and record reads it as it would a real one. Fictional throughout.
 */
import * as Y from 'yjs';
import { addDays } from 'date-fns';
import { eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { notification } from './db/schema';
import type { Actor } from './actor';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument } from './live-documents';
import { reportSections, createVersion } from './report';
import { addComment } from './comments';
import { openSignoffRound, recordAgencyDecision } from './signoff';
import { documentName } from '../domain/permissions';
import { sectionFragmentName } from '../domain/report-template';
import { saveRecommendation } from '../collab/recommendations-doc';
import { addAction } from './action-plan';
import { formatDate, todayInUk, toIsoDate } from '../domain/dates';

/** A run of a paragraph: plain text, or a citation of the demo chronology's entry at that index. */
type Run = string | { cite: number };

/** The report as the panel has written it so far: a few sections, the rest still empty. */
const demoSections: { key: string; paragraphs: Run[][] }[] = [
	{
		key: 'introduction',
		paragraphs: [
			['This review examines the contact that agencies in Northmoor had with A, a woman of 34, and with B, her former partner, in the two years before A was killed at her home. B has been charged with her murder. C is A’s son.'],
			['The panel offers its sincere condolences to A’s family, and thanks them for sharing their memories of A with the review.']
		]
	},
	{
		key: 'chronology',
		paragraphs: [
			['The first recorded sign of abuse was a fractured wrist treated at the emergency department, where B answered the questions put to A ', { cite: 4 }, '. The safeguarding liaison nurse wrote to the GP practice the next day ', { cite: 5 }, ', but the letter was filed without reaching a GP ', { cite: 6 }, '.'],
			['Six weeks later A called 999 to report that B had threatened to kill her, and the police referred her to the IDVA service ', { cite: 7 }, '.']
		]
	},
	{
		key: 'analysis',
		paragraphs: [
			['After the first referral, the IDVA service tried three times to reach A by phone and then wrote to her. According to the IDVA record, A declined to engage, yet two weeks later A phoned the service herself and described controlling behaviour and non-fatal strangulation ', { cite: 10 }, '.'],
			['The panel will consider why a MARAC referral was not made when the risk assessment recorded fifteen risk factors.']
		]
	}
];

/** The passage the panel member asks about, in the analysis section's first paragraph. */
const commentedPassage = 'A declined to engage';

export interface DemoReportPeople {
	chairId: string;
	panelId: string;
	policeRepId: string;
	policeAgencyId: string;
	idvaAgencyId: string;
}

/** Writes the demo report, comments, a version and its sign-off round; `entryIds[i]` is the id of demo chronology entry `i`. */
export function seedDemoReport(db: AppDatabase, reviewId: string, people: DemoReportPeople, entryIds: string[], entryLabels: string[], now: Date): void {
	reportSections(db, reviewId);
	const chair: Actor = { userId: people.chairId, ipAddress: null };
	const panel: Actor = { userId: people.panelId, ipAddress: null };
	let anchor: string | null = null;
	const recommendationId = crypto.randomUUID();

	changeDocument(createSqliteDocumentStore(db), {
		docName: documentName({ kind: 'report', reviewId }),
		userId: people.panelId,
		change: (doc) => {
			for (const section of demoSections) {
				const fragment = doc.getXmlFragment(sectionFragmentName(section.key));
				fragment.insert(
					fragment.length,
					section.paragraphs.map((runs) => {
						const paragraph = new Y.XmlElement('paragraph');
						paragraph.insert(
							0,
							runs.map((run) => {
								if (typeof run === 'string') return new Y.XmlText(run);
								const citation = new Y.XmlElement('chronologyCitation');
								citation.setAttribute('entryId', entryIds[run.cite]);
								citation.setAttribute('label', entryLabels[run.cite]);
								return citation;
							})
						);
						return paragraph;
					})
				);
			}
			// The comment's anchor, kept as the editor keeps one: relative positions in the text.
			const text = (doc.getXmlFragment(sectionFragmentName('analysis')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
			const start = text.toString().indexOf(commentedPassage);
			const position = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
			anchor = JSON.stringify({ from: position(start), to: position(start + commentedPassage.length) });
			saveRecommendation(doc, {
				id: recommendationId,
				text: 'Northmoor IDVA Service to revise its contact policy so that a referral is closed only after contact has been attempted on at least three different days, by phone and in writing, and the referrer has been told.',
				scope: 'local',
				addressedTo: 'Northmoor IDVA Service',
				outcome: 'An audit of closed referrals shows the policy followed in every case.',
				targetDate: toIsoDate(addDays(now, 180))
			});
		}
	});

	const thread = addComment(db, panel, reviewId, { sectionKey: 'analysis', body: 'Is “declined to engage” the IDVA service’s own wording? The calls went unanswered; we should say that rather than suggest A refused.', anchor, quote: commentedPassage }, new Date(now.getTime() - 60 * 60_000));
	if (thread.ok) addComment(db, chair, reviewId, { sectionKey: 'analysis', parentId: thread.value.id, body: 'Agreed: it is the record’s wording. I have asked the IDVA service’s IMR author how the contact attempts were made before we change it.' }, new Date(now.getTime() - 30 * 60_000));

	// The action plan has begun: the IDVA service's first action, set months ago, is overdue (for
	// the partnership page and What needs me); it has no named owner yet, so it is a draft.
	addAction(db, chair, reviewId, { recommendationId, text: 'Rewrite the contact policy and brief every IDVA on it.', leadAgencyId: people.idvaAgencyId, milestones: 'Draft policy to the service’s board', evidencePlan: 'The policy published; an audit of closed referrals' , targetDate: toIsoDate(addDays(now, -30)) }, addDays(now, -200));

	const version = createVersion(db, chair, reviewId, `Draft for agencies, ${formatDate(todayInUk(now))}`, now);
	if (!version.ok) return;
	// The chair went ahead with the one open language flag, as the sign-off record then says.
	openSignoffRound(db, chair, reviewId, version.value.id, { confirmOpenFlags: true }, now);
	recordAgencyDecision(db, { userId: people.policeRepId, ipAddress: null }, reviewId, { agencyId: people.policeAgencyId, versionId: version.value.id, decision: 'confirm' }, now);
	// This is the demo's past: its emails (the reply, the sign-off requests) are not sent on
	// first start, nor listed as if they had been. What needs each person still shows in their
	// tasks, which come from the review's state, not from the outbox.
	db.delete(notification).where(eq(notification.reviewId, reviewId)).run();
}

