/**
 * Production entry: one Node process on one port (DESIGN.md) serving the SvelteKit
 * app and, on upgrade, the collaboration websocket.
 */
import { resolve } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeDatabases, getDatabase } from '../src/lib/server/db/client';
import { isDemoMode, databasePath, mfaRequired, sessionPolicy } from '../src/lib/server/config';
import { secretKey } from '../src/lib/server/auth/secret-key';
import { seedDemo } from '../src/lib/server/demo';
import { createSqliteDocumentStore } from '../src/lib/server/document-store';
import { createCollaborationServer } from './collab/collaboration-server';
import { collabLimitsFromEnv } from './collab/limits';
import { createWorkerWriter } from './collab/update-writer';
import { startCheckpointer } from './collab/checkpointer';
import { startNotifications } from '../src/lib/server/mail';
import { attachCollaboration } from './collab-upgrade';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

async function main(): Promise<void> {
	const port = Number(process.env.PORT ?? 3000);
	const host = process.env.HOST || '127.0.0.1';
	// adapter-node reads ORIGIN when its handler loads, so settle it first.
	process.env.ORIGIN ||= `http://localhost:${port}`;
	// Uploads may be up to 5 MB (chronology imports, spreadsheet-reader.ts; every other file,
	// maxFileBytes in review-files.ts), with room for the form's other fields; adapter-node's
	// default is 512 KB. Raise this and those together.
	process.env.BODY_SIZE_LIMIT ||= '6M';

	// Opening the database applies any pending migrations before a request is served.
	const db = getDatabase();
	// Made on first start (0600, beside the database unless SECRET_KEY_FILE says otherwise), so a
	// missing or unreadable key stops the server now rather than at someone's first sign-in.
	secretKey();
	if (!mfaRequired() && !isDemoMode()) console.warn('MFA_REQUIRED=0: accounts can sign in without a second factor. Do not run real reviews like this.');
	if (isDemoMode() && (await seedDemo(db))) {
		console.log('Demo mode: seeded the fictional review "Adult A". Every demo account uses the password "demo-password".');
	}

	const handlerUrl = new URL('./handler.js', import.meta.url).href;
	const { handler } = (await import(handlerUrl)) as { handler: NodeHandler };

	const checkpointer = startCheckpointer(new URL('./checkpoint-worker.js', import.meta.url), resolve(databasePath()), db, (message) => console.warn(`[db] ${message}`));
	const collab = createCollaborationServer({
		db,
		store: createSqliteDocumentStore(db),
		allowedOrigin: process.env.ORIGIN,
		sessionPolicy: sessionPolicy(),
		limits: collabLimitsFromEnv(),
		// Commits on their own thread, so a commit waiting for the disk never holds up relaying.
		writer: createWorkerWriter(new URL('./update-writer-worker.js', import.meta.url), resolve(databasePath()))
	});

	// The outbox's sender and the reminders job; a malformed SMTP_URL is said here and the outbox keeps its messages.
	const notifications = startNotifications(db, (line) => console.log(`[mail] ${line}`));

	const server = createServer((req, res) => handler(req, res));
	attachCollaboration(server, collab, { otherPaths: 'refuse' });

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	console.log(`DHR Panel Workspace listening on http://${host}:${actualPort} (database ${databasePath()}${isDemoMode() ? ', DEMO MODE' : ''})`);

	let closing = false;
	const shutdown = (signal: string) => {
		if (closing) return;
		closing = true;
		console.log(`${signal} received: saving documents, closing connections and the database`);
		server.closeIdleConnections();
		const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
		notifications
			.close()
			.then(() => collab.close())
			.then(() => checkpointer.close())
			.then(() => httpClosed)
			.then(() => {
				closeDatabases();
				process.exit(0);
			})
			.catch((error) => {
				console.error('Shutdown failed:', error);
				process.exit(1);
			});
		setTimeout(() => {
			server.closeAllConnections();
		}, 5_000).unref();
	};
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
	console.error('Could not start DHR Panel Workspace:', error);
	process.exit(1);
});
