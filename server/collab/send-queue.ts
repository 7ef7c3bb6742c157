/**
 * A cap on what waits to be sent to one connection (issue 13: a read-only member who
 * asked for the document hundreds of times without reading the answers took the
 * server from 230 MB to over 1.1 GB). The server keeps no queue of its own: what
 * waits is what `ws` and the socket hold, `ws.bufferedAmount`. Past the cap the
 * connection is closed, and cut off soon after if it does not read its close frame,
 * so its buffers (and its place in the room) are freed.
 */
import type { WebSocket } from 'ws';

/** How long a connection closed for falling behind has to read its close frame. */
const closeGraceMs = 5_000;

/**
 * Whether sending `messageBytes` more would take the connection past `maxQueuedBytes`.
 * A message always goes when nothing waits, however large (the first sync of a big document).
 */
export function wouldOverflow(ws: WebSocket, messageBytes: number, maxQueuedBytes: number): boolean {
	return ws.bufferedAmount > 0 && ws.bufferedAmount + messageBytes > maxQueuedBytes;
}

/** After `ws.close()`: a peer that is not reading never answers it, so end the socket itself. */
export function cutOffIfStillOpen(ws: WebSocket): void {
	setTimeout(() => {
		if (ws.readyState !== ws.CLOSED) ws.terminate();
	}, closeGraceMs).unref();
}
