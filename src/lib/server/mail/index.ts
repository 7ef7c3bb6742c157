/**
 * Notifications' background work, started by server/index.ts beside the collaboration server:
 * the sender (when there is somewhere to send to) and the reminders job (always, so the outbox
 * fills even before email is set up).
 */
import { dirname, join, resolve } from 'node:path';
import type { AppDatabase } from '../db/client';
import { databasePath, isDemoMode, mailSettings, notifyDigestHour, notifySettings, publicOrigin } from '../config';
import { startNotificationSender, type NotificationSender } from './sender';
import { startReminderScheduler } from './reminders';
import { folderTransport, smtpTransport, type MailTransport } from './transport';

/** Demo mode's folder of `.eml` files: beside the database, so `./data/demo-mail/` for `npm run demo`. */
export function demoMailFolder(): string {
	return join(dirname(resolve(databasePath())), 'demo-mail');
}

export interface Notifications {
	close(): Promise<void>;
}

export function startNotifications(db: AppDatabase, log: (line: string) => void): Notifications {
	const settings = notifySettings();
	notifyDigestHour(); // a bad NOTIFY_DIGEST_HOUR stops the start here, with its name
	const mail = mailSettings();
	const now = settings.nowOffsetMs ? () => new Date(Date.now() + settings.nowOffsetMs) : () => new Date();
	if (settings.nowOffsetMs) log(`NOTIFY_NOW_OFFSET_MS is set: notifications run ${settings.nowOffsetMs} ms ahead of the clock. For tests only.`);

	let transport: MailTransport | null = null;
	if (mail.kind === 'invalid') log(mail.message);
	else if (mail.kind === 'smtp') transport = smtpTransport(mail.url);
	else if (isDemoMode()) transport = folderTransport(demoMailFolder());
	else log('SMTP_URL is not set: notifications wait in the outbox (shown on /admin/outbox) until it is.');

	let sender: NotificationSender | null = null;
	if (transport) {
		log(`sending notifications to ${transport.description}`);
		sender = startNotificationSender({ db, transport, from: mail.from, origin: publicOrigin(), now, pollMs: settings.pollMs, leaseMs: settings.leaseMs, retryBaseMs: settings.retryBaseMs, maxAttempts: settings.maxAttempts, log });
	}
	const scheduler = startReminderScheduler({ db, now, schedule: settings.reminderSchedule, log, onQueued: () => sender?.wake() });
	return {
		async close() {
			scheduler.close();
			await sender?.close();
		}
	};
}
