/**
 * `npm run restore -- --from FILE`: puts a backup in place at DATABASE_PATH, which must
 * not hold a database yet (an empty data folder). Checks the backup's integrity and that
 * its migrations are ones this version knows; ends every session it holds.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { databasePath } from '../../src/lib/server/config';
import { BackupRefused, describeContents, formatBytes, restoreDatabase, secretKeyAdvice } from '../../src/lib/server/backup';

async function main(): Promise<number> {
	const { values } = parseArgs({ options: { from: { type: 'string' } }, strict: true });
	if (!values.from?.trim()) {
		console.error('Say which backup to restore: npm run restore -- --from /secure/backups/dhr-2026-03-03.sqlite');
		return 2;
	}
	const from = resolve(values.from.trim());
	const target = resolve(databasePath());
	const summary = await restoreDatabase(from, target, resolve('drizzle'));
	console.log(`Restored ${from}`);
	console.log(`to ${target} (${formatBytes(summary.bytes)}, readable only by its owner).`);
	console.log(`Integrity check: ${summary.integrity}.`);
	console.log(describeContents(summary));
	console.log('Every session in the backup was ended: everyone signs in again. Start the server with npm start; it applies any newer migrations.');
	for (const line of secretKeyAdvice(target, 'restore')) console.log(line);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		if (error instanceof BackupRefused) console.error(`Restore refused: ${error.message}`);
		else console.error('The restore failed:', error);
		process.exit(1);
	}
);
