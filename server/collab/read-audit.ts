/**
 * Reading live content is audited like an export (issue 13): each connection that is
 * admitted to a document writes one row (who, which document, when, from where), and
 * its messages write none, so the log says who read what without growing per keystroke.
 */
import type { IncomingMessage } from 'node:http';
import { and, eq } from 'drizzle-orm';
import type { AppDatabase } from '../../src/lib/server/db/client';
import { agency } from '../../src/lib/server/db/schema';
import { recordAudit } from '../../src/lib/server/audit';
import { documentName, type DocumentRef } from '../../src/lib/domain/permissions';

/**
 * The client's address as the app's audit rows record it: adapter-node's
 * `ADDRESS_HEADER` and `XFF_DEPTH` behind a reverse proxy, the socket's otherwise.
 */
export function clientAddressOf(req: IncomingMessage): string | null {
	const header = process.env.ADDRESS_HEADER?.toLowerCase();
	if (!header) return req.socket.remoteAddress ?? null;
	const raw = req.headers[header];
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (!value) return null;
	if (header !== 'x-forwarded-for') return value.trim();
	const addresses = value.split(',').map((address) => address.trim());
	const depth = Number(process.env.XFF_DEPTH ?? 1);
	return addresses[addresses.length - depth] ?? null;
}

/** The document in the chair's words on the audit page, e.g. "Chronology: Northmoor Police". */
function describeDocument(db: AppDatabase, ref: DocumentRef): string {
	switch (ref.kind) {
		case 'chronology': {
			const found = db.select({ name: agency.name }).from(agency).where(and(eq(agency.id, ref.agencyId), eq(agency.reviewId, ref.reviewId))).get();
			return `Chronology: ${found?.name ?? 'an agency'}`;
		}
		case 'analysis':
			return 'The panel’s analysis of the chronology';
		case 'report':
			return 'Overview report';
		case 'terms':
			return 'Terms of reference';
		case 'event':
			return 'Learning event board';
		case 'imr': {
			const found = db.select({ name: agency.name }).from(agency).where(and(eq(agency.id, ref.agencyId), eq(agency.reviewId, ref.reviewId))).get();
			return `IMR: ${found?.name ?? 'an agency'}`;
		}
		case 'meeting':
			return 'Panel meeting minutes';
	}
}

/** Records that a user opened a live document; called once per admitted connection. */
export function recordDocumentOpened(db: AppDatabase, opened: { userId: string; ref: DocumentRef; ipAddress: string | null; at?: Date }): void {
	const { ref } = opened;
	recordAudit(db, {
		action: 'document.opened',
		actorUserId: opened.userId,
		reviewId: ref.reviewId,
		detail: { document: describeDocument(db, ref), docName: documentName(ref), ...(ref.kind === 'event' ? { eventId: ref.eventId } : {}), ...(ref.kind === 'meeting' ? { meetingId: ref.meetingId } : {}) },
		ipAddress: opened.ipAddress,
		at: opened.at
	});
}
