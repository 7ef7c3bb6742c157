/**
 * What `npm run backup` and `npm run restore` share: one path argument, the summary they
 * print, and how they end (a refusal in plain words, anything else as a failure).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { BackupRefused, describeContents, formatBytes, type DatabaseSummary } from '../../src/lib/server/backup';

/** The file named by `--<option>`, resolved; or null, having said how to give it. */
export function fileArgument(option: 'to' | 'from', usage: string): string | null {
	const { values } = parseArgs({ options: { [option]: { type: 'string' } }, strict: true });
	const file = values[option];
	if (typeof file !== 'string' || !file.trim()) {
		console.error(usage);
		return null;
	}
	return resolve(file.trim());
}

export function printCopy(verb: 'Backed up' | 'Restored', from: string, to: string, summary: DatabaseSummary): void {
	console.log(`${verb} ${from}`);
	console.log(`to ${to} (${formatBytes(summary.bytes)}, readable only by its owner).`);
	console.log(`Integrity check: ${summary.integrity}.`);
	console.log(describeContents(summary));
}

export function runCopyCommand(what: 'Backup' | 'Restore', main: () => Promise<number>): void {
	main().then(
		(code) => process.exit(code),
		(error) => {
			if (error instanceof BackupRefused) console.error(`${what} refused: ${error.message}`);
			else console.error(`The ${what.toLowerCase()} failed:`, error);
			process.exit(1);
		}
	);
}
