import { json } from '@sveltejs/kit';
import { ApiError, apiActionPlanAccess, endpoint } from '$lib/server/api';
import { actorOf } from '$lib/server/guards';
import { actionPlanCsv, actionPlanJson, actionPlanXlsx, loadActionPlan, recordPlanExport, recordPlanRead, actionPlanRows } from '$lib/server/action-plan';
import type { RequestHandler } from './$types';

/** The action plan as JSON, or in the template's columns as CSV or XLSX (`?format=csv|xlsx`). */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	apiActionPlanAccess(locals, params.reviewId);
	const format = url.searchParams.get('format') ?? 'json';
	if (!['json', 'csv', 'xlsx'].includes(format)) throw new ApiError(400, 'Ask for format=csv or format=xlsx, or no format for JSON');
	const actor = actorOf(locals);
	if (format === 'json') {
		const plan = loadActionPlan(locals.db, params.reviewId)!;
		recordPlanRead(locals.db, actor, params.reviewId, { via: 'api' });
		return json(actionPlanJson(plan), { headers: { 'cache-control': 'no-store' } });
	}
	const rows = actionPlanRows(locals.db, params.reviewId);
	recordPlanExport(locals.db, actor, params.reviewId, format as 'csv' | 'xlsx');
	const headers = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' };
	if (format === 'csv') {
		return new Response(actionPlanCsv(rows), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="action-plan.csv"' } });
	}
	const body = await actionPlanXlsx(rows);
	return new Response(new Uint8Array(body), {
		headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': 'attachment; filename="action-plan.xlsx"' }
	});
});
