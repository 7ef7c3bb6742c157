/**
 * Quality assurance readiness, stored and gathered (issue 17): the facts the checks of
 * domain/readiness.ts need, read from the report as stored now, the sign-off state, the
 * language check, the glossary and (through its seam) the anonymisation issue; and the
 * chair's attestations, each audited.
 */
import { and, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { readinessAttestation, user } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { readReportDocument, reportSections } from './report';
import { reportContent } from '../collab/report-content';
import { readRecommendations } from '../collab/recommendations-doc';
import { passagesOf, type SectionContent } from '../domain/report-passages';
import { templateSection } from '../domain/report-template';
import { smartWarnings } from '../domain/recommendations';
import { todayInUk } from '../domain/dates';
import { agencyStanding } from '../domain/signoff';
import { attestableKeys, evaluateReadiness, readinessLabels, type Attestation, type ReadinessCheck, type ReadinessFacts, type ReadinessKey } from '../domain/readiness';
import { loadSignoff, reportTextHash } from './signoff';
import { openFlagsInCurrentReport } from './language';
import { getReviewOverview } from './reviews';
import { glossaryFor } from './glossary';
import { termsOfReference } from './publication-terms';
import { independenceDeclarations } from './imrs';
import { loadActionPlan } from './action-plan';
import { openReportFindings } from './anonymisation';

const written = (section: SectionContent | undefined) => !!section && passagesOf([section]).length > 0;

/** The report's words, for the glossary: every section's passages and the recommendations. */
export function reportWords(sections: SectionContent[], recommendations: { text: string; addressedTo: string; outcome: string }[]): string {
	return [...passagesOf(sections).map((passage) => passage.text), ...recommendations.flatMap((r) => [r.text, r.addressedTo, r.outcome])].join('\n');
}

export function readinessFacts(db: AppDatabase, reviewId: string, now = new Date()): ReadinessFacts {
	const overview = getReviewOverview(db, reviewId)!;
	const doc = readReportDocument(db, reviewId);
	try {
		const sections = reportContent(doc, reportSections(db, reviewId));
		const byKey = new Map(sections.map((section) => [section.key, section]));
		const recommendations = readRecommendations(doc);
		const today = todayInUk(now);
		const state = loadSignoff(db, reviewId);
		const current = reportTextHash(db, reviewId, doc);
		const equality = byKey.get('equality-diversity');
		const declared = new Set(independenceDeclarations(db, reviewId).filter((d) => d.part !== 'imr_author').map((d) => d.userId));
		const planned = (loadActionPlan(db, reviewId, now)?.recommendations ?? []).filter((recommendation) => !recommendation.removed);
		const active = overview.members.filter((member) => !member.deactivated);
		return {
			reviewId,
			emptySections: sections.filter((section) => templateSection(section.key) && !written(section)).map((section) => section.title),
			terms: termsOfReference(db, reviewId, sections),
			equalityText: equality ? passagesOf([equality]).map((p) => p.text).join(' ').toLowerCase() : '',
			involvementWritten: written(byKey.get('involvement')),
			familyDraftRecorded: state.family !== null,
			independenceUndeclared: {
				chair: active.some((member) => member.role === 'chair' && !declared.has(member.userId)),
				panelMembers: active.filter((member) => member.role === 'panel_member' && !declared.has(member.userId)).map((member) => member.name)
			},
			independenceSectionsEmpty: ['panel-members', 'author'].flatMap((key) => (byKey.has(key) && !written(byKey.get(key)) ? [byKey.get(key)!.title] : [])),
			recommendations: { count: recommendations.length, withWarnings: recommendations.filter((r) => smartWarnings(r, today).length > 0).length },
			executiveSummaryWritten: sections.some((section) => templateSection(section.key)?.part === 'executive-summary' && written(section)),
			openLanguageFlags: openFlagsInCurrentReport(db, reviewId).length,
			openIdentifierFindings: openReportFindings(db, reviewId).length,
			agenciesOutstanding: overview.agencies
				.filter((agency) => !['confirmed', 'disagreement_recorded'].includes(agencyStanding(state, agency.id, current)))
				.map((agency) => agency.name),
			actionPlan: {
				recommendations: planned.length,
				withoutOwnedAction: planned.filter((recommendation) => !recommendation.actions.some((action) => action.ownerUserId && action.targetDate)).length
			},
			unknownAbbreviations: glossaryFor(db, reviewId, reportWords(sections, recommendations)).unknown
		};
	} finally {
		doc.destroy();
	}
}

function attestationsOf(db: AppDatabase, reviewId: string): Map<string, Attestation> {
	const rows = db
		.select({ key: readinessAttestation.checkKey, note: readinessAttestation.note, at: readinessAttestation.attestedAt, byName: user.name })
		.from(readinessAttestation)
		.innerJoin(user, eq(user.id, readinessAttestation.attestedBy))
		.where(eq(readinessAttestation.reviewId, reviewId))
		.all();
	return new Map(rows.map((row) => [row.key, { note: row.note, byName: row.byName, at: row.at }]));
}

export function readinessChecks(db: AppDatabase, reviewId: string, now = new Date()): ReadinessCheck[] {
	return evaluateReadiness(readinessFacts(db, reviewId, now), attestationsOf(db, reviewId));
}

export const maxAttestationNoteLength = 1_000;

/** The chair attests a check the workspace cannot tell for itself. */
export function attestReadiness(db: AppDatabase, actor: Actor, reviewId: string, key: ReadinessKey, note: string, now = new Date()): Outcome<null> {
	if (!attestableKeys.has(key)) return refused(400, 'key', 'The workspace checks this itself: it cannot be attested');
	if (note.trim().length > maxAttestationNoteLength) return refused(400, 'note', `Keep the note to ${maxAttestationNoteLength.toLocaleString('en-GB')} characters or fewer`);
	db.transaction((tx) => {
		tx.insert(readinessAttestation)
			.values({ reviewId, checkKey: key, note: note.trim(), attestedBy: actor.userId, attestedAt: now })
			.onConflictDoUpdate({ target: [readinessAttestation.reviewId, readinessAttestation.checkKey], set: { note: note.trim(), attestedBy: actor.userId, attestedAt: now } })
			.run();
		recordAudit(tx, { action: 'readiness.attested', actorUserId: actor.userId, reviewId, detail: { key, checkLabel: readinessLabels[key] }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: null };
}

export function withdrawAttestation(db: AppDatabase, actor: Actor, reviewId: string, key: ReadinessKey, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		const removed = tx.delete(readinessAttestation).where(and(eq(readinessAttestation.reviewId, reviewId), eq(readinessAttestation.checkKey, key))).run().changes;
		if (!removed) return refused<null>(404, 'key', 'That check has not been attested');
		recordAudit(tx, { action: 'readiness.attestation_withdrawn', actorUserId: actor.userId, reviewId, detail: { key, checkLabel: readinessLabels[key] }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}
