import { afterEach, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { checkUpload, cleanFileName, downloadHeaders, listReviewFiles, readReviewFile, storeReviewFile } from './review-files';
import { createReviewFixture } from '../../../tests/helpers/review-fixture';

// A minimal but real PDF: file-type recognises it by its "%PDF-" header.
const pdf = strToU8('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('checkUpload', () => {
	it('accepts a PDF named as one and reports its recognised type', async () => {
		const result = await checkUpload('QA letter.pdf', pdf, ['pdf']);
		expect(result).toEqual({ ok: true, kind: 'pdf', mediaType: 'application/pdf', fileName: 'QA letter.pdf' });
	});

	it('refuses content that does not match its extension', async () => {
		const result = await checkUpload('letter.pdf', png, ['pdf', 'png']);
		expect(result).toMatchObject({ ok: false });
		expect(!result.ok && result.error).toMatch(/content is not a PDF/);
		const text = await checkUpload('notes.pdf', strToU8('MZ this is not a pdf at all'), ['pdf']);
		expect(text.ok).toBe(false);
	});

	it('refuses a kind this place does not accept, an empty file and one over the limit', async () => {
		expect(await checkUpload('photo.png', png, ['pdf'])).toEqual({ ok: false, error: 'The file must be one of: PDF.' });
		expect(await checkUpload('empty.pdf', new Uint8Array(), ['pdf'])).toEqual({ ok: false, error: 'The file is empty.' });
		const big = await checkUpload('big.pdf', pdf, ['pdf'], 10);
		expect(!big.ok && big.error).toMatch(/larger than/);
	});

	it('refuses a zip that only pretends to be a Word document', async () => {
		const zip = zipSync({ 'hello.txt': strToU8('hello') });
		const result = await checkUpload('policy.docx', zip, ['docx']);
		expect(result.ok).toBe(false);
	});

	it('cleans names of paths, control and direction characters', () => {
		expect(cleanFileName('..\\..\\etc/pass\u202ewd.pdf')).toBe('passwd.pdf');
		expect(cleanFileName('   ')).toBe('file');
	});
});

describe('stored files', () => {
	it('are read back only within their own review, and sent as attachments', async () => {
		const fixture = await createReviewFixture();
		cleanups.push(fixture.temp.dispose);
		const checked = await checkUpload('Policy “v2”.pdf', pdf, ['pdf']);
		if (!checked.ok) throw new Error(checked.error);
		const stored = storeReviewFile(fixture.db, { reviewId: fixture.reviewId, purpose: 'document', checked, bytes: pdf, uploadedBy: fixture.chairId, now: new Date() });
		expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(readReviewFile(fixture.db, fixture.reviewId, stored.id)?.content.equals(Buffer.from(pdf))).toBe(true);
		expect(readReviewFile(fixture.db, 'another-review', stored.id)).toBeUndefined();
		expect(listReviewFiles(fixture.db, fixture.reviewId, 'document').map((file) => file.id)).toEqual([stored.id]);
		expect(listReviewFiles(fixture.db, fixture.reviewId, 'qa_letter')).toEqual([]);
		const headers = downloadHeaders(stored);
		expect(headers['content-disposition']).toMatch(/^attachment; filename="Policy _v2_.pdf"/);
		expect(headers['x-content-type-options']).toBe('nosniff');
	});
});
