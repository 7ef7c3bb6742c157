import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const user = sqliteTable('user', {
	id: text().primaryKey(),
	email: text().notNull().unique(),
	name: text().notNull(),
	passwordHash: text().notNull(),
	isAdmin: integer({ mode: 'boolean' }).notNull().default(false),
	/** Set for one-time passwords: the user must choose their own at first sign-in. */
	mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
	/** Set while the account is deactivated: it cannot sign in, but its name stays in the record. */
	deactivatedAt: integer({ mode: 'timestamp_ms' }),
	createdAt: createdAt()
});
export type User = typeof user.$inferSelect;

export const session = sqliteTable(
	'session',
	{
		id: text().primaryKey(),
		/** SHA-256 of the token's secret half; the token itself is never stored. */
		secretHash: blob({ mode: 'buffer' }).notNull(),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
		lastActiveAt: integer({ mode: 'timestamp_ms' }).notNull(),
		ipAddress: text(),
		userAgent: text(),
		/** A hard end for limited sessions, such as a guest's, which end with their event's window. */
		expiresAt: integer({ mode: 'timestamp_ms' }),
		/** When this session passed its second factor; until then it reaches only the second-factor pages. */
		secondFactorAt: integer({ mode: 'timestamp_ms' })
	},
	(table) => [index('session_user_idx').on(table.userId)]
);
export type Session = typeof session.$inferSelect;

export const review = sqliteTable('review', {
	id: text().primaryKey(),
	/** Pseudonymised from the start, e.g. "Adult A": the real name never enters the system. */
	title: text().notNull(),
	partnership: text().notNull(),
	dateOfDeath: text().notNull(),
	notifiedOn: text().notNull(),
	decisionOn: text(),
	/** Optional: lets the chronology show the victim's age at each entry. */
	victimDateOfBirth: text(),
	/** Set when the working material was deleted under the retention rule (see review_deletion). */
	materialDeletedAt: integer({ mode: 'timestamp_ms' }),
	createdBy: text()
		.notNull()
		.references(() => user.id),
	createdAt: createdAt()
});
export type Review = typeof review.$inferSelect;

export const agency = sqliteTable(
	'agency',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		kind: text().notNull(),
		createdAt: createdAt()
	},
	(table) => [index('agency_review_idx').on(table.reviewId)]
);
export type Agency = typeof agency.$inferSelect;

export const membership = sqliteTable(
	'membership',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text().notNull(),
		agencyId: text().references(() => agency.id),
		addedBy: text().references(() => user.id),
		addedAt: createdAt()
	},
	(table) => [
		primaryKey({ columns: [table.reviewId, table.userId] }),
		index('membership_user_idx').on(table.userId)
	]
);
export type MembershipRow = typeof membership.$inferSelect;

export const timescaleExtension = sqliteTable('timescale_extension', {
	id: text().primaryKey(),
	reviewId: text()
		.notNull()
		.references(() => review.id, { onDelete: 'cascade' }),
	milestone: text().notNull(),
	newDueOn: text().notNull(),
	reason: text().notNull(),
	recordedBy: text()
		.notNull()
		.references(() => user.id),
	recordedAt: createdAt()
});
export type TimescaleExtensionRow = typeof timescaleExtension.$inferSelect;

/**
 * Append-only: the migration adds triggers that refuse UPDATE and DELETE, so
 * not even a bug in our code can rewrite who saw or changed what.
 */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
		actorUserId: text(),
		action: text().notNull(),
		reviewId: text(),
		targetUserId: text(),
		detail: text({ mode: 'json' }).$type<Record<string, unknown>>(),
		ipAddress: text()
	},
	(table) => [
		index('audit_review_idx').on(table.reviewId, table.at),
		index('audit_actor_idx').on(table.actorUserId, table.at)
	]
);
export type AuditEvent = typeof auditEvent.$inferSelect;

/** Failed sign-in counters, in the shape rate-limiter-flexible's SQLite store expects. */
export const signInThrottle = sqliteTable('sign_in_throttle', {
	key: text().primaryKey(),
	points: integer().notNull().default(0),
	expire: integer()
});

// ---- Second factors (issue 13) ----

/** An authenticator app (TOTP, RFC 6238). The shared secret is encrypted with a key kept outside this database. */
export const totpCredential = sqliteTable(
	'totp_credential',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		/** AES-256-GCM: nonce, tag and ciphertext of the secret. */
		encryptedSecret: blob({ mode: 'buffer' }).notNull(),
		/** The newest time step accepted; a code of that step or earlier is refused (no replay). */
		lastUsedStep: integer(),
		/** Null until the first correct code confirms the enrolment. */
		confirmedAt: integer({ mode: 'timestamp_ms' }),
		lastUsedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(table) => [index('totp_credential_user_idx').on(table.userId)]
);
export type TotpCredential = typeof totpCredential.$inferSelect;

/** A passkey or security key (WebAuthn). */
export const webauthnCredential = sqliteTable(
	'webauthn_credential',
	{
		/** The credential id, base64url. */
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		publicKey: blob({ mode: 'buffer' }).notNull(),
		counter: integer().notNull().default(0),
		transports: text({ mode: 'json' }).$type<string[]>(),
		backedUp: integer({ mode: 'boolean' }).notNull().default(false),
		lastUsedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(table) => [index('webauthn_credential_user_idx').on(table.userId)]
);
export type WebauthnCredential = typeof webauthnCredential.$inferSelect;

/** A WebAuthn challenge, kept on the server, bound to one session and used once. */
export const webauthnChallenge = sqliteTable('webauthn_challenge', {
	challenge: text().primaryKey(),
	sessionId: text()
		.notNull()
		.references(() => session.id, { onDelete: 'cascade' }),
	purpose: text({ enum: ['register', 'authenticate'] }).notNull(),
	expiresAt: integer({ mode: 'timestamp_ms' }).notNull()
});

/** Ten recovery codes per user, shown once; only their hashes are kept, each used once. */
export const recoveryCode = sqliteTable(
	'recovery_code',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		codeHash: text().notNull(),
		usedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(table) => [index('recovery_code_user_idx').on(table.userId)]
);

// ---- Account lifecycle (issue 13) ----

/** A chair's one-use invitation for someone with no account yet; only the token's hash is kept. */
export const accountInvitation = sqliteTable(
	'account_invitation',
	{
		id: text().primaryKey(),
		tokenHash: text().notNull().unique(),
		email: text().notNull(),
		name: text().notNull(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		role: text().notNull(),
		agencyId: text().references(() => agency.id, { onDelete: 'set null' }),
		invitedBy: text()
			.notNull()
			.references(() => user.id),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		usedAt: integer({ mode: 'timestamp_ms' }),
		revokedAt: integer({ mode: 'timestamp_ms' }),
		userId: text().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('account_invitation_review_idx').on(table.reviewId), index('account_invitation_email_idx').on(table.email)]
);
export type AccountInvitation = typeof accountInvitation.$inferSelect;

// ---- Retention and deletion (issue 13) ----

/** How long a review's working material is kept (information governance), set by the admin. */
export const reviewRetention = sqliteTable('review_retention', {
	reviewId: text()
		.primaryKey()
		.references(() => review.id, { onDelete: 'cascade' }),
	/** Delete working material this many years after publication. */
	keepYears: integer().notNull(),
	/** The date the report was published (YYYY-MM-DD), when known. */
	publishedOn: text(),
	note: text().notNull().default(''),
	setBy: text()
		.notNull()
		.references(() => user.id),
	setAt: integer({ mode: 'timestamp_ms' }).notNull()
});
export type ReviewRetention = typeof reviewRetention.$inferSelect;

/** What a deletion removed, when and by whom: kept after the material itself is gone. */
export const reviewDeletion = sqliteTable(
	'review_deletion',
	{
		id: text().primaryKey(),
		/** Not a foreign key: the tombstone outlives whatever it describes. */
		reviewId: text().notNull(),
		reviewTitle: text().notNull(),
		/** Counts of what was removed, by kind (JSON). */
		removed: text({ mode: 'json' }).$type<Record<string, number>>().notNull(),
		/** What was kept, in words (e.g. the published report, the audit trail). */
		kept: text().notNull(),
		reason: text().notNull(),
		deletedBy: text()
			.notNull()
			.references(() => user.id),
		deletedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('review_deletion_review_idx').on(table.reviewId)]
);
export type ReviewDeletion = typeof reviewDeletion.$inferSelect;

// ---- Collaborative documents (server/collab) ----

/** Every accepted Yjs update, stored before it is relayed (DESIGN.md, websocket rules). */
export const docUpdate = sqliteTable(
	'doc_update',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		docName: text().notNull(),
		update: blob({ mode: 'buffer' }).notNull(),
		userId: text(),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('doc_update_doc_idx').on(table.docName, table.id)]
);

/** The compacted state of a document: every update with id <= upToUpdateId merged into one. */
export const docSnapshot = sqliteTable(
	'doc_snapshot',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		docName: text().notNull(),
		upToUpdateId: integer().notNull(),
		state: blob({ mode: 'buffer' }).notNull(),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('doc_snapshot_doc_idx').on(table.docName, table.id)]
);

/**
 * A point in a document's history: a Yjs snapshot (state vector and delete set, a few
 * hundred bytes). Documents keep deleted content (gc off), so any mark can be turned
 * back into the document as it stood then.
 */
export const docMark = sqliteTable(
	'doc_mark',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		docName: text().notNull(),
		snapshot: blob({ mode: 'buffer' }).notNull(),
		reason: text().notNull(),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('doc_mark_doc_idx').on(table.docName, table.createdAt)]
);

/** Which user a Yjs client id writes for in a document: authorship, and no impersonation. */
export const docClient = sqliteTable(
	'doc_client',
	{
		docName: text().notNull(),
		clientId: integer().notNull(),
		userId: text().notNull(),
		firstSeenAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.docName, table.clientId] })]
);

/** The overview report's sections: order and titles (the chair's); text lives in the report document. */
export const reportSection = sqliteTable(
	'report_section',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		key: text().notNull(),
		title: text().notNull(),
		part: text({ enum: ['overview', 'executive-summary'] }).notNull(),
		position: integer().notNull(),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.key] })]
);
export type ReportSection = typeof reportSection.$inferSelect;

/** A flagged occurrence a member judged right in context, with their reason (language-dismissal.ts). */
export const languageDismissal = sqliteTable(
	'language_dismissal',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		occurrenceKey: text().notNull(),
		termId: text().notNull(),
		sectionKey: text().notNull(),
		reason: text().notNull(),
		userId: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.occurrenceKey] })]
);

/** Words the chair asks the language check to flag in this review (e.g. a real name). */
export const languageTerm = sqliteTable(
	'language_term',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		phrase: text().notNull(),
		why: text().notNull(),
		suggestion: text().notNull(),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [index('language_term_review_idx').on(table.reviewId)]
);

/** A named version of the report: its exact state then, for sign-off against a version. */
export const reportVersion = sqliteTable(
	'report_version',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		/** Y.encodeStateAsUpdate of the report document when the version was made. */
		state: blob({ mode: 'buffer' }).notNull(),
		/** The integrated chronology's entries as they stood then (JSON), so sign-off reads the same. Null for older versions. */
		chronology: text({ mode: 'json' }),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [index('report_version_review_idx').on(table.reviewId, table.createdAt)]
);

/** Comments on the report: a thread is a root comment (anchored to a passage) and its replies. */
export const reportComment = sqliteTable(
	'report_comment',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		sectionKey: text().notNull(),
		/** Null for a thread's first comment. */
		parentId: text(),
		/** Yjs relative positions of the passage (JSON), for the first comment only. */
		anchor: text(),
		/** The passage as it read when the thread started. */
		quote: text().notNull().default(''),
		body: text().notNull(),
		authorId: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt(),
		updatedAt: integer({ mode: 'timestamp_ms' }),
		resolvedAt: integer({ mode: 'timestamp_ms' }),
		resolvedBy: text().references(() => user.id)
	},
	(table) => [index('report_comment_review_idx').on(table.reviewId, table.createdAt)]
);

/** When each member last opened the report, and the report as it stood then (a Y.Snapshot). */
export const reportVisit = sqliteTable(
	'report_visit',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		seenAt: integer({ mode: 'timestamp_ms' }).notNull(),
		snapshot: blob({ mode: 'buffer' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.userId] })]
);

/** A review's sign-off state (domain/signoff.ts), kept whole; every step is also in the audit log. */
export const signoffState = sqliteTable('signoff_state', {
	reviewId: text()
		.primaryKey()
		.references(() => review.id, { onDelete: 'cascade' }),
	state: text({ mode: 'json' }).notNull(),
	updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
});

/** A named report version the chair shared with the family, through their advocate (issue 6). */
export const familyShare = sqliteTable(
	'family_share',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		versionId: text()
			.notNull()
			.references(() => reportVersion.id, { onDelete: 'cascade' }),
		sharedBy: text()
			.notNull()
			.references(() => user.id),
		sharedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [uniqueIndex('family_share_version').on(table.reviewId, table.versionId)]
);

/** The family's comments on a shared version, or their disagreement, as their advocate recorded it. */
export const familyComment = sqliteTable(
	'family_comment',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		shareId: text()
			.notNull()
			.references(() => familyShare.id, { onDelete: 'cascade' }),
		kind: text({ enum: ['comment', 'disagreement'] }).notNull(),
		body: text().notNull(),
		recordedBy: text()
			.notNull()
			.references(() => user.id),
		recordedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('family_comment_review').on(table.reviewId, table.recordedAt)]
);

/** Contact with the family: when, through whom, and what was agreed (about publication too). */
export const familyContact = sqliteTable(
	'family_contact',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		contactDate: text().notNull(),
		through: text().notNull(),
		summary: text().notNull(),
		publication: text().notNull().default(''),
		recordedBy: text()
			.notNull()
			.references(() => user.id),
		recordedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('family_contact_review').on(table.reviewId, table.contactDate)]
);

/** A learning event (issue 7): its plan. What happens live is in its Yjs document. */
export const learningEvent = sqliteTable(
	'learning_event',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		kind: text({ enum: ['practitioner', 'managers', 'recall'] }).notNull(),
		startsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** AgendaPhase[] (domain/learning-events.ts). */
		agenda: text({ mode: 'json' }).notNull(),
		/** Chronology entry ids of the key practice episodes to discuss, in order. */
		episodeIds: text({ mode: 'json' }).notNull(),
		/** Until when those who could not attend may add reflections. */
		reflectionClosesAt: integer({ mode: 'timestamp_ms' }),
		/** The video-call link or the venue (issue 18). */
		link: text().notNull().default(''),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [index('learning_event_review').on(table.reviewId, table.startsAt)]
);

/** Who takes part: invited members and guests. Guests' role and agency are for the attendance record. */
export const eventParticipant = sqliteTable(
	'event_participant',
	{
		eventId: text()
			.notNull()
			.references(() => learningEvent.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		roleTitle: text().notNull().default(''),
		agencyLabel: text().notNull().default(''),
		acknowledgedAt: integer({ mode: 'timestamp_ms' }),
		attendedAt: integer({ mode: 'timestamp_ms' }),
		/** The moderator's correction of the attendance taken from the board (issue 18). */
		attendanceCorrected: text({ enum: ['present', 'absent'] }),
		addedAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.eventId, table.userId] })]
);

/** A one-use link for a guest practitioner; only the token's hash is kept. */
export const eventInvitation = sqliteTable(
	'event_invitation',
	{
		id: text().primaryKey(),
		eventId: text()
			.notNull()
			.references(() => learningEvent.id, { onDelete: 'cascade' }),
		tokenHash: text().notNull().unique(),
		name: text().notNull(),
		roleTitle: text().notNull(),
		agencyLabel: text().notNull(),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		usedAt: integer({ mode: 'timestamp_ms' }),
		userId: text().references(() => user.id, { onDelete: 'set null' }),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [index('event_invitation_event').on(table.eventId)]
);

/** Every contribution with its author, who is never written into the event's document when unnamed. */
export const eventContribution = sqliteTable(
	'event_contribution',
	{
		id: text().primaryKey(),
		eventId: text()
			.notNull()
			.references(() => learningEvent.id, { onDelete: 'cascade' }),
		authorId: text()
			.notNull()
			.references(() => user.id),
		unnamed: integer({ mode: 'boolean' }).notNull(),
		prompt: text().notNull(),
		episodeId: text(),
		body: text().notNull(),
		timing: text({ enum: ['before', 'live', 'after'] }).notNull(),
		createdAt: createdAt()
	},
	(table) => [index('event_contribution_event').on(table.eventId, table.createdAt)]
);

// ---- Asynchronous work: mentions, what needs me, notifications (issue 14) ----

/** A member named with @ in a report comment; read once they open the thread. */
export const commentMention = sqliteTable(
	'comment_mention',
	{
		commentId: text()
			.notNull()
			.references(() => reportComment.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.commentId, table.userId] }), index('comment_mention_user_idx').on(table.userId)]
);

/** When a member last read a comment thread: replies and mentions after it are waiting for them. */
export const commentThreadRead = sqliteTable(
	'comment_thread_read',
	{
		threadId: text()
			.notNull()
			.references(() => reportComment.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		readAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.threadId, table.userId] })]
);

/** How each person wants to hear that something needs them. */
export const notificationPreference = sqliteTable('notification_preference', {
	userId: text()
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	frequency: text({ enum: ['immediate', 'daily', 'none'] }).notNull(),
	updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
});

/**
 * The outbox: written in the same transaction as the change that causes it, delivered by the
 * sender with retries. It holds no case content: the email says only which review needs you.
 */
export const notification = sqliteTable(
	'notification',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		reviewId: text().references(() => review.id, { onDelete: 'cascade' }),
		/** What caused it (a task kind), for the digest and the admin's view; never content. */
		kind: text().notNull(),
		/** Unique per cause, so a retried change or a restarted reminder never makes a second one. */
		dedupeKey: text().notNull().unique(),
		/** Where the link in the email goes (a path on this site). */
		link: text().notNull(),
		status: text({ enum: ['pending', 'sent', 'failed', 'skipped'] }).notNull().default('pending'),
		/** Sent in the daily digest rather than at once. */
		digest: integer({ mode: 'boolean' }).notNull().default(false),
		attempts: integer().notNull().default(0),
		nextAttemptAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** The last delivery error, as a short code or SMTP status, never content. */
		lastError: text(),
		sentAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(table) => [index('notification_due_idx').on(table.status, table.nextAttemptAt), index('notification_user_idx').on(table.userId, table.createdAt)]
);
export type Notification = typeof notification.$inferSelect;

/** Scheduled jobs (reminders, the daily digest): their next run survives a restart. */
export const scheduledJob = sqliteTable('scheduled_job', {
	name: text().primaryKey(),
	lastRunAt: integer({ mode: 'timestamp_ms' }),
	nextRunAt: integer({ mode: 'timestamp_ms' }).notNull()
});

// ---- Panel meetings (issue 18) ----

/**
 * A panel meeting: its plan and, once held, its minutes' agreement. What happens live
 * (the current agenda item, the focus, the minutes as they are written) is in its Yjs
 * document, `review/<id>/meeting/<meetingId>`.
 */
export const meeting = sqliteTable(
	'meeting',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		kind: text({ enum: ['terms', 'agency_presentations', 'analysis', 'draft_report', 'other'] }).notNull(),
		startsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** The video-call link or the venue. */
		link: text().notNull().default(''),
		/** The member the chair handed the meeting to; null while the chair presents. */
		presenterId: text().references(() => user.id, { onDelete: 'set null' }),
		circulatedAt: integer({ mode: 'timestamp_ms' }),
		agreedAt: integer({ mode: 'timestamp_ms' }),
		/** The minutes as circulated: [{itemId, title, text}], frozen once agreed. */
		minutesText: text({ mode: 'json' }),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [index('meeting_review').on(table.reviewId, table.startsAt)]
);
export type Meeting = typeof meeting.$inferSelect;

/** One item of a meeting's agenda, in order. */
export const meetingAgendaItem = sqliteTable(
	'meeting_agenda_item',
	{
		id: text().primaryKey(),
		meetingId: text()
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		title: text().notNull(),
		/** Who presents it: a member of the review, or null for the chair. */
		presenterId: text().references(() => user.id, { onDelete: 'set null' }),
		minutes: integer().notNull(),
		createdAt: createdAt()
	},
	(table) => [index('meeting_agenda_item_meeting').on(table.meetingId, table.position)]
);

/**
 * What an agenda item discusses: a link kind and the id of the thing in this review
 * (a chronology entry, a key practice episode, a report section, a recommendation; later
 * key lines of enquiry and IMRs). The label at the time of linking is kept, so a thing
 * since removed is still shown, as removed.
 */
export const meetingAgendaLink = sqliteTable(
	'meeting_agenda_link',
	{
		id: text().primaryKey(),
		itemId: text()
			.notNull()
			.references(() => meetingAgendaItem.id, { onDelete: 'cascade' }),
		kind: text().notNull(),
		targetId: text().notNull(),
		label: text().notNull(),
		createdAt: createdAt()
	},
	(table) => [index('meeting_agenda_link_item').on(table.itemId)]
);

/** Who is invited, and the attendance record (from presence, corrected by the chair). */
export const meetingAttendee = sqliteTable(
	'meeting_attendee',
	{
		meetingId: text()
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		invitedAt: createdAt(),
		/** When they were first seen in the meeting while it ran. */
		seenAt: integer({ mode: 'timestamp_ms' }),
		/** The chair's correction: present, apologies, or represented by someone named. */
		attendance: text({ enum: ['present', 'apologies', 'represented', 'absent'] }),
		representedBy: text().notNull().default('')
	},
	(table) => [primaryKey({ columns: [table.meetingId, table.userId] })]
);

/** A decision the panel took, under an agenda item. */
export const meetingDecision = sqliteTable(
	'meeting_decision',
	{
		id: text().primaryKey(),
		meetingId: text()
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		itemId: text().references(() => meetingAgendaItem.id, { onDelete: 'set null' }),
		text: text().notNull(),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [index('meeting_decision_meeting').on(table.meetingId, table.createdAt)]
);

/** An action: what, who (a member), by when; ticked off later with a note. */
export const meetingAction = sqliteTable(
	'meeting_action',
	{
		id: text().primaryKey(),
		meetingId: text()
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		itemId: text().references(() => meetingAgendaItem.id, { onDelete: 'set null' }),
		text: text().notNull(),
		ownerId: text()
			.notNull()
			.references(() => user.id),
		dueOn: text().notNull(),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt(),
		doneAt: integer({ mode: 'timestamp_ms' }),
		doneNote: text().notNull().default('')
	},
	(table) => [index('meeting_action_meeting').on(table.meetingId), index('meeting_action_owner').on(table.ownerId)]
);

/** An attendee's answer to the circulated minutes: confirmed, or a comment. */
export const meetingMinutesResponse = sqliteTable(
	'meeting_minutes_response',
	{
		meetingId: text()
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		decision: text({ enum: ['confirm', 'comment'] }).notNull(),
		comment: text().notNull().default(''),
		at: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.meetingId, table.userId] })]
);

// ---- Files uploaded to a review (shared by documents, action evidence and the QA letter) ----

/**
 * A file the panel received (a scanned letter, a policy, evidence of an action done, the
 * quality assurance panel's letter). Restricted like the rest of the review; stored in the
 * database so backup, restore and retention treat it with everything else.
 */
export const reviewFile = sqliteTable(
	'review_file',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		/** What it was uploaded for: 'document', 'action_evidence', 'qa_letter' (see review-files.ts). */
		purpose: text().notNull(),
		/** The uploader's file name, cleaned; shown to members, never logged. */
		fileName: text().notNull(),
		/** The media type the content was recognised as (never the browser's claim). */
		mediaType: text().notNull(),
		byteSize: integer().notNull(),
		/** SHA-256 of the content, hex: lets the panel show which file it had. */
		sha256: text().notNull(),
		content: blob({ mode: 'buffer' }).notNull(),
		uploadedBy: text()
			.notNull()
			.references(() => user.id),
		uploadedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('review_file_review_idx').on(table.reviewId, table.purpose)]
);
export type ReviewFile = typeof reviewFile.$inferSelect;

// ---- The action plan (issue 19) ----
// Keyed by the recommendation's id in the report document (`recommendations`): the words stay
// in the report; the plan keeps its own facts, and the last words it saw so a recommendation
// later removed from the report still shows, as removed.

/** One review's plan as a whole: concluded by the co-ordinator when every action is finished. */
export const actionPlan = sqliteTable('action_plan', {
	reviewId: text()
		.primaryKey()
		.references(() => review.id, { onDelete: 'cascade' }),
	concludedAt: integer({ mode: 'timestamp_ms' }),
	concludedBy: text().references(() => user.id),
	conclusionNote: text()
});
export type ActionPlan = typeof actionPlan.$inferSelect;

export const planRecommendation = sqliteTable(
	'plan_recommendation',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		recommendationId: text().notNull(),
		/** single_agency | local_multi_agency | regional | national (domain/action-plan.ts). */
		scope: text().notNull(),
		leadAgencyId: text().references(() => agency.id, { onDelete: 'set null' }),
		/** For a national (or regional) recommendation: the department or body it is sent to, by name. */
		addressedTo: text().notNull().default(''),
		theme: text().notNull().default(''),
		/** The recommendation's words when the plan last saw them in the report. */
		lastText: text().notNull().default(''),
		/** A national body's reply, as the co-ordinator recorded it. */
		reply: text(),
		replyRecordedAt: integer({ mode: 'timestamp_ms' }),
		replyRecordedBy: text().references(() => user.id),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.recommendationId] })]
);
export type PlanRecommendation = typeof planRecommendation.$inferSelect;

export const planAction = sqliteTable(
	'plan_action',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		recommendationId: text().notNull(),
		text: text().notNull(),
		leadAgencyId: text()
			.notNull()
			.references(() => agency.id),
		ownerUserId: text().references(() => user.id),
		milestones: text().notNull().default(''),
		/** `YYYY-MM-DD`, a UK calendar date; null while a draft. */
		targetDate: text(),
		/** How completion will be evidenced. */
		evidencePlan: text().notNull().default(''),
		/** The latest update's status (the history is in plan_action_update). */
		status: text().notNull().default('not_started'),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [index('plan_action_review_idx').on(table.reviewId, table.recommendationId)]
);
export type PlanAction = typeof planAction.$inferSelect;

/** Every progress update, dated and attributed; never changed or removed (the plan's history). */
export const planActionUpdate = sqliteTable(
	'plan_action_update',
	{
		id: text().primaryKey(),
		actionId: text()
			.notNull()
			.references(() => planAction.id, { onDelete: 'cascade' }),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		status: text().notNull(),
		note: text().notNull().default(''),
		evidenceText: text().notNull().default(''),
		evidenceFileId: text().references(() => reviewFile.id),
		byUserId: text()
			.notNull()
			.references(() => user.id),
		at: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('plan_action_update_action_idx').on(table.actionId)]
);
export type PlanActionUpdate = typeof planActionUpdate.$inferSelect;

/** The co-ordinator's decision on a suggested recurrence (theme and agency across reviews). */
export const recurrenceDecision = sqliteTable('recurrence_decision', {
	key: text().primaryKey(),
	decision: text().notNull(),
	decidedBy: text()
		.notNull()
		.references(() => user.id),
	decidedAt: integer({ mode: 'timestamp_ms' }).notNull()
});
export type RecurrenceDecision = typeof recurrenceDecision.$inferSelect;

// ---- The publication pack (issue 17) ----

/** An abbreviation the chair added for one review's glossary (beside the domain list in domain/glossary.ts). */
export const glossaryTerm = sqliteTable(
	'glossary_term',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		abbreviation: text().notNull(),
		expansion: text().notNull(),
		addedBy: text()
			.notNull()
			.references(() => user.id),
		addedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.abbreviation] })]
);
export type GlossaryTerm = typeof glossaryTerm.$inferSelect;

/** The chair's word that a readiness check the workspace cannot tell is met (withdrawn by deleting the row). */
export const readinessAttestation = sqliteTable(
	'readiness_attestation',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		checkKey: text().notNull(),
		note: text().notNull(),
		attestedBy: text()
			.notNull()
			.references(() => user.id),
		attestedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.checkKey] })]
);
export type ReadinessAttestation = typeof readinessAttestation.$inferSelect;

/** Every export of the publication pack, by its SHA-256, so a submission can say which file went. */
export const publicationExport = sqliteTable(
	'publication_export',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		/** 'overview' | 'executive-summary' | 'action-plan' */
		document: text().notNull(),
		/** 'docx' | 'pdf' */
		format: text().notNull(),
		/** 'restricted' | 'publication' */
		edition: text().notNull(),
		/** The named version exported, or null for the text as it stood. */
		versionId: text(),
		versionName: text(),
		sha256: text().notNull(),
		byteSize: integer().notNull(),
		exportedBy: text()
			.notNull()
			.references(() => user.id),
		exportedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('publication_export_review_idx').on(table.reviewId, table.exportedAt)]
);
export type PublicationExport = typeof publicationExport.$inferSelect;

/** One step of the journey to publication (see domain/submissions.ts for the kinds). */
export const submissionStep = sqliteTable(
	'submission_step',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		kind: text().notNull(),
		/** The day it happened, `YYYY-MM-DD`. */
		occurredOn: text().notNull(),
		/** The export sent (to the Home Office), by its row; its hash is shown. */
		exportId: text().references(() => publicationExport.id),
		/** The quality assurance panel's letter (review_file, purpose 'qa_letter'). */
		fileId: text().references(() => reviewFile.id),
		/** Publication: the web address and the last day it stays up. */
		webAddress: text(),
		publishedUntil: text(),
		note: text().notNull().default(''),
		recordedBy: text()
			.notNull()
			.references(() => user.id),
		recordedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('submission_step_review_idx').on(table.reviewId, table.occurredOn)]
);
export type SubmissionStep = typeof submissionStep.$inferSelect;

/** One of the quality assurance panel's "areas for final development", linked to a report section. */
export const qaItem = sqliteTable(
	'qa_item',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		text: text().notNull(),
		/** The report section it concerns (report_section.key), or null for the report as a whole. */
		sectionKey: text(),
		doneAt: integer({ mode: 'timestamp_ms' }),
		doneBy: text().references(() => user.id),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('qa_item_review_idx').on(table.reviewId)]
);
export type QaItem = typeof qaItem.$inferSelect;

// ---- The start of a review (issue 20): notification, decision, scoping, terms, documents ----

/** The notification that starts a review's record; its date is the review's `notifiedOn`. */
export const reviewNotification = sqliteTable('review_notification', {
	reviewId: text()
		.primaryKey()
		.references(() => review.id, { onDelete: 'cascade' }),
	/** A key of `reviewTypes` (src/lib/domain/review-types.ts): the rules come from there. */
	reviewType: text().notNull(),
	notifiedBy: text().notNull(),
	/** A brief factual summary: restricted like the rest of the review, never logged. */
	summary: text().notNull(),
	recordedBy: text()
		.notNull()
		.references(() => user.id),
	recordedAt: integer({ mode: 'timestamp_ms' }).notNull()
});
export type ReviewNotification = typeof reviewNotification.$inferSelect;

/** The partnership's decision whether to review. A decision not to review closes the record. */
export const reviewDecision = sqliteTable('review_decision', {
	reviewId: text()
		.primaryKey()
		.references(() => review.id, { onDelete: 'cascade' }),
	/** 'review' | 'no_review' */
	outcome: text().notNull(),
	reasons: text().notNull(),
	decidedBy: text().notNull(),
	decidedOn: text().notNull(),
	recordedBy: text()
		.notNull()
		.references(() => user.id),
	recordedAt: integer({ mode: 'timestamp_ms' }).notNull()
});
export type ReviewDecision = typeof reviewDecision.$inferSelect;

/** Early learning from the optional scoping stage: to act on before the review ends. */
export const earlyLearning = sqliteTable(
	'early_learning',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		learning: text().notNull(),
		actionTaken: text().notNull(),
		recordedBy: text()
			.notNull()
			.references(() => user.id),
		recordedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('early_learning_review_idx').on(table.reviewId)]
);
export type EarlyLearning = typeof earlyLearning.$inferSelect;

/** The panel's agreement of the terms of reference (the terms themselves live in `review/<id>/terms`). */
export const termsAgreement = sqliteTable('terms_agreement', {
	reviewId: text()
		.primaryKey()
		.references(() => review.id, { onDelete: 'cascade' }),
	agreedOn: text().notNull(),
	/** Which meeting agreed them: free text until meetings can be referred to by id. */
	meeting: text().notNull(),
	/** The terms document as agreed (a Yjs update): what the report's section takes, whatever is edited later. */
	state: blob({ mode: 'buffer' }).notNull(),
	recordedBy: text()
		.notNull()
		.references(() => user.id),
	recordedAt: integer({ mode: 'timestamp_ms' }).notNull()
});
export type TermsAgreement = typeof termsAgreement.$inferSelect;

/** A report passage that answers a key line of enquiry (the line's id lives in the terms document). */
export const enquiryAnswer = sqliteTable(
	'enquiry_answer',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		lineId: text().notNull(),
		sectionKey: text().notNull(),
		/** The passage's words when linked: passages have no ids, so it is found again by its words. */
		passageText: text().notNull(),
		linkedBy: text()
			.notNull()
			.references(() => user.id),
		linkedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('enquiry_answer_review_idx').on(table.reviewId, table.lineId)]
);
export type EnquiryAnswer = typeof enquiryAnswer.$inferSelect;

/** What an uploaded document is linked from: a chronology entry, and later an IMR or minutes. */
export const documentLink = sqliteTable(
	'document_link',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		fileId: text()
			.notNull()
			.references(() => reviewFile.id, { onDelete: 'cascade' }),
		/** A key of `documentLinkKinds` (src/lib/domain/review-documents.ts). */
		kind: text().notNull(),
		targetId: text().notNull(),
		linkedBy: text()
			.notNull()
			.references(() => user.id),
		linkedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('document_link_target_idx').on(table.reviewId, table.kind, table.targetId), uniqueIndex('document_link_unique').on(table.fileId, table.kind, table.targetId)]
);
export type DocumentLink = typeof documentLink.$inferSelect;

// ---- The start of a review: information requests and IMRs (issue 20, items 3 and 4) ----

/**
 * The chair's request to one agency: did it have contact with the subjects in the period
 * and, if so, which of a chronology, an IMR and a short report to provide by `dueOn`. The
 * agency's representative answers in the same row (no contact, with who checked and how;
 * or contact, and the asked-for items follow).
 */
export const informationRequest = sqliteTable(
	'information_request',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		agencyId: text()
			.notNull()
			.references(() => agency.id, { onDelete: 'cascade' }),
		asksChronology: integer({ mode: 'boolean' }).notNull(),
		asksImr: integer({ mode: 'boolean' }).notNull(),
		asksShortReport: integer({ mode: 'boolean' }).notNull(),
		dueOn: text().notNull(),
		sentBy: text()
			.notNull()
			.references(() => user.id),
		sentAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** 'contact' | 'no_contact', or null while unanswered. */
		answer: text(),
		/** For "no contact": who searched the agency's records, and how. */
		checkedBy: text(),
		howChecked: text(),
		answeredBy: text().references(() => user.id),
		answeredAt: integer({ mode: 'timestamp_ms' }),
		/** When the agency said its chronology, and its short report, were complete. */
		chronologyProvidedAt: integer({ mode: 'timestamp_ms' }),
		shortReportProvidedAt: integer({ mode: 'timestamp_ms' })
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.agencyId] })]
);
export type InformationRequestRow = typeof informationRequest.$inferSelect;

/**
 * One agency's Individual Management Review: its place in the IMR state machine
 * (domain/imrs.ts). The text is the Yjs document `review/<id>/imr/<agencyId>`.
 */
export const imr = sqliteTable(
	'imr',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		agencyId: text()
			.notNull()
			.references(() => agency.id, { onDelete: 'cascade' }),
		/** 'requested' | 'draft' | 'signed_off' | 'submitted' | 'returned' | 'accepted'. */
		status: text().notNull(),
		dueOn: text().notNull(),
		/** The author: the representative who declared their independence for it. */
		authorId: text().references(() => user.id),
		signedOffBy: text().references(() => user.id),
		signedOffAt: integer({ mode: 'timestamp_ms' }),
		/** SHA-256 of the text the senior manager signed off (what was submitted). */
		signedOffTextHash: text(),
		submittedAt: integer({ mode: 'timestamp_ms' }),
		decidedBy: text().references(() => user.id),
		decidedAt: integer({ mode: 'timestamp_ms' }),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.agencyId] })]
);
export type ImrRow = typeof imr.$inferSelect;

/** The panel's questions on a submitted IMR (and the agency's answers), oldest first. */
export const imrComment = sqliteTable(
	'imr_comment',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		agencyId: text()
			.notNull()
			.references(() => agency.id, { onDelete: 'cascade' }),
		authorId: text()
			.notNull()
			.references(() => user.id),
		body: text().notNull(),
		/** Set when the comment was the reason the panel returned the IMR. */
		returned: integer({ mode: 'boolean' }).notNull().default(false),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('imr_comment_idx').on(table.reviewId, table.agencyId, table.createdAt)]
);
export type ImrCommentRow = typeof imrComment.$inferSelect;

/**
 * A declaration of independence (issue 20): the IMR's author, a panel member or the chair
 * states they were not involved with the subjects and are not the line manager of anyone
 * who was. Kept as a record: a later declaration by the same person for the same part is a
 * new row, and the latest one counts.
 */
export const independenceDeclaration = sqliteTable(
	'independence_declaration',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id),
		/** 'imr_author' (with agencyId), 'panel_member' or 'chair'. */
		part: text().notNull(),
		agencyId: text().references(() => agency.id, { onDelete: 'cascade' }),
		notInvolved: integer({ mode: 'boolean' }).notNull(),
		notLineManager: integer({ mode: 'boolean' }).notNull(),
		/** Anything the person adds, e.g. a past connection and why it does not affect independence. */
		statement: text().notNull().default(''),
		declaredAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('independence_declaration_idx').on(table.reviewId, table.userId)]
);
export type IndependenceDeclarationRow = typeof independenceDeclaration.$inferSelect;

/** An agency's senior manager in a review: one of its representatives, marked by the chair; signs off its IMR. */
export const agencySeniorManager = sqliteTable(
	'agency_senior_manager',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		agencyId: text()
			.notNull()
			.references(() => agency.id, { onDelete: 'cascade' }),
		markedBy: text()
			.notNull()
			.references(() => user.id),
		markedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.userId] })]
);
export type AgencySeniorManagerRow = typeof agencySeniorManager.$inferSelect;

/**
 * The pseudonym register (issue 16): per review, each real name or identifier with the
 * pseudonym that replaces it. Restricted: the chair writes; panel members and the
 * moderator read; nobody else sees the real names through it.
 */
export const pseudonymEntry = sqliteTable(
	'pseudonym_entry',
	{
		id: text().primaryKey(),
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		real: text().notNull(),
		pseudonym: text().notNull(),
		/** person | place | organisation | other */
		kind: text().notNull(),
		/** JSON array of other names: first name alone, nicknames, other spellings. */
		aliases: text({ mode: 'json' }).$type<string[]>().notNull(),
		/** For people: family | panel | real_name (the family asked for the real name to be used). */
		choice: text(),
		/** How it was chosen; for a real name used, who asked and when. */
		note: text().notNull().default(''),
		createdBy: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('pseudonym_entry_review_idx').on(table.reviewId)]
);
export type PseudonymEntry = typeof pseudonymEntry.$inferSelect;

/** A finding in the report someone recorded as "Not identifying", with the reason (issue 16). */
export const anonymisationDismissal = sqliteTable(
	'anonymisation_dismissal',
	{
		reviewId: text()
			.notNull()
			.references(() => review.id, { onDelete: 'cascade' }),
		occurrenceKey: text().notNull(),
		kind: text().notNull(),
		sectionKey: text().notNull(),
		reason: text().notNull(),
		userId: text()
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.occurrenceKey] })]
);
