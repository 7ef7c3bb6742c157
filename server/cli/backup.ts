/**
 * `npm run backup -- --to FILE`: a consistent copy of the database at DATABASE_PATH,
 * taken while the server runs and people edit (SQLite's online backup API). Refuses to
 * overwrite FILE; writes it with mode 0600; checks it and prints what it holds.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { databasePath } from '../../src/lib/server/config';
import { BackupRefused, backupDatabase, describeContents, formatBytes, secretKeyAdvice } from '../../src/lib/server/backup';

async function main(): Promise<number> {
	const { values } = parseArgs({ options: { to: { type: 'string' } }, strict: true });
	if (!values.to?.trim()) {
		console.error('Say where to write the copy: npm run backup -- --to /secure/backups/dhr-2026-03-03.sqlite');
		return 2;
	}
	const source = resolve(databasePath());
	const target = resolve(values.to.trim());
	const summary = await backupDatabase(source, target);
	console.log(`Backed up ${source}`);
	console.log(`to ${target} (${formatBytes(summary.bytes)}, readable only by its owner).`);
	console.log(`Integrity check: ${summary.integrity}.`);
	console.log(describeContents(summary));
	console.log('This copy is as sensitive as the live database: keep it encrypted, with the same restricted access and the same retention.');
	for (const line of secretKeyAdvice(source, 'backup')) console.log(line);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		if (error instanceof BackupRefused) console.error(`Backup refused: ${error.message}`);
		else console.error('The backup failed:', error);
		process.exit(1);
	}
);
