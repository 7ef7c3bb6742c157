/**
 * Who is connecting, and to what: the session cookie, the Origin header and the
 * document name are checked on upgrade, against the same permission table the
 * app uses (src/lib/domain/permissions.ts).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { and, eq } from 'drizzle-orm';
import type { AppDatabase } from '../../src/lib/server/db/client';
import { agency } from '../../src/lib/server/db/schema';
import { checkSessionToken } from '../../src/lib/server/auth/session';
import { sessionCookieName } from '../../src/lib/server/auth/cookie-name';
import type { SessionPolicy } from '../../src/lib/server/config';
import { findMembership } from '../../src/lib/server/reviews';
import { reviewFacts } from '../../src/lib/server/signoff';
import { eventFacts, findEvent } from '../../src/lib/server/events';
import { findMeeting, meetingFacts } from '../../src/lib/server/meetings';
import { documentAccess, meetingAccess, parseDocumentName, type DocumentAccess, type DocumentRef, type Membership } from '../../src/lib/domain/permissions';
import { closeCodes } from './close-codes';
import { materialDeletedAt } from '../../src/lib/server/retention';
import { imrStatusOf } from '../../src/lib/server/imrs';

/** A close reason must fit in 123 bytes. */
export const materialDeletedReason = 'The working material of this review was deleted';

export interface ConnectionIdentity {
	userId: string;
	sessionId: string;
	name: string;
}

export type UpgradeDecision =
	| { ok: true; identity: ConnectionIdentity; ref: DocumentRef; membership: Membership; access: Exclude<DocumentAccess, 'none'>; reservedRoots: string[] }
	| { ok: false; code: number; reason: string };

export function isAllowedOrigin(req: IncomingMessage, allowedOrigin: string | readonly string[]): boolean {
	const origin = req.headers.origin;
	return typeof allowedOrigin === 'string' ? origin === allowedOrigin : origin !== undefined && allowedOrigin.includes(origin);
}

/**
 * What a member may do with a document now; rechecked whenever membership changes. Beside
 * read or write, the parts of the document they may not change though they write to it:
 * in a panel meeting, only whoever presents moves the agenda (`live`), and only the server
 * signals (`signals`).
 */
export function resolveAccess(db: AppDatabase, ref: DocumentRef, userId: string): { membership: Membership; access: DocumentAccess; reservedRoots: string[] } | null {
	const membership = findMembership(db, ref.reviewId, userId);
	if (!membership) return null;
	// The review's documents were deleted under its retention rule: there is nothing to open.
	if (materialDeletedAt(db, ref.reviewId)) return null;
	if (ref.kind === 'chronology' || ref.kind === 'imr') {
		const known = db.select({ id: agency.id }).from(agency).where(and(eq(agency.id, ref.agencyId), eq(agency.reviewId, ref.reviewId))).get();
		if (!known) return null;
	}
	if (ref.kind === 'event') {
		const event = findEvent(db, ref.reviewId, ref.eventId);
		if (!event) return null;
		return { membership, access: documentAccess(membership, ref, { ...reviewFacts(db, ref.reviewId), event: eventFacts(db, event, userId) }), reservedRoots: [] };
	}
	if (ref.kind === 'meeting') {
		// As for event boards: the meeting's own facts (who presents, whether its minutes are still open).
		const found = findMeeting(db, ref.reviewId, ref.meetingId);
		if (!found) return null;
		const facts = meetingFacts(found, userId);
		return {
			membership,
			access: documentAccess(membership, ref, { ...reviewFacts(db, ref.reviewId), meeting: facts }),
			reservedRoots: meetingAccess(membership, facts) === 'run' ? ['signals'] : ['live', 'signals']
		};
	}
	if (ref.kind === 'imr') {
		// Who reads an IMR depends on its status (drafts stay with the agency and the chair).
		return { membership, access: documentAccess(membership, ref, { ...reviewFacts(db, ref.reviewId), imrStatus: imrStatusOf(db, ref.reviewId, ref.agencyId) }), reservedRoots: [] };
	}
	// The review's stage is a fact of the decision: a final report is read-only for everyone.
	return { membership, access: documentAccess(membership, ref, reviewFacts(db, ref.reviewId)), reservedRoots: [] };
}

export function authenticateUpgrade(db: AppDatabase, req: IncomingMessage, docName: string, now: Date, policy: SessionPolicy): UpgradeDecision {
	const token = parseCookies(req.headers.cookie ?? '')[sessionCookieName];
	if (!token) return { ok: false, code: closeCodes.unauthenticated, reason: 'Sign in to continue' };
	const check = checkSessionToken(db, token, now, policy);
	if (!check.ok) return { ok: false, code: closeCodes.unauthenticated, reason: 'Your session has ended. Sign in again.' };
	const { user, session } = check.validated;
	if (check.validated.pending) return { ok: false, code: closeCodes.unauthenticated, reason: 'Finish signing in first' };
	if (user.mustChangePassword) return { ok: false, code: closeCodes.unauthenticated, reason: 'Change your one-time password first' };
	const ref = parseDocumentName(docName);
	// Unknown documents and reviews one is not a member of look the same: nothing is revealed.
	if (!ref) return { ok: false, code: closeCodes.notFound, reason: 'Document not found' };
	const resolved = resolveAccess(db, ref, user.id);
	if (!resolved || resolved.access === 'none') {
		// Members are told why (non-members get the same answer as for any unknown document).
		if (materialDeletedAt(db, ref.reviewId) && findMembership(db, ref.reviewId, user.id)) return { ok: false, code: closeCodes.materialDeleted, reason: materialDeletedReason };
		return { ok: false, code: closeCodes.notFound, reason: 'Document not found' };
	}
	return {
		ok: true,
		identity: { userId: user.id, sessionId: session.id, name: user.name },
		ref,
		membership: resolved.membership,
		access: resolved.access,
		reservedRoots: resolved.reservedRoots
	};
}
