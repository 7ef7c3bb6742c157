/**
 * The family's part in sign-off (issue 6): the chair shares named versions with the
 * family advocate, who reads only those, records the family's comments or
 * disagreement, and (with the chair) the contact with the family. Nothing here reads
 * agency records: a shared version is the report's text as it was named.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AppDatabase } from './db/client';
import { familyComment, familyContact, familyShare, reportVersion, user } from './db/schema';
import { recordAudit } from './audit';
import { refused, type Actor, type Outcome } from './actor';
import { isIsoDate, todayInUk } from '../domain/dates';
import { openFlagsInVersion, openFlagsWarning, type OpenFlagsWarning } from './language';
import { openFindingsWarning, openVersionFindings, type OpenFindingsWarning } from './anonymisation';

export const familyUnsharedMessage = 'That version has not been shared with the family';

export interface FamilyShare {
	id: string;
	versionId: string;
	versionName: string;
	sharedAt: Date;
	sharedByName: string;
}

export function listFamilyShares(db: AppDatabase, reviewId: string): FamilyShare[] {
	return db
		.select({ id: familyShare.id, versionId: familyShare.versionId, versionName: reportVersion.name, sharedAt: familyShare.sharedAt, sharedByName: user.name })
		.from(familyShare)
		.innerJoin(reportVersion, eq(reportVersion.id, familyShare.versionId))
		.innerJoin(user, eq(user.id, familyShare.sharedBy))
		.where(eq(familyShare.reviewId, reviewId))
		.orderBy(desc(familyShare.sharedAt))
		.all();
}

/** The share, or null when that version was never shared with the family (or is not this review's). */
export function findFamilyShare(db: AppDatabase, reviewId: string, shareId: string): FamilyShare | null {
	return listFamilyShares(db, reviewId).find((share) => share.id === shareId) ?? null;
}

/**
 * Shares a named version with the family advocate. While language flags are open in it
 * the chair is shown them and asked first (`confirmOpenFlags`); going ahead is audited
 * with their number.
 */
export function shareWithFamily(db: AppDatabase, actor: Actor, reviewId: string, versionId: string, options: { confirmOpenFlags?: boolean; confirmOpenFindings?: boolean } = {}, now = new Date()): Outcome<{ id: string }> | OpenFlagsWarning | OpenFindingsWarning {
	const version = db.select({ id: reportVersion.id }).from(reportVersion).where(and(eq(reportVersion.id, versionId), eq(reportVersion.reviewId, reviewId))).get();
	if (!version) return refused(404, 'versionId', 'Choose a named version of the report');
	const existing = db.select({ id: familyShare.id }).from(familyShare).where(and(eq(familyShare.reviewId, reviewId), eq(familyShare.versionId, versionId))).get();
	if (existing) return refused(409, 'versionId', 'That version is already shared with the family');
	const openFlags = openFlagsInVersion(db, reviewId, versionId) ?? [];
	if (openFlags.length && !options.confirmOpenFlags) return openFlagsWarning(openFlags, 'share');
	// Then possible identifiers (issue 16), before the family sees the words.
	const openFindings = openVersionFindings(db, reviewId, versionId) ?? [];
	if (openFindings.length && !options.confirmOpenFindings) return openFindingsWarning(openFindings, 'share');
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(familyShare).values({ id, reviewId, versionId, sharedBy: actor.userId, sharedAt: now }).run();
		recordAudit(tx, { action: 'family.shared', actorUserId: actor.userId, reviewId, detail: { versionId, openFlags: openFlags.length, openFindings: openFindings.length }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

export interface FamilyCommentView {
	id: string;
	shareId: string;
	versionName: string;
	kind: 'comment' | 'disagreement';
	body: string;
	recordedAt: Date;
	recordedByName: string;
}

export function listFamilyComments(db: AppDatabase, reviewId: string): FamilyCommentView[] {
	return db
		.select({ id: familyComment.id, shareId: familyComment.shareId, versionName: reportVersion.name, kind: familyComment.kind, body: familyComment.body, recordedAt: familyComment.recordedAt, recordedByName: user.name })
		.from(familyComment)
		.innerJoin(familyShare, eq(familyShare.id, familyComment.shareId))
		.innerJoin(reportVersion, eq(reportVersion.id, familyShare.versionId))
		.innerJoin(user, eq(user.id, familyComment.recordedBy))
		.where(eq(familyComment.reviewId, reviewId))
		.orderBy(asc(familyComment.recordedAt))
		.all();
}

export const maxFamilyTextLength = 8_000;

export function recordFamilyComment(db: AppDatabase, actor: Actor, reviewId: string, input: { shareId: string; kind: 'comment' | 'disagreement'; body: string }, now = new Date()): Outcome<{ id: string }> {
	if (!findFamilyShare(db, reviewId, input.shareId)) return refused(404, 'shareId', familyUnsharedMessage);
	const body = input.body.trim();
	if (!body) return refused(400, 'body', input.kind === 'disagreement' ? 'Write what the family disagrees with' : 'Write the family’s comments');
	if (body.length > maxFamilyTextLength) return refused(400, 'body', `Keep it to ${maxFamilyTextLength.toLocaleString('en-GB')} characters or fewer`);
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(familyComment).values({ id, reviewId, shareId: input.shareId, kind: input.kind, body, recordedBy: actor.userId, recordedAt: now }).run();
		recordAudit(tx, { action: `family.${input.kind}_recorded`, actorUserId: actor.userId, reviewId, detail: { shareId: input.shareId, commentId: id }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}

export interface FamilyContactView {
	id: string;
	contactDate: string;
	through: string;
	summary: string;
	publication: string;
	recordedByName: string;
}

export function listFamilyContacts(db: AppDatabase, reviewId: string): FamilyContactView[] {
	return db
		.select({ id: familyContact.id, contactDate: familyContact.contactDate, through: familyContact.through, summary: familyContact.summary, publication: familyContact.publication, recordedByName: user.name })
		.from(familyContact)
		.innerJoin(user, eq(user.id, familyContact.recordedBy))
		.where(eq(familyContact.reviewId, reviewId))
		.orderBy(asc(familyContact.contactDate), asc(familyContact.recordedAt))
		.all();
}

export interface FamilyContactInput {
	contactDate: string;
	through: string;
	summary: string;
	publication: string;
}

export function recordFamilyContact(db: AppDatabase, actor: Actor, reviewId: string, input: FamilyContactInput, now = new Date()): Outcome<{ id: string }> {
	if (!isIsoDate(input.contactDate)) return refused(400, 'contactDate', 'Enter the date of the contact, for example 3 3 2025');
	if (input.contactDate > todayInUk(now)) return refused(400, 'contactDate', 'The date of the contact must be today or in the past');
	const through = input.through.trim();
	const summary = input.summary.trim();
	if (!through) return refused(400, 'through', 'Say through whom the family was contacted, for example “the family advocate, by phone”');
	if (!summary) return refused(400, 'summary', 'Write what was discussed or agreed');
	for (const [field, value] of Object.entries({ through, summary, publication: input.publication.trim() })) {
		if (value.length > maxFamilyTextLength) return refused(400, field, `Keep it to ${maxFamilyTextLength.toLocaleString('en-GB')} characters or fewer`);
	}
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(familyContact).values({ id, reviewId, contactDate: input.contactDate, through, summary, publication: input.publication.trim(), recordedBy: actor.userId, recordedAt: now }).run();
		recordAudit(tx, { action: 'family.contact_recorded', actorUserId: actor.userId, reviewId, detail: { contactId: id }, ipAddress: actor.ipAddress, at: now });
	});
	return { ok: true, value: { id } };
}
