/**
 * Hands an HTTP server's websocket upgrades for `/collab/<docName>` to the collaboration
 * server: the one path production (server/index.ts) and development (server/dev.ts,
 * through a Vite plugin) both use, so `npm run dev` edits live exactly as `npm start` does.
 */
import type { Server } from 'node:http';
import type { CollaborationServer } from './collab/collaboration-server';

export const collabPathPrefix = '/collab/';

export interface AttachOptions {
	/**
	 * What to do with an upgrade to any other path: production refuses it (404); in
	 * development Vite's own hot-reload websocket answers it, so it is left alone.
	 */
	otherPaths: 'refuse' | 'leave';
}

export function attachCollaboration(server: Server, collab: CollaborationServer, options: AttachOptions): void {
	server.on('upgrade', (req, socket, head) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (!path.startsWith(collabPathPrefix)) {
			if (options.otherPaths === 'refuse') socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			return;
		}
		let docName: string;
		try {
			docName = decodeURIComponent(path.slice(collabPathPrefix.length));
		} catch {
			socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
			return;
		}
		collab.handleUpgrade(req, socket, head, docName);
	});
}
