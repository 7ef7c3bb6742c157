// Whether build/ was made from the sources as they are now, so `npm run demo` rebuilds
// (about 30 s) only after something that goes into the build has changed (issue 15).
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What goes into the build: folders walked whole, and single files. Tests do not. */
export const buildInputs = ['src', 'server', 'static', 'scripts/build-server.js', 'package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json'];

/** Written into build/ after a successful build; what the sources looked like when it started. */
export const stampName = '.sources-stamp.json';

/** The files the build reads are run from build/, so both must be there for it to count. */
const builtEntries = ['server.js', 'handler.js'];

function isTestFile(name) {
	return /\.spec\.[jt]s$/.test(name);
}

function walk(path, visit) {
	if (!existsSync(path)) return;
	const stats = statSync(path);
	if (!stats.isDirectory()) return visit(path, stats);
	for (const name of readdirSync(path).sort()) {
		if (isTestFile(name)) continue;
		walk(join(path, name), visit);
	}
}

/**
 * A fingerprint of the build's inputs under `root`: the newest modification time and the
 * number of files (so a deleted file counts as a change too).
 */
export function sourcesFingerprint(root, inputs = buildInputs) {
	let newestMtimeMs = 0;
	let files = 0;
	for (const input of inputs) {
		walk(join(root, input), (_path, stats) => {
			files += 1;
			if (stats.mtimeMs > newestMtimeMs) newestMtimeMs = stats.mtimeMs;
		});
	}
	return { newestMtimeMs, files };
}

/**
 * `current` when build/ holds a stamp matching the sources now; otherwise `stale`, with why.
 * Computed before a build and written after it succeeds, so an edit made during the build
 * still makes the next check stale.
 */
export function checkBuild(root, inputs = buildInputs) {
	const fingerprint = sourcesFingerprint(root, inputs);
	const buildDir = join(root, 'build');
	if (builtEntries.some((name) => !existsSync(join(buildDir, name)))) return { state: 'stale', reason: 'there is no build yet', fingerprint };
	const stampPath = join(buildDir, stampName);
	if (!existsSync(stampPath)) return { state: 'stale', reason: 'the build was not stamped with its sources', fingerprint };
	let stamp;
	try {
		stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
	} catch {
		return { state: 'stale', reason: 'the build stamp cannot be read', fingerprint };
	}
	if (stamp.files !== fingerprint.files) return { state: 'stale', reason: 'files were added or removed since the build', fingerprint };
	if (stamp.newestMtimeMs !== fingerprint.newestMtimeMs) return { state: 'stale', reason: 'sources changed since the build', fingerprint };
	return { state: 'current', reason: 'the build is current', fingerprint };
}

export function writeStamp(root, fingerprint) {
	writeFileSync(join(root, 'build', stampName), JSON.stringify(fingerprint) + '\n');
}
