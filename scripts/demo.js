// `npm run demo`: the built app with the fictional review, on its own database file
// so demo accounts never land in a real one. It builds first only when the sources
// changed since the last build (issue 15: rebuilding every time took half a minute).
import { spawnSync } from 'node:child_process';
import { checkBuild, writeStamp } from './build-freshness.js';

const root = process.cwd();
const check = checkBuild(root);
if (check.state === 'current') {
	console.log('Demo: the build is current, starting it.');
} else {
	console.log(`Demo: building first (${check.reason}).`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
	writeStamp(root, check.fingerprint);
}

process.env.DEMO = '1';
process.env.DATABASE_PATH ||= './data/demo.sqlite';
await import('../build/server.js');
