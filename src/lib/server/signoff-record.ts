/**
 * The sign-off record (issue 6): the chair's matrix with names, dates, versions and
 * hashes, what still stands in the way of a final report, the family's part, and
 * the appendix of areas of disagreement. One reader for the sign-off page, the
 * printable record, the report's appendix and the signoffs API.
 */
import { inArray } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { reportVersion, user } from './db/schema';
import { currentTextHash, loadSignoff } from './signoff';
import { listFamilyComments } from './family';
import { agencyStanding, agencyStatus, finaliseBlockers, type AgencyStanding, type AgencyStatus, type SignoffState } from '../domain/signoff';

type AgencyRef = { id: string; name: string };

export interface SignoffRow {
	agencyId: string;
	agencyName: string;
	status: AgencyStatus;
	/** The finer words behind the status: a dispute is never shown as a confirmation. */
	standing: AgencyStanding;
	/** The decision was given on words that have changed since. */
	textChangedSince: boolean;
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
	round: { versionId: string; versionName: string; openedAt: string; textHash: string; openFlagsConfirmed?: number } | null;
	currentTextHash: string;
	rows: SignoffRow[];
	blockers: { agencyName: string | null; message: string }[];
	family: { seenVersionName: string } | { notSeenReason: string } | null;
	appendix: { agencies: AppendixItem[]; family: { versionName: string; body: string; recordedAt: Date }[] };
	finalised: { byName: string; at: string } | null;
	partnership: { byName: string; at: string } | null;
	reopenedBecause: string | null;
}

/** Names of the people and versions a sign-off state mentions, in two queries. */
function namesIn(db: AppDatabase, state: SignoffState) {
	const userIds = new Set<string>();
	const versionIds = new Set<string>();
	for (const decision of Object.values(state.decisions)) {
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
	return { nameOf: (id: string) => names.get(id) ?? 'Unknown', versionName: (id: string) => versions.get(id) ?? 'A version no longer stored' };
}

function rowsOf(state: SignoffState, currentHash: string, agencies: AgencyRef[], { nameOf, versionName }: ReturnType<typeof namesIn>): SignoffRow[] {
	return agencies.map((agency) => {
		const decision = state.decisions[agency.id];
		return {
			agencyId: agency.id,
			agencyName: agency.name,
			status: agencyStatus(state, agency.id, currentHash),
			standing: agencyStanding(state, agency.id, currentHash),
			textChangedSince: decision !== undefined && decision.textHash !== currentHash,
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
}

/**
 * Recorded disagreements stand whatever the report's current text, so the appendix
 * needs no reading of the report: a disagreement counts until a reopening voids it.
 */
function appendixOf(db: AppDatabase, reviewId: string, state: SignoffState, agencies: AgencyRef[]): SignoffRecord['appendix'] {
	return {
		agencies: agencies.flatMap((agency) => {
			const decision = state.decisions[agency.id];
			if (!decision || decision.voided || decision.answer?.kind !== 'disagreement') return [];
			return [{ agencyName: agency.name, agencyView: decision.reason ?? '', passages: decision.passages ?? [], panelView: decision.answer.note, at: decision.answer.at }];
		}),
		family: listFamilyComments(db, reviewId)
			.filter((c) => c.kind === 'disagreement')
			.map(({ versionName, body, recordedAt }) => ({ versionName, body, recordedAt }))
	};
}

export function signoffRecord(db: AppDatabase, reviewId: string, agencies: AgencyRef[]): SignoffRecord {
	const state = loadSignoff(db, reviewId);
	const current = currentTextHash(db, reviewId);
	const names = namesIn(db, state);
	const agencyName = new Map(agencies.map((agency) => [agency.id, agency.name]));
	return {
		stage: state.stage,
		round: state.round ? { ...state.round, versionName: names.versionName(state.round.versionId) } : null,
		currentTextHash: current,
		rows: rowsOf(state, current, agencies, names),
		blockers: finaliseBlockers(state, agencies.map((a) => a.id), current).map((b) => ({ agencyName: b.agencyId ? (agencyName.get(b.agencyId) ?? null) : null, message: b.message })),
		family: !state.family ? null : 'seenVersionId' in state.family ? { seenVersionName: names.versionName(state.family.seenVersionId) } : { notSeenReason: state.family.notSeenReason },
		appendix: appendixOf(db, reviewId, state, agencies),
		finalised: state.finalised ? { byName: names.nameOf(state.finalised.by), at: state.finalised.at } : null,
		partnership: state.partnership ? { byName: names.nameOf(state.partnership.by), at: state.partnership.at } : null,
		reopenedBecause: state.reopenedBecause
	};
}

/** Only the appendix, for the report page. */
export function disagreementAppendix(db: AppDatabase, reviewId: string, agencies: AgencyRef[]): SignoffRecord['appendix'] {
	return appendixOf(db, reviewId, loadSignoff(db, reviewId), agencies);
}

/** The DESIGN.md shape of `GET /api/reviews/<id>/signoffs`: the matrix's rows, with the person's name as `by`. */
export interface SignoffMatrix {
	round: { versionId: string; openedAt: string } | null;
	agencies: { agencyId: string; status: AgencyStatus; by: string | null; at: string | null; textHash: string | null }[];
}

export function signoffMatrix(db: AppDatabase, reviewId: string, agencies: AgencyRef[]): SignoffMatrix {
	const state = loadSignoff(db, reviewId);
	return {
		round: state.round ? { versionId: state.round.versionId, openedAt: state.round.openedAt } : null,
		agencies: rowsOf(state, currentTextHash(db, reviewId), agencies, namesIn(db, state)).map(({ agencyId, status, byName, at, textHash }) => ({ agencyId, status, by: byName, at, textHash }))
	};
}
