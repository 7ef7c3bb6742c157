/**
 * What `npm run dev` adds to Vite's dev server so the app works as `npm start` runs it
 * (issue 15: live editing did not work in development): the migrated database, the demo
 * seed when DEMO=1, the collaboration websocket on `/collab/` and the notifications'
 * sender and reminders. Loaded by the Vite plugin in vite.config.ts, in `serve` mode only.
 *
 * Left out in development: the update writer and WAL checkpointer threads (they run from
 * built worker files); updates are committed on the main thread's connection instead,
 * still before they are relayed, and SQLite checkpoints by itself.
 */
import type { Server } from 'node:http';
import { getDatabase } from '../src/lib/server/db/client';
import { isDemoMode, sessionPolicy } from '../src/lib/server/config';
import { secretKey } from '../src/lib/server/auth/secret-key';
import { seedDemo } from '../src/lib/server/demo';
import { createSqliteDocumentStore } from '../src/lib/server/document-store';
import { startNotifications } from '../src/lib/server/mail';
import { createCollaborationServer } from './collab/collaboration-server';
import { collabLimitsFromEnv } from './collab/limits';
import { attachCollaboration } from './collab-upgrade';

/** Before the dev server listens: the database (migrated as it opens), its key, and the demo. */
export async function prepareDevelopment(): Promise<void> {
	const db = getDatabase();
	secretKey();
	if (isDemoMode() && (await seedDemo(db))) {
		console.log('Demo mode: seeded the fictional review "Adult A". Every demo account uses the password "demo-password".');
	}
}

/**
 * Once the dev server listens (so its port is known): the collaboration websocket beside
 * Vite's own hot-reload one, and the notifications. Both stop when the dev server closes.
 */
export function attachDevelopmentCollaboration(httpServer: Server): void {
	const address = httpServer.address();
	const port = typeof address === 'object' && address ? address.port : Number(process.env.PORT ?? 3000);
	const db = getDatabase();
	// Vite prints 127.0.0.1 and people type localhost: a page from either may open documents.
	const allowedOrigin = process.env.ORIGIN ? process.env.ORIGIN : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
	const collab = createCollaborationServer({
		db,
		store: createSqliteDocumentStore(db),
		allowedOrigin,
		sessionPolicy: sessionPolicy(),
		limits: collabLimitsFromEnv()
	});
	const notifications = startNotifications(db, (line) => console.log(`[mail] ${line}`));
	attachCollaboration(httpServer, collab, { otherPaths: 'leave' });
	console.log(`Collaboration websocket on ws://localhost:${port}/collab/ (development)`);
	httpServer.once('close', () => {
		notifications
			.close()
			.then(() => collab.close())
			.catch((error) => console.error('Could not close the collaboration server:', error));
	});
}
