/**
 * Sign-off (issue 6), stored: the state machine of domain/signoff.ts kept per review,
 * with texts hashed from the report document (canonical-text.ts). Every step is one
 * transaction with its audit record; finalising and reopening also tell the
 * collaboration server, which makes the report read-only or writable again at once.
 */
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import type { AppDatabase, DbExecutor } from './db/client';
import { membership, signoffState } from './db/schema';
import { recordAudit, type AuditAction } from './audit';
import { enqueueNotification } from './notifications';
import { refused, type Actor, type Outcome } from './actor';
import { readReportDocument, readVersionDocument, reportSections } from './report';
import { reportSectionTexts } from '../collab/report-text';
import { textHash } from '../domain/canonical-text';
import { answerDispute, confirm, dispute, finalise, finaliseBlockers, initialSignoff, openRound, recordFamily, recordPartnershipSignoff, reopen, type Blocker, type SignoffState, type Step } from '../domain/signoff';
import { accessEvents } from './access-events';
import type { ReviewFacts } from '../domain/permissions';
import { openFlagsInVersion, openFlagsWarning, type OpenFlagsWarning } from './language';
import { openFindingsWarning, openVersionFindings, type OpenFindingsWarning } from './anonymisation';

/** The hash of the words of a report document (current or a version), under today's section titles. */
export function reportTextHash(db: AppDatabase, reviewId: string, doc: Y.Doc): string {
	return textHash(reportSectionTexts(doc, reportSections(db, reviewId)));
}

/** The hash of the report's words as stored now. */
export function currentTextHash(db: AppDatabase, reviewId: string): string {
	const doc = readReportDocument(db, reviewId);
	try {
		return reportTextHash(db, reviewId, doc);
	} finally {
		doc.destroy();
	}
}

function versionTextHash(db: AppDatabase, reviewId: string, versionId: string): string | null {
	const version = readVersionDocument(db, reviewId, versionId);
	if (!version) return null;
	try {
		return reportTextHash(db, reviewId, version.doc);
	} finally {
		version.doc.destroy();
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

function applied(step: Step, status: 400 | 409): Outcome<SignoffState> {
	return step.ok ? { ok: true, value: step.state } : refused(status, 'signoff', step.reason);
}

/** Stores the next state with its audit record (and whoever it needs told), in one transaction. */
function commit(db: AppDatabase, actor: Actor, reviewId: string, state: SignoffState, action: AuditAction, detail: Record<string, unknown>, now: Date, notify?: (tx: DbExecutor) => void): void {
	db.transaction((tx) => {
		save(tx as unknown as AppDatabase, reviewId, state, now);
		recordAudit(tx, { action, actorUserId: actor.userId, reviewId, detail, ipAddress: actor.ipAddress, at: now });
		notify?.(tx);
	});
}

/** The representatives who sign off for an agency (or for every agency). */
function agencyRepresentatives(db: DbExecutor, reviewId: string, agencyId?: string): { userId: string; agencyId: string }[] {
	return db
		.select({ userId: membership.userId, agencyId: membership.agencyId })
		.from(membership)
		.where(and(eq(membership.reviewId, reviewId), eq(membership.role, 'agency_rep')))
		.all()
		.flatMap((row) => (row.agencyId && (!agencyId || row.agencyId === agencyId) ? [{ userId: row.userId, agencyId: row.agencyId }] : []));
}

/** Reasons, answers and notes are kept to this many characters. */
export const maxReasonLength = 4_000;

function tooLong(text: string, field: string): Outcome<null> | null {
	return text.trim().length > maxReasonLength ? refused(400, field, `Keep it to ${maxReasonLength.toLocaleString('en-GB')} characters or fewer`) : null;
}

/** The review's state that permission decisions depend on (domain/permissions.ts, `ReviewFacts`). */
export function reviewFacts(db: AppDatabase, reviewId: string): ReviewFacts {
	return { reportStage: loadSignoff(db, reviewId).stage };
}

/**
 * Opens the round on a named version, or moves it there. While language flags are open
 * in that version the chair is shown them and asked first (`confirmOpenFlags`); going
 * ahead is recorded with their number, in the audit log and the sign-off record.
 */
export function openSignoffRound(db: AppDatabase, actor: Actor, reviewId: string, versionId: string, options: { confirmOpenFlags?: boolean; confirmOpenFindings?: boolean } = {}, now = new Date()): Outcome<null> | OpenFlagsWarning | OpenFindingsWarning {
	const hash = versionTextHash(db, reviewId, versionId);
	const openFlags = openFlagsInVersion(db, reviewId, versionId);
	const openFindings = openVersionFindings(db, reviewId, versionId);
	if (!hash || !openFlags || !openFindings) return refused(404, 'versionId', 'That version does not exist');
	const version = { versionId, textHash: hash, ...(openFlags.length ? { openFlagsConfirmed: openFlags.length } : {}) };
	const next = applied(openRound(loadSignoff(db, reviewId), version, now.toISOString()), 409);
	if (!next.ok) return next;
	if (openFlags.length && !options.confirmOpenFlags) return openFlagsWarning(openFlags, 'round');
	// Then possible identifiers (issue 16): agencies' representatives must not see real names the register replaces.
	if (openFindings.length && !options.confirmOpenFindings) return openFindingsWarning(openFindings, 'round');
	// Each agency's representatives are asked to sign off this version (once per version).
	commit(db, actor, reviewId, next.value, 'signoff.round_opened', { versionId, textHash: hash, openFlags: openFlags.length, openFindings: openFindings.length }, now, (tx) => {
		for (const rep of agencyRepresentatives(tx, reviewId)) {
			enqueueNotification(tx, { userId: rep.userId, reviewId, kind: 'signoff_requested', dedupeKey: `signoff_requested:${reviewId}:${versionId}:${rep.userId}`, link: `/reviews/${reviewId}/signoff/${rep.agencyId}` }, now);
		}
	});
	return { ok: true, value: null };
}

export function answerAgencyDispute(db: AppDatabase, actor: Actor, reviewId: string, agencyId: string, kind: 'changed' | 'disagreement', note: string, now = new Date()): Outcome<null> {
	const long = tooLong(note, 'note');
	if (long) return long;
	const next = applied(answerDispute(loadSignoff(db, reviewId), agencyId, { kind, note, by: actor.userId, at: now.toISOString() }), note.trim() ? 409 : 400);
	if (!next.ok) return next;
	// The disputing agency's representatives are told the chair has answered (once per dispute).
	const disputedAt = next.value.decisions[agencyId]!.at;
	commit(db, actor, reviewId, next.value, 'signoff.dispute_answered', { agencyId, kind }, now, (tx) => {
		for (const rep of agencyRepresentatives(tx, reviewId, agencyId)) {
			enqueueNotification(tx, { userId: rep.userId, reviewId, kind: 'dispute_answered', dedupeKey: `dispute_answered:${reviewId}:${agencyId}:${disputedAt}:${rep.userId}`, link: `/reviews/${reviewId}/signoff/${agencyId}` }, now);
		}
	});
	return { ok: true, value: null };
}

export function recordFamilyNotSeen(db: AppDatabase, actor: Actor, reviewId: string, reason: string, now = new Date()): Outcome<null> {
	const long = tooLong(reason, 'reason');
	if (long) return long;
	const next = applied(recordFamily(loadSignoff(db, reviewId), { notSeenReason: reason.trim() }), reason.trim() ? 409 : 400);
	if (!next.ok) return next;
	commit(db, actor, reviewId, next.value, 'signoff.family_not_seen', { reason: reason.trim() }, now);
	return { ok: true, value: null };
}

export function recordFamilySeen(db: AppDatabase, actor: Actor, reviewId: string, versionId: string, now = new Date()): Outcome<null> {
	const next = applied(recordFamily(loadSignoff(db, reviewId), { seenVersionId: versionId }), 409);
	if (!next.ok) return next;
	commit(db, actor, reviewId, next.value, 'signoff.family_seen', { versionId }, now);
	return { ok: true, value: null };
}

export function blockersToFinal(db: AppDatabase, reviewId: string, agencyIds: string[]): Blocker[] {
	return finaliseBlockers(loadSignoff(db, reviewId), agencyIds, currentTextHash(db, reviewId));
}

export function finaliseReport(db: AppDatabase, actor: Actor, reviewId: string, agencyIds: string[], now = new Date()): Outcome<null> {
	const hash = currentTextHash(db, reviewId);
	const next = applied(finalise(loadSignoff(db, reviewId), agencyIds, hash, actor.userId, now.toISOString()), 409);
	if (!next.ok) return next;
	commit(db, actor, reviewId, next.value, 'signoff.finalised', { textHash: hash }, now);
	accessEvents.emit('review-changed', { reviewId });
	return { ok: true, value: null };
}

export function reopenReport(db: AppDatabase, actor: Actor, reviewId: string, reason: string, now = new Date()): Outcome<null> {
	const long = tooLong(reason, 'reason');
	if (long) return long;
	const next = applied(reopen(loadSignoff(db, reviewId), reason), reason.trim() ? 409 : 400);
	if (!next.ok) return next;
	commit(db, actor, reviewId, next.value, 'signoff.reopened', { reason: reason.trim() }, now);
	accessEvents.emit('review-changed', { reviewId });
	return { ok: true, value: null };
}

/** The partnership's co-ordinator (an admin, not a member) records its sign-off of a final report. */
export function recordPartnershipSignoffOf(db: AppDatabase, actor: Actor, reviewId: string, now = new Date()): Outcome<null> {
	const next = applied(recordPartnershipSignoff(loadSignoff(db, reviewId), actor.userId, now.toISOString()), 409);
	if (!next.ok) return next;
	commit(db, actor, reviewId, next.value, 'signoff.partnership', {}, now);
	return { ok: true, value: null };
}

export interface AgencyDecisionInput {
	agencyId: string;
	versionId: string;
	decision: 'confirm' | 'dispute';
	reason?: string;
	passages?: string[];
}

export function recordAgencyDecision(db: AppDatabase, actor: Actor, reviewId: string, input: AgencyDecisionInput, now = new Date()): Outcome<null> {
	const long = tooLong(input.reason ?? '', 'reason');
	if (long) return long;
	const step = { agencyId: input.agencyId, versionId: input.versionId, by: actor.userId, at: now.toISOString(), currentTextHash: currentTextHash(db, reviewId) };
	const state = loadSignoff(db, reviewId);
	const next = applied(
		input.decision === 'confirm' ? confirm(state, step) : dispute(state, step, input.reason ?? '', input.passages ?? []),
		input.decision === 'dispute' && !(input.reason ?? '').trim() ? 400 : 409
	);
	if (!next.ok) return next;
	const detail = { agencyId: input.agencyId, versionId: input.versionId, textHash: next.value.decisions[input.agencyId]!.textHash };
	commit(db, actor, reviewId, next.value, input.decision === 'confirm' ? 'signoff.confirmed' : 'signoff.disputed', detail, now);
	return { ok: true, value: null };
}
