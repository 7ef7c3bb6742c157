import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../../src/lib/server/db/client';

/** A real, migrated SQLite file in a fresh temporary folder. */
export function createTempDatabase(): { db: AppDatabase; path: string; dispose: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'dhr-test-'));
	const path = join(dir, 'nested', 'dhr.sqlite');
	const db = openDatabase(path);
	return {
		db,
		path,
		dispose: () => {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
