import { afterEach, describe, expect, it } from 'vitest';
import { convertDocxToPdf, findSoffice, PdfConversionError, pdfUnavailableMessage } from './pdf-conversion';
import { publicationDocx } from './publication-docx';

const original = { path: process.env.SOFFICE_PATH };
afterEach(() => {
	if (original.path === undefined) delete process.env.SOFFICE_PATH;
	else process.env.SOFFICE_PATH = original.path;
});

const docx = () =>
	publicationDocx({ documentTitle: 'Overview report', reviewName: 'Adult A', partnership: 'P', versionName: 'v1', date: '3 March 2025', marking: 'OFFICIAL-SENSITIVE', sections: [{ title: 'Introduction', blocks: [] }], citations: new Map(), glossary: [], disagreements: null });

describe('converting to PDF', () => {
	it('says what to install when LibreOffice is missing, and converts nothing', async () => {
		process.env.SOFFICE_PATH = '/nonexistent/soffice';
		expect(findSoffice()).toBeNull();
		const refusal = await convertDocxToPdf(await docx()).catch((caught: unknown) => caught);
		expect(refusal).toBeInstanceOf(PdfConversionError);
		expect((refusal as PdfConversionError).status).toBe(503);
		expect((refusal as PdfConversionError).message).toBe(pdfUnavailableMessage);
		expect(pdfUnavailableMessage).toContain('libreoffice-writer-nogui');
	});

	it.runIf(findSoffice())('makes a PDF, and two conversions asked for at once both finish', async () => {
		const word = await docx();
		const [a, b] = await Promise.all([convertDocxToPdf(word), convertDocxToPdf(word)]);
		for (const pdf of [a, b]) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	}, 120_000);

	it.runIf(findSoffice())('stops a conversion that takes too long', async () => {
		const refusal = await convertDocxToPdf(await docx(), { timeoutMs: 1 }).catch((caught: unknown) => caught);
		expect((refusal as PdfConversionError).status).toBe(504);
	}, 60_000);
});
