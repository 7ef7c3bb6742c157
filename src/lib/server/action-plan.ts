/**
 * The action plan (issue 19): the report's recommendations (words in the report document,
 * keyed by id) with the plan's own facts in SQLite: scope, lead, theme, the actions, and every
 * progress update, kept as a history. Read by the review's members, by the partnership's
 * co-ordinator (the only review content admin rights reach) and, through `actionPlanRows`, by
 * the publication pack.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import type { AppDatabase, DbExecutor } from './db/client';
import { actionPlan, agency, membership, planAction, planActionUpdate, planRecommendation, recurrenceDecision, review, reviewFile, user } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { readReportDocument } from './report';
import { loadSignoff } from './signoff';
import { checkUpload, storeReviewFile, type FileKind } from './review-files';
import { readRecommendations } from '../collab/recommendations-doc';
import { formatDate, todayInUk, type IsoDate } from '../domain/dates';
import { isReviewRole } from '../domain/permissions';
import { neutraliseFormula } from '../domain/spreadsheet-safety';
import { scopeLabels, type RecommendationScope } from '../domain/recommendations';
import {
	actionSmartWarnings,
	actionStanding,
	actionStatusLabels,
	conclusionProblem,
	defaultPlanScope,
	isFinished,
	maxThemeLength,
	missingForPublication,
	planScopeLabels,
	planScopesFor,
	recurrenceSuggestions,
	targetDateProblem,
	themesOffered,
	updateProblem,
	type ActionStanding,
	type ActionStatus,
	type PlanScope,
	type RecurrenceSuggestion
} from '../domain/action-plan';

/** What an agency may attach as evidence: documents and pictures, as the shared store accepts them. */
export const evidenceKinds: readonly FileKind[] = ['pdf', 'docx', 'odt', 'xlsx', 'png', 'jpg'];

export interface ActionUpdateView {
	id: string;
	status: ActionStatus;
	note: string;
	evidenceText: string;
	evidenceFile: { id: string; fileName: string; byteSize: number } | null;
	byName: string;
	at: string;
}

export interface ActionView {
	id: string;
	recommendationId: string;
	text: string;
	leadAgencyId: string;
	leadAgencyName: string;
	ownerUserId: string | null;
	ownerName: string | null;
	milestones: string;
	targetDate: IsoDate | null;
	evidencePlan: string;
	status: ActionStatus;
	standing: ActionStanding;
	/** The day it was marked done or closed (UK date), and what the last update said. */
	completedOn: IsoDate | null;
	outcome: string;
	/** What a draft still lacks before the plan is published (owner, target date). */
	missing: string[];
	smartWarnings: { field: string; message: string }[];
	/** Oldest first. */
	updates: ActionUpdateView[];
}

export interface RecommendationView {
	id: string;
	text: string;
	/** The report's own scope; the plan's scope refines it. */
	reportScope: RecommendationScope;
	scope: PlanScope;
	leadAgencyId: string | null;
	addressedTo: string;
	theme: string;
	/** No longer in the report: its actions are kept and shown, marked so. */
	removed: boolean;
	reply: { text: string; recordedAt: string } | null;
	actions: ActionView[];
}

export interface ActionPlanView {
	reviewId: string;
	reviewTitle: string;
	stage: 'draft' | 'final';
	/** The date target dates may not come before: the day the report was made final, or today while it is a draft. */
	reportDate: IsoDate;
	concluded: { at: string; byName: string; note: string } | null;
	recommendations: RecommendationView[];
	agencies: { id: string; name: string }[];
	/** Members who may own an action (not guests or the family advocate). */
	owners: { userId: string; name: string; agencyId: string | null }[];
	themes: string[];
}

function reportDateOf(db: AppDatabase, reviewId: string, now: Date): { stage: 'draft' | 'final'; reportDate: IsoDate } {
	const signoff = loadSignoff(db, reviewId);
	const finalisedAt = signoff.stage === 'final' && signoff.finalised ? new Date(signoff.finalised.at) : null;
	return { stage: signoff.stage, reportDate: todayInUk(finalisedAt ?? now) };
}

/** The recommendations as the report holds them now; none when the report was never written. */
function reportRecommendations(db: AppDatabase, reviewId: string) {
	const doc = readReportDocument(db, reviewId);
	try {
		return readRecommendations(doc);
	} finally {
		doc.destroy();
	}
}

/** The review's action plan as it stands, or null when there is no such review. */
export function loadActionPlan(db: AppDatabase, reviewId: string, now = new Date()): ActionPlanView | null {
	const found = db.select({ id: review.id, title: review.title }).from(review).where(eq(review.id, reviewId)).get();
	if (!found) return null;
	const { stage, reportDate } = reportDateOf(db, reviewId, now);
	const agencies = db.select({ id: agency.id, name: agency.name }).from(agency).where(eq(agency.reviewId, reviewId)).orderBy(asc(agency.name)).all();
	const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
	const members = db
		.select({ userId: user.id, name: user.name, role: membership.role, agencyId: membership.agencyId })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.reviewId, reviewId), isNull(user.deactivatedAt)))
		.orderBy(asc(user.name))
		.all()
		.filter((m) => isReviewRole(m.role) && m.role !== 'guest' && m.role !== 'family_advocate');
	const names = new Map(db.select({ id: user.id, name: user.name }).from(user).innerJoin(membership, eq(membership.userId, user.id)).where(eq(membership.reviewId, reviewId)).all().map((u) => [u.id, u.name]));

	const planRows = db.select().from(planRecommendation).where(eq(planRecommendation.reviewId, reviewId)).all();
	const actionRows = db.select().from(planAction).where(eq(planAction.reviewId, reviewId)).orderBy(asc(planAction.createdAt)).all();
	const updateRows = db
		.select({ update: planActionUpdate, byName: user.name, fileName: reviewFile.fileName, byteSize: reviewFile.byteSize })
		.from(planActionUpdate)
		.innerJoin(user, eq(user.id, planActionUpdate.byUserId))
		.leftJoin(reviewFile, eq(reviewFile.id, planActionUpdate.evidenceFileId))
		.where(eq(planActionUpdate.reviewId, reviewId))
		.orderBy(asc(planActionUpdate.at))
		.all();
	const concludedRow = db.select({ plan: actionPlan, byName: user.name }).from(actionPlan).leftJoin(user, eq(user.id, actionPlan.concludedBy)).where(eq(actionPlan.reviewId, reviewId)).get();

	const today = todayInUk(now);
	const actionsOf = (recommendationId: string): ActionView[] =>
		actionRows
			.filter((a) => a.recommendationId === recommendationId)
			.map((a) => {
				const updates: ActionUpdateView[] = updateRows
					.filter((u) => u.update.actionId === a.id)
					.map(({ update, byName, fileName, byteSize }) => ({
						id: update.id,
						status: update.status as ActionStatus,
						note: update.note,
						evidenceText: update.evidenceText,
						evidenceFile: update.evidenceFileId && fileName ? { id: update.evidenceFileId, fileName, byteSize: byteSize ?? 0 } : null,
						byName,
						at: update.at.toISOString()
					}));
				const status = a.status as ActionStatus;
				const last = updates.at(-1);
				const leadAgencyName = agencyName.get(a.leadAgencyId) ?? '';
				const ownerName = a.ownerUserId ? (names.get(a.ownerUserId) ?? null) : null;
				return {
					id: a.id,
					recommendationId: a.recommendationId,
					text: a.text,
					leadAgencyId: a.leadAgencyId,
					leadAgencyName,
					ownerUserId: a.ownerUserId,
					ownerName,
					milestones: a.milestones,
					targetDate: a.targetDate,
					evidencePlan: a.evidencePlan,
					status,
					standing: actionStanding({ status, targetDate: a.targetDate }, now),
					completedOn: isFinished(status) && last ? todayInUk(new Date(last.at)) : null,
					outcome: last ? [last.note, last.evidenceText].filter(Boolean).join(' — ') : '',
					missing: missingForPublication(a),
					smartWarnings: actionSmartWarnings({ text: a.text, leadAgencyName, ownerName: ownerName ?? '', milestones: a.milestones, targetDate: a.targetDate, evidencePlan: a.evidencePlan }, today),
					updates
				};
			});

	const inReport = reportRecommendations(db, reviewId);
	const agencyByName = new Map(agencies.map((a) => [a.name.trim().toLowerCase(), a.id]));
	const views: RecommendationView[] = inReport.map((r) => {
		const row = planRows.find((p) => p.recommendationId === r.id);
		const namedAgency = agencyByName.get(r.addressedTo.trim().toLowerCase()) ?? null;
		const allowed = planScopesFor(r.scope);
		return {
			id: r.id,
			text: r.text,
			reportScope: r.scope,
			// The report's scope wins if the two disagree (the report was changed since).
			scope: row && allowed.includes(row.scope as PlanScope) ? (row.scope as PlanScope) : defaultPlanScope(r.scope, namedAgency !== null),
			leadAgencyId: row ? row.leadAgencyId : namedAgency,
			addressedTo: row?.addressedTo || r.addressedTo,
			theme: row?.theme ?? '',
			removed: false,
			reply: row?.reply && row.replyRecordedAt ? { text: row.reply, recordedAt: row.replyRecordedAt.toISOString() } : null,
			actions: actionsOf(r.id)
		};
	});
	// Recommendations the plan knows but the report no longer has: shown as removed, with their actions.
	const known = new Set(inReport.map((r) => r.id));
	const removedIds = new Set([...planRows.map((p) => p.recommendationId), ...actionRows.map((a) => a.recommendationId)].filter((id) => !known.has(id)));
	for (const id of removedIds) {
		const row = planRows.find((p) => p.recommendationId === id);
		const scope = (row?.scope as PlanScope | undefined) ?? 'local_multi_agency';
		views.push({
			id,
			text: row?.lastText ?? '',
			reportScope: scope === 'single_agency' || scope === 'local_multi_agency' ? 'local' : scope,
			scope,
			leadAgencyId: row?.leadAgencyId ?? null,
			addressedTo: row?.addressedTo ?? '',
			theme: row?.theme ?? '',
			removed: true,
			reply: row?.reply && row.replyRecordedAt ? { text: row.reply, recordedAt: row.replyRecordedAt.toISOString() } : null,
			actions: actionsOf(id)
		});
	}

	return {
		reviewId,
		reviewTitle: found.title,
		stage,
		reportDate,
		concluded: concludedRow?.plan.concludedAt ? { at: concludedRow.plan.concludedAt.toISOString(), byName: concludedRow.byName ?? '', note: concludedRow.plan.conclusionNote ?? '' } : null,
		recommendations: views,
		agencies,
		owners: members.map(({ userId, name, agencyId }) => ({ userId, name, agencyId })),
		themes: themesOffered(planRows.map((p) => p.theme).filter(Boolean))
	};
}

/** Records that someone read the plan (every access to review content is audited). */
export function recordPlanRead(db: AppDatabase, actor: Actor, reviewId: string, detail: Record<string, unknown> = {}, now = new Date()): void {
	recordAudit(db, { action: 'action_plan.read', actorUserId: actor.userId, reviewId, detail, ipAddress: actor.ipAddress, at: now });
}

// ---- The API's shape (DESIGN.md, issue 19) ----

export function actionPlanJson(plan: ActionPlanView) {
	return {
		reviewId: plan.reviewId,
		stage: plan.stage,
		concluded: plan.concluded,
		recommendations: plan.recommendations.map((r) => ({
			id: r.id,
			text: r.text,
			scope: r.scope,
			leadAgencyId: r.leadAgencyId,
			addressedTo: r.addressedTo,
			theme: r.theme,
			removed: r.removed,
			reply: r.reply,
			actions: r.actions.map((a) => ({
				id: a.id,
				text: a.text,
				leadAgencyId: a.leadAgencyId,
				ownerUserId: a.ownerUserId,
				milestones: a.milestones,
				targetDate: a.targetDate,
				evidencePlan: a.evidencePlan,
				status: a.status,
				standing: a.standing,
				missing: a.missing,
				updates: a.updates.map((u) => ({ id: u.id, status: u.status, note: u.note, evidenceText: u.evidenceText, evidenceFileId: u.evidenceFile?.id ?? null, by: u.byName, at: u.at }))
			}))
		}))
	};
}

// ---- The template's columns: CSV, XLSX and the publication pack ----

export const actionPlanColumns = ['Recommendation', 'Scope', 'Action', 'Lead agency', 'Key milestones', 'Target date', 'Completion date and outcome'] as const;

/** One row of the action plan template: a recommendation with one of its actions (or none yet). */
export interface ActionPlanRow {
	recommendation: string;
	scope: string;
	action: string;
	leadAgency: string;
	milestones: string;
	targetDate: string;
	completion: string;
}

function rowsOf(plan: ActionPlanView): ActionPlanRow[] {
	const agencyName = new Map(plan.agencies.map((a) => [a.id, a.name]));
	return plan.recommendations.flatMap((r) => {
		const recommendation = r.removed ? `${r.text} (removed from the report)` : r.text;
		const scope = planScopeLabels[r.scope] + (r.scope === 'national' && r.addressedTo ? ` (to ${r.addressedTo})` : '');
		const lead = r.leadAgencyId ? (agencyName.get(r.leadAgencyId) ?? '') : r.addressedTo;
		if (r.actions.length === 0) return [{ recommendation, scope, action: '', leadAgency: lead, milestones: '', targetDate: '', completion: '' }];
		return r.actions.map((a) => ({
			recommendation,
			scope,
			action: a.text,
			leadAgency: a.leadAgencyName + (a.ownerName ? ` (${a.ownerName})` : ''),
			milestones: a.milestones,
			targetDate: a.targetDate ? formatDate(a.targetDate) : '',
			completion: a.completedOn ? `${formatDate(a.completedOn)}: ${actionStatusLabels[a.status]}${a.outcome ? `. ${a.outcome}` : ''}` : actionStatusLabels[a.status]
		}));
	});
}

/**
 * The action plan in the template's columns (recommendation, scope, action, lead agency, key
 * milestones, target date, completion date and outcome): for the CSV and XLSX exports and the
 * publication pack's DOCX/PDF. Empty when there is no such review. The caller checks access.
 */
export function actionPlanRows(db: AppDatabase, reviewId: string, now = new Date()): ActionPlanRow[] {
	const plan = loadActionPlan(db, reviewId, now);
	return plan ? rowsOf(plan) : [];
}

function asCells(row: ActionPlanRow): string[] {
	return [row.recommendation, row.scope, row.action, row.leadAgency, row.milestones, row.targetDate, row.completion].map(neutraliseFormula);
}

export function actionPlanCsv(rows: ActionPlanRow[]): string {
	return stringify([[...actionPlanColumns], ...rows.map(asCells)], { bom: true, record_delimiter: 'windows' });
}

export async function actionPlanXlsx(rows: ActionPlanRow[]): Promise<Buffer> {
	const header = actionPlanColumns.map((value) => ({ value, fontWeight: 'bold' as const }));
	const body = rows.map((row) => asCells(row).map((value) => ({ value, wrap: true })));
	return writeXlsxFile([header, ...body], { sheet: 'Action plan', columns: [{ width: 50 }, { width: 20 }, { width: 50 }, { width: 25 }, { width: 35 }, { width: 16 }, { width: 40 }] }).toBuffer();
}

export function recordPlanExport(db: AppDatabase, actor: Actor, reviewId: string, format: 'csv' | 'xlsx', now = new Date()): void {
	recordAudit(db, { action: 'action_plan.exported', actorUserId: actor.userId, reviewId, detail: { format }, ipAddress: actor.ipAddress, at: now });
}

// ---- Changes ----

function isConcluded(db: DbExecutor, reviewId: string): boolean {
	return db.select({ at: actionPlan.concludedAt }).from(actionPlan).where(eq(actionPlan.reviewId, reviewId)).get()?.at != null;
}

const concludedMessage = 'The action plan has been concluded and cannot change.';

/** The chair sets a recommendation's scope, lead agency (or the body it is sent to) and theme. */
export function setRecommendationDetails(
	db: AppDatabase,
	actor: Actor,
	reviewId: string,
	input: { recommendationId: string; scope: PlanScope; leadAgencyId: string | null; addressedTo: string; theme: string },
	now = new Date()
): Outcome<null> {
	const recommendation = reportRecommendations(db, reviewId).find((r) => r.id === input.recommendationId);
	if (!recommendation) return refused(404, 'recommendationId', 'That recommendation is not in the report');
	if (!planScopesFor(recommendation.scope).includes(input.scope)) {
		return refused(400, 'scope', `The report calls this recommendation ${scopeLabels[recommendation.scope].toLowerCase()}: choose ${planScopesFor(recommendation.scope).map((s) => planScopeLabels[s].toLowerCase()).join(' or ')}, or change it in the report first.`);
	}
	const theme = input.theme.trim();
	if (theme.length > maxThemeLength) return refused(400, 'theme', `Keep the theme to ${maxThemeLength} characters or fewer.`);
	const addressedTo = input.addressedTo.trim();
	if (input.scope === 'national' && !addressedTo) return refused(400, 'addressedTo', 'Name the government department or national body the recommendation is sent to.');
	if (input.leadAgencyId && !db.select({ id: agency.id }).from(agency).where(and(eq(agency.id, input.leadAgencyId), eq(agency.reviewId, reviewId))).get()) {
		return refused(400, 'leadAgencyId', 'That agency is not part of this review.');
	}
	return db.transaction((tx) => {
		if (isConcluded(tx, reviewId)) return refused<null>(409, 'recommendationId', concludedMessage);
		const values = { scope: input.scope, leadAgencyId: input.leadAgencyId, addressedTo, theme, lastText: recommendation.text, updatedAt: now };
		tx.insert(planRecommendation)
			.values({ reviewId, recommendationId: input.recommendationId, ...values })
			.onConflictDoUpdate({ target: [planRecommendation.reviewId, planRecommendation.recommendationId], set: values })
			.run();
		recordAudit(tx, { action: 'action_plan.recommendation_set', actorUserId: actor.userId, reviewId, detail: { recommendationId: input.recommendationId, scope: input.scope, leadAgencyId: input.leadAgencyId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

export interface NewAction {
	recommendationId: string;
	text: string;
	leadAgencyId: string;
	ownerUserId?: string | null;
	milestones?: string;
	targetDate?: IsoDate | null;
	evidencePlan?: string;
}

export const maxActionTextLength = 2_000;

/** Checks an action's owner and dates against the review; the first problem, or null. */
function actionProblem(db: DbExecutor, reviewId: string, input: { leadAgencyId: string; ownerUserId: string | null; targetDate: IsoDate | null }, reportDate: IsoDate, stage: 'draft' | 'final'): { field: string; message: string } | null {
	if (!db.select({ id: agency.id }).from(agency).where(and(eq(agency.id, input.leadAgencyId), eq(agency.reviewId, reviewId))).get()) return { field: 'leadAgencyId', message: 'Choose a lead agency that is part of this review.' };
	if (input.ownerUserId) {
		const owner = db.select({ role: membership.role }).from(membership).where(and(eq(membership.reviewId, reviewId), eq(membership.userId, input.ownerUserId))).get();
		if (!owner || owner.role === 'guest' || owner.role === 'family_advocate') return { field: 'ownerUserId', message: 'The owner must be a member of the review.' };
	}
	const dateProblem = targetDateProblem(input.targetDate, reportDate);
	if (dateProblem) return { field: 'targetDate', message: dateProblem };
	// A draft may wait for its owner and date; a published plan (the report is final) may not.
	const missing = missingForPublication(input);
	if (stage === 'final' && missing.length) return { field: missing[0] === 'a named owner' ? 'ownerUserId' : 'targetDate', message: `The report is final, so the plan is published: give the action ${missing.join(' and ')}.` };
	return null;
}

/** The chair turns a recommendation into an action. */
export function addAction(db: AppDatabase, actor: Actor, reviewId: string, input: NewAction, now = new Date()): Outcome<{ id: string }> {
	const text = input.text.trim();
	if (!text) return refused(400, 'text', 'Say what will be done.');
	if (text.length > maxActionTextLength) return refused(400, 'text', `Keep the action to ${maxActionTextLength} characters or fewer.`);
	const recommendation = reportRecommendations(db, reviewId).find((r) => r.id === input.recommendationId);
	if (!recommendation) return refused(404, 'recommendationId', 'That recommendation is not in the report');
	const { stage, reportDate } = reportDateOf(db, reviewId, now);
	const facts = { leadAgencyId: input.leadAgencyId, ownerUserId: input.ownerUserId ?? null, targetDate: input.targetDate ?? null };
	const problem = actionProblem(db, reviewId, facts, reportDate, stage);
	if (problem) return refused(400, problem.field, problem.message);
	const id = randomUUID();
	return db.transaction((tx) => {
		if (isConcluded(tx, reviewId)) return refused<{ id: string }>(409, 'recommendationId', concludedMessage);
		// The plan remembers the recommendation's words, so it can still show them if the report drops it.
		const agencyName = tx.select({ name: agency.name }).from(agency).where(eq(agency.id, input.leadAgencyId)).get()?.name ?? '';
		tx.insert(planRecommendation)
			.values({ reviewId, recommendationId: recommendation.id, scope: defaultPlanScope(recommendation.scope, agencyName.toLowerCase() === recommendation.addressedTo.trim().toLowerCase()), leadAgencyId: null, addressedTo: recommendation.addressedTo, theme: '', lastText: recommendation.text, updatedAt: now })
			.onConflictDoUpdate({ target: [planRecommendation.reviewId, planRecommendation.recommendationId], set: { lastText: recommendation.text } })
			.run();
		tx.insert(planAction)
			.values({ id, reviewId, recommendationId: recommendation.id, text, ...facts, milestones: (input.milestones ?? '').trim(), evidencePlan: (input.evidencePlan ?? '').trim(), status: 'not_started', createdBy: actor.userId, createdAt: now })
			.run();
		recordAudit(tx, { action: 'action_plan.action_added', actorUserId: actor.userId, reviewId, detail: { actionId: id, recommendationId: recommendation.id, leadAgencyId: input.leadAgencyId, ownerUserId: facts.ownerUserId, targetDate: facts.targetDate }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { id } } as const;
	});
}

/** One action of this review (never another review's), for the permission check on its agency. */
export function findAction(db: AppDatabase, reviewId: string, actionId: string) {
	return db.select().from(planAction).where(and(eq(planAction.id, actionId), eq(planAction.reviewId, reviewId))).get() ?? null;
}

/** The chair completes a draft: owner, milestones, target date, how completion will be evidenced. */
export function changeAction(db: AppDatabase, actor: Actor, reviewId: string, actionId: string, input: { ownerUserId?: string | null; milestones?: string; targetDate?: IsoDate | null; evidencePlan?: string }, now = new Date()): Outcome<null> {
	const existing = findAction(db, reviewId, actionId);
	if (!existing) return refused(404, 'actionId', 'That action does not exist');
	const { stage, reportDate } = reportDateOf(db, reviewId, now);
	const next = {
		ownerUserId: input.ownerUserId === undefined ? existing.ownerUserId : input.ownerUserId,
		targetDate: input.targetDate === undefined ? existing.targetDate : input.targetDate,
		milestones: input.milestones === undefined ? existing.milestones : input.milestones.trim(),
		evidencePlan: input.evidencePlan === undefined ? existing.evidencePlan : input.evidencePlan.trim()
	};
	const problem = actionProblem(db, reviewId, { leadAgencyId: existing.leadAgencyId, ownerUserId: next.ownerUserId, targetDate: next.targetDate }, reportDate, stage);
	if (problem) return refused(400, problem.field, problem.message);
	return db.transaction((tx) => {
		if (isConcluded(tx, reviewId)) return refused<null>(409, 'actionId', concludedMessage);
		tx.update(planAction).set(next).where(eq(planAction.id, actionId)).run();
		recordAudit(tx, { action: 'action_plan.action_changed', actorUserId: actor.userId, reviewId, detail: { actionId, ownerUserId: next.ownerUserId, targetDate: next.targetDate }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

export interface ProgressUpdate {
	status: ActionStatus;
	note: string;
	evidenceText?: string;
	evidenceFile?: { name: string; bytes: Uint8Array } | null;
}

/**
 * Records one progress update, dated and attributed, beside the earlier ones (never over them);
 * the action's current status follows it. An evidence file goes through the shared upload check
 * and store, in the same transaction. The caller has checked the agency.
 */
export async function recordProgress(db: AppDatabase, actor: Actor, reviewId: string, actionId: string, input: ProgressUpdate, now = new Date()): Promise<Outcome<{ id: string }>> {
	const existing = findAction(db, reviewId, actionId);
	if (!existing) return refused(404, 'actionId', 'That action does not exist');
	const problem = updateProblem({ status: input.status, note: input.note, evidenceText: input.evidenceText }, isConcluded(db, reviewId));
	if (problem) return refused(problem.field === 'status' ? 409 : 400, problem.field, problem.message);
	let checked: Awaited<ReturnType<typeof checkUpload>> | null = null;
	if (input.evidenceFile) {
		checked = await checkUpload(input.evidenceFile.name, input.evidenceFile.bytes, evidenceKinds);
		if (!checked.ok) return refused(400, 'evidenceFile', checked.error);
	}
	const id = randomUUID();
	return db.transaction((tx) => {
		if (isConcluded(tx, reviewId)) return refused<{ id: string }>(409, 'status', concludedMessage);
		const file = checked?.ok && input.evidenceFile ? storeReviewFile(tx, { reviewId, purpose: 'action_evidence', checked, bytes: input.evidenceFile.bytes, uploadedBy: actor.userId, now }) : null;
		tx.insert(planActionUpdate)
			.values({ id, actionId, reviewId, status: input.status, note: input.note.trim(), evidenceText: (input.evidenceText ?? '').trim(), evidenceFileId: file?.id ?? null, byUserId: actor.userId, at: now })
			.run();
		tx.update(planAction).set({ status: input.status }).where(eq(planAction.id, actionId)).run();
		recordAudit(tx, { action: 'action_plan.action_updated', actorUserId: actor.userId, reviewId, detail: { actionId, updateId: id, from: existing.status, to: input.status, evidenceFileId: file?.id ?? null }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: { id } } as const;
	});
}

/** An evidence file of this review's action plan (never another review's or another purpose's). */
export function readEvidenceFile(db: AppDatabase, reviewId: string, fileId: string) {
	const linked = db.select({ id: planActionUpdate.id }).from(planActionUpdate).where(and(eq(planActionUpdate.reviewId, reviewId), eq(planActionUpdate.evidenceFileId, fileId))).get();
	if (!linked) return null;
	return db.select().from(reviewFile).where(and(eq(reviewFile.id, fileId), eq(reviewFile.reviewId, reviewId), eq(reviewFile.purpose, 'action_evidence'))).get() ?? null;
}

// ---- The partnership (the co-ordinator) ----

/** The co-ordinator records a national body's reply to a recommendation. */
export function recordNationalReply(db: AppDatabase, actor: Actor, reviewId: string, recommendationId: string, reply: string, now = new Date()): Outcome<null> {
	const text = reply.trim();
	if (!text) return refused(400, 'reply', 'Enter the reply, or a summary of it.');
	if (text.length > 4_000) return refused(400, 'reply', 'Keep the reply to 4,000 characters or fewer.');
	return db.transaction((tx) => {
		const row = tx.select().from(planRecommendation).where(and(eq(planRecommendation.reviewId, reviewId), eq(planRecommendation.recommendationId, recommendationId))).get();
		if (!row || row.scope !== 'national') return refused<null>(404, 'recommendationId', 'That national recommendation is not in the action plan');
		tx.update(planRecommendation)
			.set({ reply: text, replyRecordedAt: now, replyRecordedBy: actor.userId })
			.where(and(eq(planRecommendation.reviewId, reviewId), eq(planRecommendation.recommendationId, recommendationId)))
			.run();
		recordAudit(tx, { action: 'action_plan.reply_recorded', actorUserId: actor.userId, reviewId, detail: { recommendationId }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

/** The co-ordinator formally concludes a plan whose every action is done or closed with a reason. */
export function concludeActionPlan(db: AppDatabase, actor: Actor, reviewId: string, note: string, now = new Date()): Outcome<null> {
	return db.transaction((tx) => {
		if (isConcluded(tx, reviewId)) return refused<null>(409, 'plan', 'The action plan is already concluded.');
		const statuses = tx.select({ status: planAction.status }).from(planAction).where(eq(planAction.reviewId, reviewId)).all() as { status: ActionStatus }[];
		const problem = conclusionProblem(statuses);
		if (problem) return refused<null>(409, 'plan', problem);
		tx.insert(actionPlan)
			.values({ reviewId, concludedAt: now, concludedBy: actor.userId, conclusionNote: note.trim() })
			.onConflictDoUpdate({ target: actionPlan.reviewId, set: { concludedAt: now, concludedBy: actor.userId, conclusionNote: note.trim() } })
			.run();
		recordAudit(tx, { action: 'action_plan.concluded', actorUserId: actor.userId, reviewId, detail: { actions: statuses.length }, ipAddress: actor.ipAddress, at: now });
		return { ok: true, value: null } as const;
	});
}

export type ActionFilter = 'open' | 'overdue' | 'due_soon' | 'completed';

export interface PartnershipAction {
	reviewId: string;
	reviewTitle: string;
	recommendationId: string;
	actionId: string;
	text: string;
	leadAgency: string;
	theme: string;
	scope: PlanScope;
	owner: string | null;
	targetDate: IsoDate | null;
	status: ActionStatus;
	standing: ActionStanding;
}

function matches(action: { status: ActionStatus; standing: ActionStanding }, filter: ActionFilter | undefined): boolean {
	if (!filter) return true;
	if (filter === 'completed') return isFinished(action.status);
	if (filter === 'open') return !isFinished(action.status);
	return action.standing === filter;
}

function allPlans(db: AppDatabase, now: Date): ActionPlanView[] {
	return db
		.select({ id: review.id })
		.from(review)
		.where(isNull(review.materialDeletedAt))
		.orderBy(asc(review.title))
		.all()
		.map(({ id }) => loadActionPlan(db, id, now))
		.filter((plan): plan is ActionPlanView => plan !== null);
}

function actionsOfPlans(plans: ActionPlanView[]): PartnershipAction[] {
	return plans.flatMap((plan) =>
		plan.recommendations.flatMap((r) =>
			r.actions.map((a) => ({ reviewId: plan.reviewId, reviewTitle: plan.reviewTitle, recommendationId: r.id, actionId: a.id, text: a.text, leadAgency: a.leadAgencyName, theme: r.theme, scope: r.scope, owner: a.ownerName, targetDate: a.targetDate, status: a.status, standing: a.standing }))
		)
	);
}

/** Every review's actions, for the co-ordinator, optionally only those open, overdue, due soon or completed. */
export function partnershipActions(db: AppDatabase, filter?: ActionFilter, now = new Date()): PartnershipAction[] {
	return actionsOfPlans(allPlans(db, now)).filter((a) => matches(a, filter));
}

export interface Tally {
	name: string;
	open: number;
	overdue: number;
	completed: number;
}

function tally(actions: PartnershipAction[], key: (a: PartnershipAction) => string): Tally[] {
	const byKey = new Map<string, Tally>();
	for (const action of actions) {
		const name = key(action) || 'Not set';
		const row = byKey.get(name) ?? { name, open: 0, overdue: 0, completed: 0 };
		if (isFinished(action.status)) row.completed += 1;
		else row.open += 1;
		if (action.standing === 'overdue') row.overdue += 1;
		byKey.set(name, row);
	}
	return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface PartnershipOverview {
	reviews: { reviewId: string; reviewTitle: string; stage: 'draft' | 'final'; actions: number; open: number; overdue: number; concluded: ActionPlanView['concluded']; conclusionProblem: string | null }[];
	byAgency: Tally[];
	byTheme: Tally[];
	overdue: PartnershipAction[];
	recurrences: (RecurrenceSuggestion & { decision: 'confirmed' | 'dismissed' | null })[];
	national: { reviewId: string; reviewTitle: string; recommendationId: string; text: string; addressedTo: string; removed: boolean; reply: RecommendationView['reply'] }[];
}

/** The partnership page: across reviews, by agency and theme, recurrences and national recommendations. */
export function partnershipOverview(db: AppDatabase, now = new Date()): PartnershipOverview {
	const plans = allPlans(db, now);
	const actions = actionsOfPlans(plans);
	const decisions = new Map(db.select().from(recurrenceDecision).all().map((d) => [d.key, d.decision as 'confirmed' | 'dismissed']));
	const forRecurrence = plans.flatMap((plan) =>
		plan.recommendations.map((r) => ({
			reviewId: plan.reviewId,
			reviewTitle: plan.reviewTitle,
			recommendationId: r.id,
			theme: r.theme,
			agencyName: r.leadAgencyId ? (plan.agencies.find((a) => a.id === r.leadAgencyId)?.name ?? '') : r.addressedTo,
			text: r.text
		}))
	);
	return {
		reviews: plans.map((plan) => {
			const own = actions.filter((a) => a.reviewId === plan.reviewId);
			return {
				reviewId: plan.reviewId,
				reviewTitle: plan.reviewTitle,
				stage: plan.stage,
				actions: own.length,
				open: own.filter((a) => !isFinished(a.status)).length,
				overdue: own.filter((a) => a.standing === 'overdue').length,
				concluded: plan.concluded,
				conclusionProblem: plan.concluded ? null : conclusionProblem(own)
			};
		}),
		byAgency: tally(actions, (a) => a.leadAgency),
		byTheme: tally(actions, (a) => a.theme),
		overdue: actions.filter((a) => a.standing === 'overdue'),
		recurrences: recurrenceSuggestions(forRecurrence).map((s) => ({ ...s, decision: decisions.get(s.key) ?? null })),
		national: plans.flatMap((plan) =>
			plan.recommendations
				.filter((r) => r.scope === 'national')
				.map((r) => ({ reviewId: plan.reviewId, reviewTitle: plan.reviewTitle, recommendationId: r.id, text: r.text, addressedTo: r.addressedTo, removed: r.removed, reply: r.reply }))
		)
	};
}

/** The co-ordinator confirms a suggested recurrence, or dismisses it; the latest decision stands. */
export function decideRecurrence(db: AppDatabase, actor: Actor, key: string, decision: 'confirmed' | 'dismissed', now = new Date()): void {
	db.transaction((tx) => {
		tx.insert(recurrenceDecision)
			.values({ key, decision, decidedBy: actor.userId, decidedAt: now })
			.onConflictDoUpdate({ target: recurrenceDecision.key, set: { decision, decidedBy: actor.userId, decidedAt: now } })
			.run();
		recordAudit(tx, { action: 'action_plan.recurrence_decided', actorUserId: actor.userId, detail: { key, decision }, ipAddress: actor.ipAddress, at: now });
	});
}

// ---- What needs me, and reminders ----

/** Open actions with a target date in these reviews, for the task list and the reminders (no words of the action). */
export function openActionsWithDates(db: AppDatabase, reviewIds: string[]) {
	if (reviewIds.length === 0) return [];
	return db
		.select({ id: planAction.id, reviewId: planAction.reviewId, leadAgencyId: planAction.leadAgencyId, leadAgencyName: agency.name, ownerUserId: planAction.ownerUserId, targetDate: planAction.targetDate, status: planAction.status, createdAt: planAction.createdAt })
		.from(planAction)
		.innerJoin(agency, eq(agency.id, planAction.leadAgencyId))
		.where(and(inArray(planAction.reviewId, reviewIds), inArray(planAction.status, ['not_started', 'in_progress'])))
		.all()
		.filter((row) => row.targetDate !== null) as { id: string; reviewId: string; leadAgencyId: string; leadAgencyName: string; ownerUserId: string | null; targetDate: IsoDate; status: ActionStatus; createdAt: Date }[];
}
