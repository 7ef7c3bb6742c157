/**
 * `npm run backup -- --to FILE`: a consistent copy of the database at DATABASE_PATH,
 * taken while the server runs and people edit (SQLite's online backup API). Refuses to
 * overwrite FILE; writes it with mode 0600; checks it and prints what it holds.
 */
import { resolve } from 'node:path';
import { databasePath } from '../../src/lib/server/config';
import { backupDatabase, secretKeyAdvice } from '../../src/lib/server/backup';
import { fileArgument, printCopy, runCopyCommand } from './database-copy';

runCopyCommand('Backup', async () => {
	const target = fileArgument('to', 'Say where to write the copy: npm run backup -- --to /secure/backups/dhr-2026-03-03.sqlite');
	if (!target) return 2;
	const source = resolve(databasePath());
	printCopy('Backed up', source, target, await backupDatabase(source, target));
	console.log('This copy is as sensitive as the live database: keep it encrypted, with the same restricted access and the same retention.');
	for (const line of secretKeyAdvice(source, 'backup')) console.log(line);
	return 0;
});
