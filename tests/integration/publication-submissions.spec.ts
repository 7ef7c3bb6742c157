import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as devalue from 'devalue';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let reviewId: string;

beforeAll(async () => {
	server = await startServer();
	[chair, panel] = [new ApiClient(server.origin), new ApiClient(server.origin)];
	await Promise.all([chair.signIn('chair@demo.test'), panel.signIn('panel@demo.test')]);
	reviewId = ((await (await chair.request('GET', '/api/reviews')).json()) as { id: string }[])[0].id;
}, 60_000);
afterAll(async () => {
	await server.dispose();
});

function count(sql: string, ...params: unknown[]): number {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return (db.prepare(sql).get(...params) as { n: number }).n;
	} finally {
		db.close();
	}
}

const page = () => `/reviews/${reviewId}/publication/submissions`;
const today = new Date();
const dateFields = (prefix: string, date = today) => ({ [`${prefix}-day`]: String(date.getUTCDate()), [`${prefix}-month`]: String(date.getUTCMonth() + 1), [`${prefix}-year`]: String(date.getUTCFullYear()) });

/** Submits the step form as the browser does, with a file when given (multipart). */
async function recordStep(as: ApiClient, fields: Record<string, string>, letter?: { name: string; bytes: Uint8Array; type: string }) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	if (letter) body.append('letter', new Blob([new Uint8Array(letter.bytes)], { type: letter.type }), letter.name);
	const response = await fetch(`${server.origin}${page()}?/record`, { method: 'POST', body, headers: { cookie: as.cookieHeader(), origin: server.origin, 'x-sveltekit-action': 'true' }, redirect: 'manual' });
	const result = (await response.json()) as { type: string; status?: number; data?: string };
	return { type: result.type, status: result.status ?? response.status, data: result.data ? (devalue.parse(result.data) as { errors?: { field: string; message: string }[] }) : undefined };
}

describe('the journey to publication', () => {
	it('records a dated step, audited, and the timescales page shows where the review stands', async () => {
		const result = await recordStep(chair, { kind: 'sent_to_partnership', ...dateFields('occurredOn'), note: 'Sent to the CSP board.' });
		expect(result.type).toBe('success');
		expect(count("select count(*) as n from audit_event where action = 'submission.step_recorded' and review_id = ?", reviewId)).toBe(1);
		const html = await (await chair.request('GET', `/reviews/${reviewId}/timescales`)).text();
		expect(html).toContain('Where it stands: <strong>Sent to the community safety partnership</strong>');
	});

	it('asks which export went to the Home Office, and a web address and end date for publication', async () => {
		const home = await recordStep(chair, { kind: 'sent_to_home_office', ...dateFields('occurredOn') });
		expect(home.type).toBe('failure');
		expect(home.data?.errors?.[0].field).toBe('exportId');
		const published = await recordStep(chair, { kind: 'published', ...dateFields('occurredOn'), webAddress: 'not a web address', ...dateFields('publishedUntil') });
		expect(published.data?.errors?.map((e) => e.field)).toEqual(['webAddress', 'publishedUntil']);
	});

	it('refuses a “QA letter” that is not a PDF, storing nothing', async () => {
		const before = count('select count(*) as n from review_file');
		const result = await recordStep(chair, { kind: 'qa_letter_received', ...dateFields('occurredOn') }, { name: 'letter.pdf', bytes: new TextEncoder().encode('Dear Chair, this is not a PDF at all.'), type: 'application/pdf' });
		expect(result.type).toBe('failure');
		expect(result.data?.errors?.[0]).toEqual({ field: 'letter', message: "The file's content is not a PDF, although its name says it is." });
		const word = await recordStep(chair, { kind: 'qa_letter_received', ...dateFields('occurredOn') }, { name: 'letter.docx', bytes: new Uint8Array([1, 2, 3]), type: 'application/octet-stream' });
		expect(word.data?.errors?.[0].message).toBe('The file must be one of: PDF.');
		expect(count('select count(*) as n from review_file')).toBe(before);
		expect(count('select count(*) as n from submission_step where kind = ?', 'qa_letter_received')).toBe(0);
	});

	it('answers a 5.5 MB letter, and one over the server’s body limit, with “larger than 5 MB” rather than a bare 413, storing nothing', async () => {
		const before = count('select count(*) as n from review_file');
		const pdfStart = new TextEncoder().encode('%PDF-1.4\n');
		const large = new Uint8Array(5.5 * 1024 * 1024);
		large.set(pdfStart);
		const result = await recordStep(chair, { kind: 'qa_letter_received', ...dateFields('occurredOn') }, { name: 'QA letter.pdf', bytes: large, type: 'application/pdf' });
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(result.data?.errors).toEqual([{ field: 'letter', message: 'The file is larger than 5 MB.' }]);
		const huge = new Uint8Array(7 * 1024 * 1024);
		huge.set(pdfStart);
		const overLimit = await recordStep(chair, { kind: 'qa_letter_received', ...dateFields('occurredOn') }, { name: 'QA letter.pdf', bytes: huge, type: 'application/pdf' });
		expect(overLimit).toMatchObject({ type: 'failure', status: 413 });
		expect(overLimit.data?.errors).toEqual([{ field: 'letter', message: 'The file is larger than 5 MB.' }]);
		expect(count('select count(*) as n from review_file')).toBe(before);
		expect(count('select count(*) as n from submission_step where kind = ?', 'qa_letter_received')).toBe(0);
	});

	it('stores the panel’s letter as a restricted PDF the chair alone can download, and audits the download', async () => {
		const pdf = new Uint8Array(await (await chair.request('GET', `/api/reviews/${reviewId}/export?format=pdf&document=executive-summary`)).arrayBuffer());
		const result = await recordStep(chair, { kind: 'qa_letter_received', ...dateFields('occurredOn') }, { name: 'QA panel letter.pdf', bytes: pdf, type: 'application/pdf' });
		expect(result.type).toBe('success');
		const fileId = (new Database(server.databasePath, { readonly: true }).prepare("select file_id as id from submission_step where kind = 'qa_letter_received'").get() as { id: string }).id;
		const download = await chair.request('GET', `${page()}/letters/${fileId}`);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
		expect((await panel.request('GET', `${page()}/letters/${fileId}`)).status).toBe(403);
		expect(count("select count(*) as n from audit_event where action = 'submission.qa_letter_read'")).toBe(1);
	}, 60_000);

	it('takes the panel’s areas for final development, linked to a section, and ticks them off', async () => {
		const added = await chair.submit(page(), 'addItem', { itemText: 'Say more about coercive control in the analysis.', sectionKey: 'analysis' });
		expect(added.type).toBe('success');
		expect((await chair.submit(page(), 'addItem', { itemText: 'x', sectionKey: 'no-such-section' })).type).toBe('failure');
		const itemId = (new Database(server.databasePath, { readonly: true }).prepare('select id from qa_item').get() as { id: string }).id;
		expect((await panel.submit(page(), 'tick', { itemId, done: '1' })).status).toBe(403);
		expect((await chair.submit(page(), 'tick', { itemId, done: '1' })).type).toBe('success');
		expect(count('select count(*) as n from qa_item where done_at is not null')).toBe(1);
		expect(count("select count(*) as n from audit_event where action = 'submission.qa_item_done'")).toBe(1);
	});
});

describe('the print view of the report', () => {
	it('shows the report’s sections without the editor, and is audited', async () => {
		const response = await panel.request('GET', `/reviews/${reviewId}/report/print`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Contents');
		expect(html).toContain('Terms of reference');
		expect(html).toContain('Appendix: areas of disagreement');
		expect(html).not.toContain('contenteditable');
		expect(html).not.toContain('govuk-textarea');
		expect(count("select count(*) as n from audit_event where action = 'report.printed'")).toBe(1);
	});
});
