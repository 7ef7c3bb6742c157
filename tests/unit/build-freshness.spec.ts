import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBuild, writeStamp } from '../../scripts/build-freshness.js';

const inputs = ['src', 'server', 'package-lock.json'];
let root = '';

function fakeTree(): string {
	root = mkdtempSync(join(tmpdir(), 'dhr-freshness-'));
	mkdirSync(join(root, 'src', 'lib'), { recursive: true });
	mkdirSync(join(root, 'server'), { recursive: true });
	writeFileSync(join(root, 'src', 'lib', 'report.ts'), 'export const a = 1;\n');
	writeFileSync(join(root, 'server', 'index.ts'), 'console.log(1);\n');
	writeFileSync(join(root, 'package-lock.json'), '{}\n');
	return root;
}

/** What `npm run demo` does after a successful build. */
function build(tree: string, fingerprint: unknown): void {
	mkdirSync(join(tree, 'build'), { recursive: true });
	writeFileSync(join(tree, 'build', 'server.js'), '');
	writeFileSync(join(tree, 'build', 'handler.js'), '');
	writeStamp(tree, fingerprint);
}

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
});

describe('npm run demo rebuilds only when the build is not current', () => {
	it('is stale with no build, current after a build, and stale again once a source is touched', () => {
		const tree = fakeTree();
		const first = checkBuild(tree, inputs);
		expect(first.state).toBe('stale');
		build(tree, first.fingerprint);
		expect(checkBuild(tree, inputs).state).toBe('current');

		utimesSync(join(tree, 'src', 'lib', 'report.ts'), later(5), later(5));
		const touched = checkBuild(tree, inputs);
		expect(touched).toMatchObject({ state: 'stale', reason: 'sources changed since the build' });
		build(tree, touched.fingerprint);
		expect(checkBuild(tree, inputs).state).toBe('current');
	});

	it('counts a deleted or added source file, and a changed lock file, as a change', () => {
		const tree = fakeTree();
		build(tree, checkBuild(tree, inputs).fingerprint);
		unlinkSync(join(tree, 'server', 'index.ts'));
		expect(checkBuild(tree, inputs).state).toBe('stale');
		build(tree, checkBuild(tree, inputs).fingerprint);
		writeFileSync(join(tree, 'src', 'new-page.ts'), '');
		expect(checkBuild(tree, inputs).state).toBe('stale');
		build(tree, checkBuild(tree, inputs).fingerprint);
		utimesSync(join(tree, 'package-lock.json'), later(10), later(10));
		expect(checkBuild(tree, inputs).state).toBe('stale');
	});

	it('ignores test files beside the sources, which the build leaves out', () => {
		const tree = fakeTree();
		build(tree, checkBuild(tree, inputs).fingerprint);
		writeFileSync(join(tree, 'src', 'lib', 'report.spec.ts'), '');
		expect(checkBuild(tree, inputs).state).toBe('current');
	});

	it('is stale when the build was made without a stamp (a plain npm run build)', () => {
		const tree = fakeTree();
		build(tree, checkBuild(tree, inputs).fingerprint);
		unlinkSync(join(tree, 'build', '.sources-stamp.json'));
		expect(checkBuild(tree, inputs)).toMatchObject({ state: 'stale', reason: 'the build was not stamped with its sources' });
	});
});
