/**
 * The sender (issue 14): delivers the outbox one message at a time. Each message is claimed
 * (outbox.ts) before it is sent and marked sent only after the SMTP server accepted it, so:
 *
 * - nothing is lost: a message stays pending until accepted; a failure waits an exponential
 *   back-off and is tried again, up to NOTIFY_MAX_ATTEMPTS, then it is marked failed for the
 *   admin; a sender that dies mid-send leaves a claim whose lease runs out, and it is retried;
 * - nothing is sent twice, except in the one gap SMTP leaves open: if the process dies after
 *   the server accepted a message and before the database recorded it (milliseconds), the
 *   message is sent again after the lease, with the same Message-ID so mail systems can tell.
 *
 * Log lines name ids, attempts and error codes only: never an address, a title or any content.
 */
import { createHash } from 'node:crypto';
import type { AppDatabase } from '../db/client';
import type { Notification } from '../db/schema';
import { digestEmail, immediateEmail, type EmailText } from '../../domain/notification-email';
import { checkRecipient, claimNextDelivery, markAttemptFailed, markSent, markSkipped, type ClaimedDelivery } from './outbox';
import { deliveryErrorCode, type MailTransport } from './transport';

export interface SenderOptions {
	db: AppDatabase;
	transport: MailTransport;
	from: string;
	/** The public origin the links start with. */
	origin: string;
	now: () => Date;
	pollMs: number;
	leaseMs: number;
	retryBaseMs: number;
	maxAttempts: number;
	log: (line: string) => void;
}

export interface NotificationSender {
	/** Look for due messages now (as after a change that queued one). */
	wake(): void;
	/**
	 * Stops taking new messages and waits (up to `closeWaitMs`) for the one being sent. One still
	 * unanswered then keeps its claim, and is sent again after the lease.
	 */
	close(closeWaitMs?: number): Promise<void>;
}

function absoluteLink(origin: string, path: string): string {
	return new URL(path, origin).href;
}

function emailFor(delivery: ClaimedDelivery, rows: Notification[], titles: Map<string, string>, origin: string): { text: EmailText; messageId: string } {
	const host = new URL(origin).hostname || 'localhost';
	if (!delivery.digest) {
		const row = rows[0];
		return { text: immediateEmail({ reviewTitle: row.reviewId ? (titles.get(row.reviewId) ?? null) : null, link: absoluteLink(origin, row.link) }), messageId: `<${row.id}@${host}>` };
	}
	const counts = new Map<string | null, number>();
	for (const row of rows) counts.set(row.reviewId, (counts.get(row.reviewId) ?? 0) + 1);
	const reviews = [...counts].map(([reviewId, count]) => ({ reviewTitle: reviewId ? (titles.get(reviewId) ?? null) : null, count }));
	reviews.sort((a, b) => (a.reviewTitle ?? '').localeCompare(b.reviewTitle ?? ''));
	// The same batch sent again keeps its id.
	const batch = createHash('sha256')
		.update(rows.map((row) => row.id).sort().join(','))
		.digest('hex')
		.slice(0, 32);
	return { text: digestEmail({ reviews, link: absoluteLink(origin, '/') }), messageId: `<digest-${batch}@${host}>` };
}

/** Sends one claimed delivery; never throws. */
async function deliver(options: SenderOptions, delivery: ClaimedDelivery): Promise<void> {
	const { db, log } = options;
	const ids = delivery.rows.map((row) => row.id).join(', ');
	const recipient = checkRecipient(db, delivery);
	if (!recipient) {
		markSkipped(db, delivery.rows.map((row) => ({ row, reason: 'deactivated' })));
		return;
	}
	const skipped = delivery.rows.filter((row) => recipient.skip.has(row.id));
	if (skipped.length > 0) {
		markSkipped(db, skipped.map((row) => ({ row, reason: recipient.skip.get(row.id)! })));
		for (const row of skipped) log(`notification ${row.id} not sent: ${recipient.skip.get(row.id)}`);
	}
	const going = delivery.rows.filter((row) => !recipient.skip.has(row.id));
	if (going.length === 0) return;
	let email: ReturnType<typeof emailFor>;
	try {
		email = emailFor(delivery, going, recipient.titles, options.origin);
	} catch {
		// A link that is not a path of ids: refuse it for good rather than send it.
		markAttemptFailed(db, going, 'BAD_LINK', options.now(), { retryBaseMs: options.retryBaseMs, maxAttempts: 0 });
		log(`notification ${ids} refused: its link is not a path on this site`);
		return;
	}
	try {
		await options.transport.send({ to: recipient.email, from: options.from, subject: email.text.subject, text: email.text.text, messageId: email.messageId });
	} catch (error) {
		const code = deliveryErrorCode(error);
		const attempt = Math.max(...going.map((row) => row.attempts));
		const { failed, nextAttemptAt } = markAttemptFailed(db, going, code, options.now(), options);
		log(
			failed > 0
				? `notification ${ids} failed after ${attempt} attempts (${code}); shown to the admin in the outbox`
				: `notification ${ids} not delivered (attempt ${attempt} of ${options.maxAttempts}, ${code}); next try at ${nextAttemptAt?.toISOString()}`
		);
		return;
	}
	markSent(db, going, options.now());
	log(`notification ${ids} sent${delivery.digest ? ` in a daily summary of ${going.length}` : ''}`);
}

export function startNotificationSender(options: SenderOptions): NotificationSender {
	let closed = false;
	let running: Promise<void> | null = null;
	let timer: NodeJS.Timeout | null = null;

	async function drain(): Promise<void> {
		while (!closed) {
			let delivery: ClaimedDelivery | null;
			try {
				delivery = claimNextDelivery(options.db, options.now(), options.leaseMs);
			} catch (error) {
				options.log(`could not read the outbox (${deliveryErrorCode(error)}); trying again shortly`);
				return;
			}
			if (!delivery) return;
			await deliver(options, delivery);
		}
	}

	function schedule(): void {
		if (closed) return;
		timer = setTimeout(wake, options.pollMs);
		timer.unref();
	}

	function wake(): void {
		if (closed || running) return;
		if (timer) clearTimeout(timer);
		running = drain()
			.catch((error) => options.log(`the sender stopped a round (${deliveryErrorCode(error)}); trying again shortly`))
			.finally(() => {
				running = null;
				schedule();
			});
	}

	wake();
	return {
		wake,
		async close(closeWaitMs = 5_000) {
			closed = true;
			if (timer) clearTimeout(timer);
			let waited: NodeJS.Timeout | undefined;
			await Promise.race([running, new Promise<void>((resolve) => (waited = setTimeout(resolve, closeWaitMs)))]);
			clearTimeout(waited);
			options.transport.close();
		}
	};
}
