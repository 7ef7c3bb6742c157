/**
 * Sign-off (issue 6), stored: the state machine of domain/signoff.ts kept per review,
 * with texts hashed from the report document (canonical-text.ts). First part: rounds
 * and agency decisions behind the DESIGN.md API.
 */
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { reportVersion, signoffState, user } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { readReportDocument, reportSections } from './report';
import { reportSectionTexts } from '../collab/report-text';
import { textHash } from '../domain/canonical-text';
import { agencyStatus, confirm, dispute, initialSignoff, openRound, type AgencyStatus, type SignoffState, type Step } from '../domain/signoff';

function hashOf(db: AppDatabase, reviewId: string, doc: Y.Doc): string {
	return textHash(reportSectionTexts(doc, reportSections(db, reviewId)));
}

/** The hash of the report's words as stored now. */
export function currentTextHash(db: AppDatabase, reviewId: string): string {
	const doc = readReportDocument(db, reviewId);
	try {
		return hashOf(db, reviewId, doc);
	} finally {
		doc.destroy();
	}
}

function versionTextHash(db: AppDatabase, reviewId: string, versionId: string): string | null {
	const version = db.select({ state: reportVersion.state }).from(reportVersion).where(and(eq(reportVersion.id, versionId), eq(reportVersion.reviewId, reviewId))).get();
	if (!version) return null;
	const doc = new Y.Doc({ gc: false });
	try {
		Y.applyUpdate(doc, new Uint8Array(version.state));
		return hashOf(db, reviewId, doc);
	} finally {
		doc.destroy();
	}
}

export function loadSignoff(db: AppDatabase, reviewId: string): SignoffState {
	const row = db.select({ state: signoffState.state }).from(signoffState).where(eq(signoffState.reviewId, reviewId)).get();
	return (row?.state as SignoffState | undefined) ?? initialSignoff;
}

function save(db: AppDatabase, reviewId: string, state: SignoffState, now: Date): void {
	db.insert(signoffState)
		.values({ reviewId, state, updatedAt: now })
		.onConflictDoUpdate({ target: signoffState.reviewId, set: { state, updatedAt: now } })
		.run();
}

export interface SignoffMatrix {
	round: { versionId: string; openedAt: string } | null;
	agencies: { agencyId: string; status: AgencyStatus; by: string | null; at: string | null; textHash: string | null }[];
}

export function signoffMatrix(db: AppDatabase, reviewId: string, agencyIds: string[]): SignoffMatrix {
	const state = loadSignoff(db, reviewId);
	const current = currentTextHash(db, reviewId);
	const names = new Map<string, string>();
	const nameOf = (userId: string) => {
		if (!names.has(userId)) names.set(userId, db.select({ name: user.name }).from(user).where(eq(user.id, userId)).get()?.name ?? 'Unknown');
		return names.get(userId)!;
	};
	return {
		round: state.round ? { versionId: state.round.versionId, openedAt: state.round.openedAt } : null,
		agencies: agencyIds.map((agencyId) => {
			const decision = state.decisions[agencyId];
			return { agencyId, status: agencyStatus(state, agencyId, current), by: decision ? nameOf(decision.by) : null, at: decision?.at ?? null, textHash: decision?.textHash ?? null };
		})
	};
}

function applied(step: Step, status: 400 | 409): Outcome<SignoffState> {
	return step.ok ? { ok: true, value: step.state } : refused(status, 'signoff', step.reason);
}

export function openSignoffRound(db: AppDatabase, actor: Actor, reviewId: string, versionId: string, now = new Date()): Outcome<null> {
	const hash = versionTextHash(db, reviewId, versionId);
	if (!hash) return refused(404, 'versionId', 'That version does not exist');
	const next = applied(openRound(loadSignoff(db, reviewId), { versionId, textHash: hash }, now.toISOString()), 409);
	if (!next.ok) return next;
	db.transaction((tx) => {
		save(tx as unknown as AppDatabase, reviewId, next.value, now);
		recordAudit(tx, { action: 'signoff.round_opened', actorUserId: actor.userId, reviewId, detail: { versionId, textHash: hash }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: null };
}

export interface AgencyDecisionInput {
	agencyId: string;
	versionId: string;
	decision: 'confirm' | 'dispute';
	reason?: string;
}

export function recordAgencyDecision(db: AppDatabase, actor: Actor, reviewId: string, input: AgencyDecisionInput, now = new Date()): Outcome<null> {
	const step = { agencyId: input.agencyId, versionId: input.versionId, by: actor.userId, at: now.toISOString(), currentTextHash: currentTextHash(db, reviewId) };
	const state = loadSignoff(db, reviewId);
	const next = applied(input.decision === 'confirm' ? confirm(state, step) : dispute(state, step, input.reason ?? ''), input.decision === 'dispute' && !(input.reason ?? '').trim() ? 400 : 409);
	if (!next.ok) return next;
	db.transaction((tx) => {
		save(tx as unknown as AppDatabase, reviewId, next.value, now);
		recordAudit(tx, {
			action: input.decision === 'confirm' ? 'signoff.confirmed' : 'signoff.disputed',
			actorUserId: actor.userId,
			reviewId,
			detail: { agencyId: input.agencyId, versionId: input.versionId, textHash: next.value.decisions[input.agencyId]!.textHash },
			ipAddress: actor.ipAddress,
			at: now
		});
	});
	return { ok: true, value: null };
}
