import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { checkZipSize, maxZipEntries } from './zip-limits';

const megabyte = 1024 * 1024;

/** A zip of `bytes` zeros: a few kilobytes that unpack to `bytes`. */
function zerosZip(bytes: number): Uint8Array {
	return zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(bytes) }, { level: 9 });
}

/** Rewrites every declared uncompressed size (local headers and central directory) to `size`. */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
	const lying = zip.slice();
	const view = new DataView(lying.buffer);
	for (let i = 0; i + 4 <= lying.length; i++) {
		const signature = view.getUint32(i, true);
		if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
		if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
	}
	return lying;
}

describe('zip size limits', () => {
	it('accepts an ordinary workbook-sized archive and says how much it unpacks to', () => {
		const zip = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': strToU8('<row>'.repeat(10_000)) });
		expect(checkZipSize(zip)).toEqual({ ok: true, unpackedBytes: 8 + 50_000 });
	});

	it('refuses an archive whose directory declares more than the limit, before unpacking it', () => {
		const bomb = zerosZip(3 * megabyte);
		expect(bomb.length).toBeLessThan(10_000);
		expect(checkZipSize(bomb, 2 * megabyte)).toEqual({ ok: false, reason: 'too-large' });
	});

	it('refuses an archive whose directory lies about its sizes, by counting what comes out', () => {
		const lying = lieAboutSizes(zerosZip(3 * megabyte), 100);
		expect(checkZipSize(lying, 2 * megabyte)).toEqual({ ok: false, reason: 'too-large' });
	});

	it('refuses an archive with thousands of entries', () => {
		const files = Object.fromEntries(Array.from({ length: maxZipEntries + 1 }, (_, i) => [`part${i}.xml`, strToU8('x')]));
		expect(checkZipSize(zipSync(files))).toEqual({ ok: false, reason: 'too-large' });
	});

	it('calls something that is not a zip unreadable', () => {
		expect(checkZipSize(strToU8('PK\u0003\u0004 this is not really a zip archive at all'))).toEqual({ ok: false, reason: 'unreadable' });
	});
});
