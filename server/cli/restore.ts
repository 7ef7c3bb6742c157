/**
 * `npm run restore -- --from FILE`: puts a backup in place at DATABASE_PATH, which must
 * not hold a database yet (an empty data folder). Checks the backup's integrity and that
 * its migrations are ones this version knows; ends every session it holds.
 */
import { resolve } from 'node:path';
import { databasePath } from '../../src/lib/server/config';
import { restoreDatabase, secretKeyAdvice } from '../../src/lib/server/backup';
import { fileArgument, printCopy, runCopyCommand } from './database-copy';

runCopyCommand('Restore', async () => {
	const from = fileArgument('from', 'Say which backup to restore: npm run restore -- --from /secure/backups/dhr-2026-03-03.sqlite');
	if (!from) return 2;
	const target = resolve(databasePath());
	printCopy('Restored', from, target, await restoreDatabase(from, target, resolve('drizzle')));
	console.log('Every session in the backup was ended: everyone signs in again. Start the server with npm start; it applies any newer migrations.');
	for (const line of secretKeyAdvice(target, 'restore')) console.log(line);
	return 0;
});
