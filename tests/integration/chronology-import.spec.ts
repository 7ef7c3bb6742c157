/**
 * Importing agencies' spreadsheets and exporting the integrated chronology, against
 * the real server (child process) and its SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { parse as parseDevalue } from 'devalue';
import writeXlsxFile from 'write-excel-file/node';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let police: ApiClient;
let panel: ApiClient;
let reviewId: string;
let policeAgencyId: string;

interface ActionResult {
	type: 'success' | 'failure' | 'error' | 'redirect';
	status: number;
	data: Record<string, unknown>;
}

/** Posts a SvelteKit form action the way the page's `use:enhance` does, and reads its answer. */
async function postAction(client: ApiClient, action: 'preview' | 'import', fields: Record<string, string>, file: { name: string; bytes: Uint8Array | string }): Promise<ActionResult> {
	const form = new FormData();
	form.set('agencyId', policeAgencyId);
	for (const [name, value] of Object.entries(fields)) form.set(name, value);
	form.set('file', new Blob([typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes)]), file.name);
	const response = await fetch(`${server.origin}/reviews/${reviewId}/chronology/import?/${action}`, {
		method: 'POST',
		headers: { cookie: client.sessionCookie, origin: server.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body: form
	});
	const body = (await response.json()) as { type: ActionResult['type']; status?: number; data?: string; error?: { message: string } };
	return { type: body.type, status: body.status ?? response.status, data: body.data ? parseDevalue(body.data) : (body.error ?? {}) };
}

/** The server process's resident memory, in bytes. */
function residentMemory(): number {
	const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/**
 * Zip bombs: 200 MB of zeros in a workbook's clothing, a few hundred kilobytes on the wire;
 * and the same with a central directory (and local headers) claiming tiny sizes. Built
 * before any request: deflating them keeps this process busy for a second or more, long
 * enough for the server to close an idle keep-alive connection under the client's feet.
 */
const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 * 1024) }, { level: 9 });
const lyingBomb = bomb.slice();
{
	const view = new DataView(lyingBomb.buffer);
	for (let i = 0; i + 4 <= lyingBomb.length; i++) {
		if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 100, true);
		if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 100, true);
	}
}

async function chronology(): Promise<{ entries: { summary: string; source: string; action: string; date: string; datePrecision: string; approximate: boolean; agencyId: string }[] }> {
	const response = await police.request('GET', `/api/reviews/${reviewId}/chronology`);
	expect(response.status).toBe(200);
	return response.json();
}

const stamp = Date.now();
const goodCsv = [
	'Date,Time,About,Record,Details of contact,Action taken',
	`?12/03/2019,14:05,Victim; Perpetrator,Custody record ${stamp}/1,"A reported threats, B arrested",DASH completed: medium risk`,
	`March 2019,,victim,Crime report ${stamp}/2,Officers visited A at home,- advice given`,
	`2019,,child,Intelligence log ${stamp}/3,"=HYPERLINK(""http://evil.test"",""Click"")",None`
].join('\r\n');

beforeAll(async () => {
	server = await startServer();
	police = new ApiClient(server.origin);
	panel = new ApiClient(server.origin);
	await police.signIn('police@demo.test');
	await panel.signIn('panel@demo.test');
	reviewId = (await (await police.request('GET', '/api/reviews')).json())[0].id;
	policeAgencyId = (await (await police.request('GET', `/api/reviews/${reviewId}`)).json()).agencyId;
});
afterAll(async () => {
	await server.dispose();
});

describe('importing a chronology', () => {
	it('previews the columns it guessed, then adds every good row in one go, with UK dates and formulas neutralised', async () => {
		const before = (await chronology()).entries.length;
		const preview = await postAction(police, 'preview', {}, { name: 'police.csv', bytes: goodCsv });
		expect(preview.type).toBe('success');
		expect(preview.data.mapping).toEqual({ date: 0, time: 1, subjects: 2, source: 3, summary: 4, action: 5 });
		expect(preview.data.accepted).toBe(3);
		expect(preview.data.rejectedCount).toBe(0);
		expect(JSON.stringify(preview.data.warnings)).toContain('spreadsheet formula');
		// Nothing is added by a preview.
		expect((await chronology()).entries.length).toBe(before);

		const mapping = Object.fromEntries(Object.entries(preview.data.mapping as Record<string, number>).map(([field, column]) => [`map-${field}`, String(column)]));
		const imported = await postAction(police, 'import', mapping, { name: 'police.csv', bytes: goodCsv });
		expect(imported.data).toMatchObject({ step: 'done', imported: 3, rejectedCount: 0, duplicateCount: 0 });

		const after = (await chronology()).entries;
		expect(after.length).toBe(before + 3);
		const ours = after.filter((entry) => entry.source.includes(String(stamp)));
		expect(ours.map((entry) => [entry.date, entry.datePrecision, entry.approximate])).toEqual([
			['2019-01-01', 'year', false],
			['2019-03-01', 'month', false],
			['2019-03-12', 'day', true]
		]);
		expect(ours.every((entry) => entry.agencyId === policeAgencyId)).toBe(true);
		expect(ours[0].summary).toBe('HYPERLINK("http://evil.test","Click")');
	});

	it('warns of duplicates when the same file comes again, and adds nothing twice', async () => {
		const before = (await chronology()).entries.length;
		const preview = await postAction(police, 'preview', {}, { name: 'police.csv', bytes: goodCsv });
		expect(preview.data).toMatchObject({ accepted: 0, duplicateCount: 3 });
		const imported = await postAction(police, 'import', {}, { name: 'police.csv', bytes: goodCsv });
		expect(imported.data).toMatchObject({ imported: 0, duplicateCount: 3 });
		expect((await chronology()).entries.length).toBe(before);
	});

	it('reports each bad row with its reason and imports the good ones', async () => {
		const csv = [
			'Date,Source,Summary',
			`31/02/2019,Log ${stamp}/a,An impossible date`,
			`01/04/2019,,No source given`,
			`01/01/2099,Log ${stamp}/b,In the future`,
			`02/04/2019,Log ${stamp}/c,A good row`,
			`02/04/2019,Log ${stamp}/c,A good row`
		].join('\n');
		const preview = await postAction(police, 'preview', {}, { name: 'mixed.csv', bytes: csv });
		expect(preview.data.accepted).toBe(1);
		expect(preview.data.duplicateCount).toBe(1);
		const rejected = preview.data.rejected as { line: number; reasons: string[] }[];
		expect(rejected.map((row) => row.line)).toEqual([2, 3, 4]);
		expect(rejected[0].reasons.join()).toContain('"31/02/2019" is not a date');
		expect(rejected[1].reasons.join()).toContain('Enter the record this entry comes from');
		expect(rejected[2].reasons.join()).toContain('must not be in the future');
	});

	it('reads an Excel workbook, with real Excel dates', async () => {
		const bytes = await writeXlsxFile([
			[{ value: 'Date' }, { value: 'Source' }, { value: 'What happened' }],
			[{ value: new Date(Date.UTC(2018, 10, 5)), format: 'dd/mm/yyyy' }, { value: `GP record ${stamp}` }, { value: 'Seen alone; routine enquiry made' }],
			[{ value: '?June 2018' }, { value: `GP record ${stamp}` }, { value: 'Missed appointment' }]
		]).toBuffer();
		const imported = await postAction(police, 'import', {}, { name: 'gp.xlsx', bytes });
		expect(imported.data).toMatchObject({ imported: 2, rejectedCount: 0 });
		const ours = (await chronology()).entries.filter((entry) => entry.source === `GP record ${stamp}`);
		expect(ours.map((entry) => [entry.date, entry.datePrecision, entry.approximate])).toEqual([
			['2018-06-01', 'month', true],
			['2018-11-05', 'day', false]
		]);
	});

	it('refuses hostile or broken files with a clear message and changes nothing', async () => {
		const before = (await chronology()).entries.length;
		const cases: [string, Uint8Array | string, RegExp][] = [
			['report.pdf', '%PDF-1.7 binary', /CSV file \(\.csv\) or an Excel workbook/],
			['fake.xlsx', 'Date,Source\n1/1/2019,x', /not an Excel workbook/],
			['zip.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), /could not be read/],
			['broken.csv', 'Date,Source,Summary\n01/01/2019,"unclosed,quote\n', /CSV file is broken/],
			['binary.csv', new Uint8Array([0x44, 0x61, 0x74, 0x65, 0, 0, 0, 0x0a]), /binary data/],
			['huge.csv', 'Date,Source,Summary\n' + 'x'.repeat(5 * 1024 * 1024), /larger than 5 MB/],
			['empty.csv', 'Date,Source,Summary\n', /no entries under it/]
		];
		for (const [name, bytes, message] of cases) {
			const result = await postAction(police, 'preview', {}, { name, bytes });
			expect(result.type, name).toBe('failure');
			expect(String(result.data.problem), name).toMatch(message);
		}
		const imported = await postAction(police, 'import', {}, { name: 'broken.csv', bytes: cases[3][1] });
		expect(imported.type).toBe('failure');
		expect((await chronology()).entries.length).toBe(before);
	});

	it('refuses a zip bomb before unpacking it, with a clear message, and the server carries on', async () => {
		expect(bomb.length).toBeLessThan(1024 * 1024);
		const memoryBefore = residentMemory();
		for (const [name, bytes] of [['bomb.xlsx', bomb], ['lying.xlsx', lyingBomb]] as const) {
			const result = await postAction(police, 'preview', {}, { name, bytes });
			expect(result.type, name).toBe('failure');
			expect(String(result.data.problem), name).toMatch(/unpacks to more than 50 MB/);
		}
		// Neither was unpacked into memory.
		expect(residentMemory() - memoryBefore).toBeLessThan(100 * 1024 * 1024);
		expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
		expect((await chronology()).entries.length).toBeGreaterThan(0);
	});

	it('reads a Windows-1252 CSV and says so', async () => {
		const bytes = Buffer.from(`Date,Source,Summary\n03/05/2019,Log ${stamp}/w,Seen by Zo\u00eb at caf\u00e9\n`, 'latin1');
		const result = await postAction(police, 'preview', {}, { name: 'windows.csv', bytes });
		expect(result.data.accepted).toBe(1);
		expect(JSON.stringify(result.data.notes)).toContain('not in UTF-8');
		expect((result.data.sample as string[][])[0][2]).toBe('Seen by Zo\u00eb at caf\u00e9');
	});

	it('lets nobody import into a chronology they may not write', async () => {
		const result = await postAction(panel, 'preview', {}, { name: 'police.csv', bytes: goodCsv });
		expect(result.status).toBe(403);
	});
});

describe('exporting the integrated chronology', () => {
	it('exports CSV with formula-looking cells escaped, and records every export in the audit log', async () => {
		const response = await police.request('GET', `/api/reviews/${reviewId}/chronology?format=csv`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/csv');
		expect(response.headers.get('content-disposition')).toContain('-OFFICIAL-SENSITIVE.csv');
		const csv = await response.text();
		expect(csv).toContain("'- advice given");
		expect(csv).not.toMatch(/(^|,)"?[=+@-]/m);
		expect((await police.request('GET', `/api/reviews/${reviewId}/chronology?format=xml`)).status).toBe(400);

		const db = new Database(server.databasePath, { readonly: true });
		try {
			const rows = db.prepare("select detail from audit_event where action = 'chronology.exported' and review_id = ?").all(reviewId) as { detail: string }[];
			expect(rows.map((row) => JSON.parse(row.detail).format)).toEqual(expect.arrayContaining(['json', 'csv']));
		} finally {
			db.close();
		}
	});

	it('answers 404 to a non-member, as if the review did not exist', async () => {
		const outsider = new ApiClient(server.origin);
		await outsider.signIn('admin@demo.test');
		const response = await outsider.request('GET', `/api/reviews/${reviewId}/chronology`);
		expect(response.status).toBe(404);
	});
});
