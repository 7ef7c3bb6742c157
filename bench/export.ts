/**
 * The publication pack's export time (issue 17): an overview report of about 80 pages
 * (some 40,000 words in 20 sections, with 200 chronology citations, lists and a table per
 * section) built as Word, then converted to a tagged PDF by LibreOffice, as the export API
 * does. Run with `npm run bench:export`; never part of the tests.
 *
 * Builds the model directly (no server, no database) so the figures are the builder's and
 * LibreOffice's own; the first PDF includes LibreOffice's start with a fresh profile.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { publicationDocx, type CitationNote, type PublicationModel } from '../src/lib/server/publication-docx';
import { convertDocxToPdf, findSoffice } from '../src/lib/server/pdf-conversion';
import { reportTemplate } from '../src/lib/domain/report-template';
import type { RichNode } from '../src/lib/domain/report-passages';

const words = 'the panel found that agencies held information about the risk to Adult A but did not share it with the MARAC or the IDVA service and the GP practice recorded the injuries without asking about domestic abuse'.split(' ');
const sentence = (n: number, seed: number) => Array.from({ length: n }, (_, i) => words[(seed + i * 7) % words.length]).join(' ');

function reportModel(): { model: PublicationModel; wordCount: number; citationCount: number } {
	const citations = new Map<string, CitationNote>();
	for (let i = 0; i < 200; i++) citations.set(`entry-${i}`, { kind: 'entry', date: `${(i % 28) + 1} March 2019`, agencyName: ['Northmoor Police', 'Riverside GP Practice', 'Northmoor Hospital Trust', 'Northmoor IDVA Service'][i % 4] });
	let wordCount = 0;
	let citationCount = 0;
	const sections = reportTemplate.map((template, s) => {
		const blocks: RichNode[] = [];
		// About 2,000 words per section: 22 paragraphs of about 90 words, a list and a table.
		for (let p = 0; p < 22; p++) {
			const text = sentence(90, s * 31 + p);
			wordCount += 90;
			const content: RichNode[] = [{ type: 'text', text: `${text} ` }];
			if (p % 2 === 0 && citationCount < 200) content.push({ type: 'chronologyCitation', attrs: { entryId: `entry-${citationCount++}`, label: '' } });
			blocks.push({ type: 'paragraph', content });
		}
		blocks.push({ type: 'bulletList', content: [1, 2, 3].map((n) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence(12, n + s) }] }] })) });
		blocks.push({
			type: 'table',
			content: [
				{ type: 'tableRow', content: ['Agency', 'Contacts', 'Learning'].map((h) => ({ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: h }] }] })) },
				...[1, 2, 3].map((r) => ({ type: 'tableRow', content: [1, 2, 3].map((c) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence(6, r * c + s) }] }] })) }))
			]
		});
		return { title: template.title, blocks };
	});
	return {
		model: { documentTitle: 'Overview report', reviewName: 'Adult A', partnership: 'Northmoor Community Safety Partnership', versionName: 'Benchmark', date: '3 March 2025', marking: 'OFFICIAL-SENSITIVE', sections, citations, glossary: [{ abbreviation: 'MARAC', expansion: 'Multi-Agency Risk Assessment Conference' }], disagreements: { agencies: [], family: [] } },
		wordCount,
		citationCount
	};
}

const { model, wordCount, citationCount } = reportModel();
const runs = 3;
const docxTimes: number[] = [];
let docx: Buffer = Buffer.alloc(0);
for (let i = 0; i < runs; i++) {
	const start = performance.now();
	docx = await publicationDocx(model);
	docxTimes.push(performance.now() - start);
}
console.log(`Report: ${wordCount.toLocaleString('en-GB')} words, ${citationCount} citations, ${model.sections.length} sections`);
console.log(`DOCX: ${(docx.length / 1024).toFixed(0)} KiB; build ${docxTimes.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);

if (!findSoffice()) {
	console.log('PDF: skipped (LibreOffice is not installed: apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation)');
} else {
	const pdfTimes: number[] = [];
	let pdf: Buffer = Buffer.alloc(0);
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		pdf = await convertDocxToPdf(await publicationDocx(model));
		pdfTimes.push(performance.now() - start);
	}
	const work = mkdtempSync(join(tmpdir(), 'bench-export-'));
	try {
		writeFileSync(join(work, 'report.pdf'), pdf);
		const info = execFileSync('pdfinfo', [join(work, 'report.pdf')], { encoding: 'utf8' });
		const pages = /Pages:\s+(\d+)/.exec(info)?.[1] ?? '?';
		const tagged = /Tagged:\s+(\w+)/.exec(info)?.[1] ?? '?';
		console.log(`PDF: ${pages} pages, tagged ${tagged}, ${(pdf.length / 1024).toFixed(0)} KiB; build and convert ${pdfTimes.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')} (the first includes LibreOffice's start with a fresh profile)`);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
