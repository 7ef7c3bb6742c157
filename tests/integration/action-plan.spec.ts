/**
 * The action plan (issue 19) against the real server: who may read and change it, through the
 * API exactly as DESIGN.md names it. An agency representative updates only their agency's
 * actions (also once the report is final); the co-ordinator reads every plan and still gets 404
 * for the report and the chronology; the family advocate and guests get nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { signInAs, demoReviewId } from '../helpers/demo-people';
import { bringInGuest, planEvent } from '../helpers/learning-events';

let server: RunningServer;
let admin: ApiClient, chair: ApiClient, police: ApiClient, health: ApiClient, advocate: ApiClient, panel: ApiClient;
let reviewId: string;
let recommendationId: string;
const agencyIds: Record<string, string> = {};
const userIds: Record<string, string> = {};

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	server = await startServer();
	[admin, chair, police, health, advocate, panel] = await signInAs(server, 'admin@demo.test', 'chair@demo.test', 'police@demo.test', 'health@demo.test', 'advocate@demo.test', 'panel@demo.test');
	reviewId = await demoReviewId(chair);
	const overview = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
	const short: Record<string, string> = { 'Northmoor Police': 'police', 'Riverside GP Practice': 'gp' };
	for (const agency of overview.agencies) if (short[agency.name]) agencyIds[short[agency.name]] = agency.id;
	for (const member of overview.members) userIds[member.role === 'agency_rep' ? member.agencyId : member.role] = member.userId;
	const plan = await (await chair.request('GET', `/api/reviews/${reviewId}/action-plan`)).json();
	recommendationId = plan.recommendations[0].id;
});
afterAll(async () => {
	await server.dispose();
});

describe('the action plan API', () => {
	let policeAction: string;
	let gpAction: string;

	it('the chair turns a recommendation into actions for two agencies; a draft may wait for its owner', async () => {
		const first = await chair.request('POST', `/api/reviews/${reviewId}/action-plan/actions`, { recommendationId, text: 'Brief every response officer on referral closure', leadAgencyId: agencyIds.police, ownerUserId: userIds[agencyIds.police], milestones: 'Briefing written', targetDate: inDays(60) });
		expect(first.status, await first.clone().text()).toBe(201);
		policeAction = (await first.json()).id;
		const second = await chair.request('POST', `/api/reviews/${reviewId}/action-plan/actions`, { recommendationId, text: 'Audit GP referrals to the IDVA service', leadAgencyId: agencyIds.gp });
		expect(second.status).toBe(201);
		gpAction = (await second.json()).id;
		const plan = await (await chair.request('GET', `/api/reviews/${reviewId}/action-plan`)).json();
		const actions = plan.recommendations[0].actions;
		expect(actions.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([policeAction, gpAction]));
		expect(actions.find((a: { id: string }) => a.id === gpAction)).toMatchObject({ ownerUserId: null, targetDate: null, status: 'not_started', missing: ['a named owner', 'a target date'] });
	});

	it('bad input is refused with a plain message and changes nothing', async () => {
		const count = () => query<{ n: number }>('select count(*) as n from plan_action where review_id = ?', reviewId)[0].n;
		const before = count();
		const past = await chair.request('POST', `/api/reviews/${reviewId}/action-plan/actions`, { recommendationId, text: 'Too late', leadAgencyId: agencyIds.police, targetDate: '2020-01-01' });
		expect(past.status).toBe(400);
		expect((await past.json()).error).toMatch(/on or after the report's date/);
		const unknown = await chair.request('POST', `/api/reviews/${reviewId}/action-plan/actions`, { recommendationId: 'no-such', text: 'x', leadAgencyId: agencyIds.police });
		expect(unknown.status).toBe(404);
		const byRep = await police.request('POST', `/api/reviews/${reviewId}/action-plan/actions`, { recommendationId, text: 'x', leadAgencyId: agencyIds.police });
		expect(byRep.status).toBe(403);
		expect(count()).toBe(before);
	});

	it('an agency representative updates only their own agency’s action, and each update is kept', async () => {
		const other = await police.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${gpAction}`, { status: 'done', note: 'Not ours' });
		expect(other.status).toBe(403);
		expect((await police.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${policeAction}`, { status: 'in_progress', note: 'Briefing drafted' })).status).toBe(200);
		expect((await police.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${policeAction}`, { status: 'done', note: 'Briefed', evidenceText: 'Attendance list' })).status).toBe(200);
		const closeWithoutReason = await health.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${gpAction}`, { status: 'closed', note: '' });
		expect(closeWithoutReason.status).toBe(400);
		expect((await closeWithoutReason.json()).error).toMatch(/reason/);
		const ownerChangeByRep = await police.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${policeAction}`, { targetDate: inDays(90) });
		expect(ownerChangeByRep.status).toBe(403);
		const completed = await chair.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${gpAction}`, { ownerUserId: userIds[agencyIds.gp], targetDate: inDays(120) });
		expect(completed.status).toBe(200);
		expect(query<{ owner: string; date: string }>('select owner_user_id as owner, target_date as date from plan_action where id = ?', gpAction)).toEqual([{ owner: userIds[agencyIds.gp], date: inDays(120) }]);
		const updates = query<{ status: string; note: string }>('select status, note from plan_action_update where action_id = ? order by at', policeAction);
		expect(updates).toEqual([{ status: 'in_progress', note: 'Briefing drafted' }, { status: 'done', note: 'Briefed' }]);
		expect(query<{ action: string }>("select action from audit_event where action = 'action_plan.action_updated' and review_id = ?", reviewId)).toHaveLength(2);
	});

	it('the co-ordinator reads the plan and the partnership’s overdue actions, but still gets 404 for the report and chronology', async () => {
		const plan = await admin.request('GET', `/api/reviews/${reviewId}/action-plan`);
		expect(plan.status).toBe(200);
		expect((await plan.json()).recommendations[0].id).toBe(recommendationId);
		expect((await admin.request('GET', `/api/reviews/${reviewId}/chronology`)).status).toBe(404);
		expect((await admin.request('GET', `/api/reviews/${reviewId}/report/versions`)).status).toBe(404);
		expect((await admin.request('GET', `/reviews/${reviewId}/report`)).status).toBe(404);
		const overdue = await admin.request('GET', '/api/partnership/actions?status=overdue');
		expect(overdue.status).toBe(200);
		const { actions } = await overdue.json();
		// The demo's IDVA action was due 30 days ago.
		expect(actions).toHaveLength(1);
		expect(actions[0]).toMatchObject({ reviewId, leadAgency: 'Northmoor IDVA Service', standing: 'overdue' });
		expect((await chair.request('GET', '/api/partnership/actions')).status).toBe(403);
		// The co-ordinator monitors; changing the plan is the panel's.
		expect((await admin.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${policeAction}`, { status: 'in_progress', note: 'x' })).status).toBe(404);
	});

	it('the family advocate and a guest get nothing', async () => {
		expect((await advocate.request('GET', `/api/reviews/${reviewId}/action-plan`)).status).toBe(403);
		expect((await advocate.request('GET', `/reviews/${reviewId}/action-plan`)).status).toBe(403);
		const eventId = await planEvent(chair, reviewId, 'Action plan guest check', 60);
		const guest = await bringInGuest(chair, server.origin, reviewId, eventId, { name: 'Sam Guest', roleTitle: 'Nurse', agencyLabel: 'Ward 4' });
		expect((await guest.request('GET', `/api/reviews/${reviewId}/action-plan`)).status).toBe(403);
		expect((await guest.request('GET', `/api/reviews/${reviewId}/action-plan?format=csv`)).status).toBe(403);
	});

	it('the plan downloads in the template’s columns as CSV and XLSX', async () => {
		const csv = await panel.request('GET', `/api/reviews/${reviewId}/action-plan?format=csv`);
		expect(csv.status).toBe(200);
		const text = await csv.text();
		expect(text.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('Recommendation,Scope,Action,Lead agency,Key milestones,Target date,Completion date and outcome');
		expect(text).toContain('Brief every response officer on referral closure');
		const xlsx = await panel.request('GET', `/api/reviews/${reviewId}/action-plan?format=xlsx`);
		expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
		expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
	});
});
