import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitForSync } from '../helpers/collab-client';

let server: RunningServer;
let chair: ApiClient;
let panel: ApiClient;
let admin: ApiClient;
let reviewId: string;
let work: string;

beforeAll(async () => {
	server = await startServer();
	[chair, panel, admin] = [new ApiClient(server.origin), new ApiClient(server.origin), new ApiClient(server.origin)];
	await Promise.all([chair.signIn('chair@demo.test'), panel.signIn('panel@demo.test'), admin.signIn('admin@demo.test')]);
	const reviews = (await (await chair.request('GET', '/api/reviews')).json()) as { id: string }[];
	reviewId = reviews[0].id;
	work = mkdtempSync(join(tmpdir(), 'publication-pack-'));
}, 60_000);
afterAll(async () => {
	await server.dispose();
	rmSync(work, { recursive: true, force: true });
});

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

const exportPath = (params: Record<string, string>) => `/api/reviews/${reviewId}/export?${new URLSearchParams(params)}`;

/**
 * A GET, tried again once if the kept-alive connection was closed under it: reading a file
 * back through LibreOffice can outlast the server's keep-alive timeout on a busy machine, and
 * undici may reuse the socket just as the server closes it.
 */
async function download(as: ApiClient, path: string): Promise<Response> {
	try {
		return await as.request('GET', path);
	} catch (caught) {
		if ((caught as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw caught;
		return as.request('GET', path);
	}
}

/** The PDF's text, page by page, as `pdftotext` (poppler-utils) reads it back. */
function pdfPages(bytes: Buffer, name: string): string[] {
	const file = join(work, `${name}.pdf`);
	writeFileSync(file, bytes);
	return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').filter((page) => page.trim() !== '');
}

/** Opens a Word file with a real reader: LibreOffice converts it to PDF, whose text is read back. */
function docxReadBack(bytes: Buffer, name: string): string[] {
	const file = join(work, `${name}.docx`);
	writeFileSync(file, bytes);
	const profile = join(work, 'profile');
	execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'ignore', timeout: 120_000 });
	return execFileSync('pdftotext', [join(work, `${name}.pdf`), '-'], { encoding: 'utf8' }).split('\f').filter((page) => page.trim() !== '');
}

const titles = { overview: 'Overview report', 'executive-summary': 'Executive summary', 'action-plan': 'Action plan' } as const;

describe('exporting the publication pack', () => {
	for (const document of ['overview', 'executive-summary', 'action-plan'] as const) {
		for (const format of ['docx', 'pdf'] as const) {
			it(`exports the ${document} as ${format} in the restricted edition, the marking on every page, audited with its SHA-256`, async () => {
				const response = await download(panel, exportPath({ document, format, edition: 'restricted' }));
				expect(response.status).toBe(200);
				expect(response.headers.get('content-disposition')).toContain(`.${format}`);
				const bytes = Buffer.from(await response.arrayBuffer());
				const sha256 = createHash('sha256').update(bytes).digest('hex');
				expect(response.headers.get('x-content-sha256')).toBe(sha256);
				const pages = format === 'pdf' ? pdfPages(bytes, `${document}-r`) : docxReadBack(bytes, `${document}-r`);
				expect(pages.length).toBeGreaterThan(1);
				for (const page of pages) expect(page).toContain('OFFICIAL-SENSITIVE');
				const text = pages.join('\n').replace(/\s+/g, ' ');
				expect(text).toContain(titles[document]);
				expect(text).toContain('Contents');
				if (document === 'overview') {
					expect(text).toContain('Terms of reference');
					expect(text).toContain('Appendix: areas of disagreement');
					// A citation's footnote: "<date>, <agency>".
					expect(text).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}, Northmoor/);
				}
				if (document === 'action-plan') {
					// The tracked plan's action and its lead agency; a cell's words may wrap between other columns' words in the text read back.
					expect(text).toContain('Rewrite the contact policy and brief every IDVA on it.');
					expect(text).toMatch(/Northmoor IDVA\b/);
					expect(text).not.toMatch(/Northmoo r/);
				}
				const audits = query<{ detail: string }>("select detail from audit_event where action = 'report.exported' and review_id = ?", reviewId);
				expect(audits.some((row) => JSON.parse(row.detail).sha256 === sha256)).toBe(true);
				expect(query('select 1 from publication_export where sha256 = ?', sha256)).toHaveLength(1);
			}, 120_000);
		}
	}

	it('puts the marking in the Word file’s header and footer parts and citations in its footnotes', async () => {
		const response = await download(chair, exportPath({ document: 'overview', format: 'docx', edition: 'restricted' }));
		const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
		const names = Object.keys(files);
		for (const name of names.filter((n) => /word\/(header|footer)\d+\.xml/.test(n))) expect(strFromU8(files[name])).toContain('OFFICIAL-SENSITIVE');
		expect(strFromU8(files['word/footnotes.xml'])).toMatch(/\d{4}, Northmoor/);
	});
});

describe('what the export refuses', () => {
	it('answers an unknown document, format or edition with 400 and a plain message', async () => {
		for (const params of [{ document: 'minutes' }, { format: 'odt' }, { edition: 'draft' }] as Record<string, string>[]) {
			const response = await chair.request('GET', exportPath(params));
			expect(response.status).toBe(400);
			expect((await response.json()).error).toMatch(/^Choose /);
		}
	});

	it('does not export a version of another review', async () => {
		const other = (await (await admin.request('POST', '/api/reviews', { title: 'DHR Other', partnership: 'Elsewhere CSP', dateOfDeath: '2026-01-10', notifiedOn: '2026-01-20', chairEmail: 'chair@demo.test' })).json()).id as string;
		const versionId = (await (await chair.request('POST', `/api/reviews/${other}/report/versions`, { name: 'Other draft' })).json()).id as string;
		const response = await chair.request('GET', exportPath({ version: versionId }));
		expect(response.status).toBe(404);
		expect((await response.json()).error).toBe('That version does not exist in this review');
	});

	it('gives the publication edition to the chair only', async () => {
		const response = await panel.request('GET', exportPath({ edition: 'publication' }));
		expect(response.status).toBe(403);
	});

	it('refuses the publication edition of a draft report with 409 and the whole list, and audits the refusal', async () => {
		const before = query('select 1 from publication_export').length;
		const response = await chair.request('GET', exportPath({ edition: 'publication', format: 'pdf' }));
		expect(response.status).toBe(409);
		const body = (await response.json()) as { error: string; reasons: string[] };
		expect(body.error).toBe('The publication edition cannot be made yet.');
		expect(body.reasons.some((reason) => reason.startsWith('The report is not final'))).toBe(true);
		expect(body.reasons.length).toBeGreaterThan(2);
		expect(query('select 1 from publication_export')).toHaveLength(before);
		expect(query("select 1 from audit_event where action = 'report.export_refused' and review_id = ?", reviewId).length).toBeGreaterThan(0);
	});

	it('is not open to someone outside the review', async () => {
		expect((await admin.request('GET', exportPath({}))).status).toBe(404);
	});
});

describe('the readiness checklist', () => {
	it('lists every check with its status, and lets the chair attest one the workspace cannot tell', async () => {
		const first = (await (await chair.request('GET', `/api/reviews/${reviewId}/readiness`)).json()) as { checks: { key: string; status: string; detail: string }[] };
		expect(first.checks.map((check) => check.key)).toContain('glossary');
		const identifiers = first.checks.find((check) => check.key === 'identifier_findings')!;
		// The demo report names no one the scan finds, so nothing is open (the register is there from issue 16).
		expect(identifiers).toMatchObject({ status: 'met', detail: 'None open.' });
		expect((await chair.request('POST', `/api/reviews/${reviewId}/readiness`, { key: 'language_flags', note: '' })).status).toBe(400);
		expect((await panel.request('POST', `/api/reviews/${reviewId}/readiness`, { key: 'executive_summary', note: 'x' })).status).toBe(403);
		// The demo's one recommendation passes the SMART check; that they are all in one place is for the chair to say.
		const recommendations = first.checks.find((check) => check.key === 'recommendations') as unknown as { status: string; attestable: boolean };
		expect(recommendations).toMatchObject({ status: 'not_met', attestable: true });
		expect((await chair.request('POST', `/api/reviews/${reviewId}/readiness`, { key: 'recommendations', note: 'All in section 19.' })).status).toBe(201);
		const after = (await (await chair.request('GET', `/api/reviews/${reviewId}/readiness`)).json()) as { checks: { key: string; status: string; detail: string }[] };
		expect(after.checks.find((check) => check.key === 'recommendations')).toMatchObject({ status: 'attested', detail: expect.stringContaining('All in section 19.') });
		expect(query("select 1 from audit_event where action = 'readiness.attested' and review_id = ?", reviewId)).toHaveLength(1);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/readiness`, { key: 'recommendations', withdraw: true })).status).toBe(204);
		const withdrawn = (await (await chair.request('GET', `/api/reviews/${reviewId}/readiness`)).json()) as { checks: { key: string; status: string }[] };
		expect(withdrawn.checks.find((check) => check.key === 'recommendations')!.status).toBe('not_met');
	});

	type Check = { key: string; status: string; detail: string; href: string; attestable: boolean };
	const checkOf = async (key: string) => ((await (await chair.request('GET', `/api/reviews/${reviewId}/readiness`)).json()) as { checks: Check[] }).checks.find((check) => check.key === key)!;

	it('reads the key lines of enquiry from the terms document, naming those the report does not answer, with a link to the terms', async () => {
		const writer = connectClient(server, `review/${reviewId}/terms`, panel.sessionCookie);
		try {
			await waitForSync(writer);
			const Y = await import('yjs');
			writer.doc.transact(() => {
				for (const [id, text] of [['kloe-1', 'What did each agency know about the coercive control?'], ['kloe-2', 'Was the risk to the victim assessed?']]) {
					const line = new Y.Map<string>();
					line.set('id', id);
					line.set('text', text);
					writer.doc.getArray('keyLinesOfEnquiry').push([line]);
				}
			});
			await new Promise((resolve) => setTimeout(resolve, 500));
		} finally {
			writer.destroy();
		}
		let terms: Check | undefined;
		for (let tries = 0; tries < 20 && !terms?.detail.startsWith('2 key lines'); tries++) {
			terms = await checkOf('terms_of_reference');
			if (!terms.detail.startsWith('2 key lines')) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(terms).toMatchObject({ status: 'not_met', href: `/reviews/${reviewId}/terms`, attestable: false });
		expect(terms!.detail).toBe(
			'2 key lines of enquiry, not yet agreed by the panel. Record the panel’s agreement of the terms. Not yet answered by the report: “What did each agency know about the coercive control?” and “Was the risk to the victim assessed?”.'
		);
	});

	it('names the chair and the panel members still to declare their independence, until they have', async () => {
		const before = await checkOf('independence');
		expect(before).toMatchObject({ status: 'not_met', href: `/reviews/${reviewId}/independence`, attestable: false });
		expect(before.detail).toMatch(/^Still to declare their independence: the chair and Tom Adeyemi\./);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/readiness`, { key: 'independence', note: 'Stated.' })).status).toBe(400);
		const declaration = { notInvolved: true, notLineManager: true, statement: '' };
		expect((await chair.request('POST', `/api/reviews/${reviewId}/independence`, declaration)).status).toBe(201);
		expect((await checkOf('independence')).detail).toMatch(/^Still to declare their independence: Tom Adeyemi\./);
		expect((await panel.request('POST', `/api/reviews/${reviewId}/independence`, declaration)).status).toBe(201);
		const after = await checkOf('independence');
		expect(after.detail).not.toContain('Still to declare');
		// The demo report's independence sections decide the rest: met when written, else named.
		if (after.status === 'not_met') expect(after.detail).toMatch(/^Not written yet: /);
		else expect(after.status).toBe('met');
	});

	it('needs an owned, dated action for every recommendation, and refuses the published plan while an action is an incomplete draft', async () => {
		// The demo's one action has a target date but no named owner yet.
		const draftReason = '1 action in the action plan is an incomplete draft: give each a named owner and a target date.';
		expect(await checkOf('action_plan')).toMatchObject({ status: 'not_met', href: `/reviews/${reviewId}/action-plan`, detail: '1 of 1 recommendation has no action with both an owner and a target date.' });
		const refused = await chair.request('GET', exportPath({ document: 'action-plan', format: 'docx', edition: 'publication' }));
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as { reasons: string[] }).reasons).toContain(draftReason);
		const overviewRefused = (await (await chair.request('GET', exportPath({ document: 'overview', format: 'docx', edition: 'publication' }))).json()) as { reasons: string[] };
		expect(overviewRefused.reasons).not.toContain(draftReason);

		const plan = (await (await chair.request('GET', `/api/reviews/${reviewId}/action-plan`)).json()) as { recommendations: { actions: { id: string }[] }[] };
		const members = ((await (await chair.request('GET', `/api/reviews/${reviewId}`)).json()) as { members: { userId: string; role: string }[] }).members;
		const chairId = members.find((member) => member.role === 'chair')!.userId;
		const actionId = plan.recommendations[0].actions[0].id;
		// Its date has passed, and a changed draft may not keep a date before today.
		const inSixtyDays = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
		expect((await chair.request('PATCH', `/api/reviews/${reviewId}/action-plan/actions/${actionId}`, { ownerUserId: chairId, targetDate: inSixtyDays })).status).toBe(200);
		expect(await checkOf('action_plan')).toMatchObject({ status: 'met', detail: 'The recommendation has an action with an owner and a target date.' });
		const still = await chair.request('GET', exportPath({ document: 'action-plan', format: 'docx', edition: 'publication' }));
		expect(still.status).toBe(409);
		expect(((await still.json()) as { reasons: string[] }).reasons).not.toContain(draftReason);
	});

	it('takes the chair’s own abbreviations into the glossary', async () => {
		expect((await chair.request('POST', `/api/reviews/${reviewId}/glossary`, { abbreviation: 'X', expansion: '' })).status).toBe(400);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/glossary`, { abbreviation: 'NCSP', expansion: 'Northmoor Community Safety Partnership' })).status).toBe(201);
		const terms = (await (await panel.request('GET', `/api/reviews/${reviewId}/glossary`)).json()).terms;
		expect(terms).toContainEqual({ abbreviation: 'NCSP', expansion: 'Northmoor Community Safety Partnership' });
	});
});
