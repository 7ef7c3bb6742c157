/**
 * The sign-off record (issue 6): the chair's matrix with names, dates, versions and
 * hashes, what still stands in the way of a final report, the family's part, and
 * the appendix of areas of disagreement. One reader for the sign-off page, the
 * printable record and the report's appendix.
 */
import { inArray } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { reportVersion, user } from './db/schema';
import { currentTextHash, loadSignoff } from './signoff';
import { listFamilyComments } from './family';
import { agencyStatus, finaliseBlockers, type AgencyStatus } from '../domain/signoff';

export interface SignoffRow {
	agencyId: string;
	agencyName: string;
	status: AgencyStatus;
	decision: 'confirm' | 'dispute' | null;
	byName: string | null;
	at: string | null;
	versionName: string | null;
	textHash: string | null;
	reason: string | null;
	passages: string[];
	answer: { kind: 'changed' | 'disagreement'; note: string; byName: string; at: string } | null;
}

export interface AppendixItem {
	agencyName: string;
	agencyView: string;
	passages: string[];
	panelView: string;
	at: string;
}

export interface SignoffRecord {
	stage: 'draft' | 'final';
	round: { versionId: string; versionName: string; openedAt: string; textHash: string } | null;
	currentTextHash: string;
	rows: SignoffRow[];
	blockers: { agencyName: string | null; message: string }[];
	family: { seenVersionName: string } | { notSeenReason: string } | null;
	appendix: { agencies: AppendixItem[]; family: { versionName: string; body: string; recordedAt: Date }[] };
	finalised: { byName: string; at: string } | null;
	partnership: { byName: string; at: string } | null;
	reopenedBecause: string | null;
}

export function signoffRecord(db: AppDatabase, reviewId: string, agencies: { id: string; name: string }[]): SignoffRecord {
	const state = loadSignoff(db, reviewId);
	const current = currentTextHash(db, reviewId);
	const decisions = agencies.map((agency) => state.decisions[agency.id]);
	const userIds = new Set<string>();
	const versionIds = new Set<string>();
	for (const decision of decisions) {
		if (!decision) continue;
		userIds.add(decision.by);
		versionIds.add(decision.versionId);
		if (decision.answer) userIds.add(decision.answer.by);
	}
	if (state.round) versionIds.add(state.round.versionId);
	if (state.family && 'seenVersionId' in state.family) versionIds.add(state.family.seenVersionId);
	if (state.finalised) userIds.add(state.finalised.by);
	if (state.partnership) userIds.add(state.partnership.by);
	const names = new Map(userIds.size ? db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, [...userIds])).all().map((u) => [u.id, u.name]) : []);
	const versions = new Map(
		versionIds.size ? db.select({ id: reportVersion.id, name: reportVersion.name }).from(reportVersion).where(inArray(reportVersion.id, [...versionIds])).all().map((v) => [v.id, v.name]) : []
	);
	const nameOf = (id: string) => names.get(id) ?? 'Unknown';
	const versionName = (id: string) => versions.get(id) ?? 'A version no longer stored';
	const agencyName = new Map(agencies.map((agency) => [agency.id, agency.name]));

	const rows: SignoffRow[] = agencies.map((agency, i) => {
		const decision = decisions[i];
		return {
			agencyId: agency.id,
			agencyName: agency.name,
			status: agencyStatus(state, agency.id, current),
			decision: decision?.decision ?? null,
			byName: decision ? nameOf(decision.by) : null,
			at: decision?.at ?? null,
			versionName: decision ? versionName(decision.versionId) : null,
			textHash: decision?.textHash ?? null,
			reason: decision?.reason ?? null,
			passages: decision?.passages ?? [],
			answer: decision?.answer ? { ...decision.answer, byName: nameOf(decision.answer.by) } : null
		};
	});
	const familyComments = listFamilyComments(db, reviewId);
	return {
		stage: state.stage,
		round: state.round ? { ...state.round, versionName: versionName(state.round.versionId) } : null,
		currentTextHash: current,
		rows,
		blockers: finaliseBlockers(state, agencies.map((a) => a.id), current).map((b) => ({ agencyName: b.agencyId ? (agencyName.get(b.agencyId) ?? null) : null, message: b.message })),
		family: !state.family ? null : 'seenVersionId' in state.family ? { seenVersionName: versionName(state.family.seenVersionId) } : { notSeenReason: state.family.notSeenReason },
		appendix: {
			agencies: rows
				.filter((row) => row.answer?.kind === 'disagreement' && row.status === 'disputed')
				.map((row) => ({ agencyName: row.agencyName, agencyView: row.reason ?? '', passages: row.passages, panelView: row.answer!.note, at: row.answer!.at })),
			family: familyComments.filter((c) => c.kind === 'disagreement').map(({ versionName, body, recordedAt }) => ({ versionName, body, recordedAt }))
		},
		finalised: state.finalised ? { byName: nameOf(state.finalised.by), at: state.finalised.at } : null,
		partnership: state.partnership ? { byName: nameOf(state.partnership.by), at: state.partnership.at } : null,
		reopenedBecause: state.reopenedBecause
	};
}

/** Only the appendix, for the report page. */
export function disagreementAppendix(db: AppDatabase, reviewId: string, agencies: { id: string; name: string }[]): SignoffRecord['appendix'] {
	return signoffRecord(db, reviewId, agencies).appendix;
}
