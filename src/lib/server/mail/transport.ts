/**
 * Where email goes: an SMTP server (SMTP_URL) through nodemailer, or, in demo mode without
 * one, `.eml` files in a folder so a newcomer can open what would have been sent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
	to: string;
	from: string;
	subject: string;
	text: string;
	/** Stable per message, so a copy sent again after a crash can be recognised as the same. */
	messageId: string;
}

export interface MailTransport {
	/** Resolves once the server accepted the message (SMTP 250 after DATA); rejects otherwise. */
	send(email: OutgoingEmail): Promise<void>;
	close(): void;
	/** Said at start: where mail goes, without credentials. */
	description: string;
}

export function smtpTransport(url: string): MailTransport {
	const transporter = nodemailer.createTransport({
		url,
		// Fail a dead or silent server well within the outbox's lease (NOTIFY_LEASE_MS).
		connectionTimeout: 30_000,
		greetingTimeout: 30_000,
		socketTimeout: 60_000
	});
	const { hostname, port, protocol } = new URL(url);
	return {
		description: `SMTP server ${hostname}${port ? `:${port}` : ''} (${protocol.replace(':', '')})`,
		async send(email) {
			await transporter.sendMail({ ...email, headers: { 'Auto-Submitted': 'auto-generated' } });
		},
		close() {
			transporter.close();
		}
	};
}

/** Demo mode: each message written as `<time>-<id>.eml` in `folder`. */
export function folderTransport(folder: string): MailTransport {
	const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		description: `files in ${folder} (demo mode, no SMTP_URL)`,
		async send(email) {
			const info = await transporter.sendMail({ ...email, headers: { 'Auto-Submitted': 'auto-generated' } });
			mkdirSync(folder, { recursive: true });
			const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.messageId.replace(/[^A-Za-z0-9-]/g, '')}.eml`;
			writeFileSync(join(folder, name), info.message as Buffer, { flag: 'wx' });
		},
		close() {
			transporter.close();
		}
	};
}

/**
 * A delivery error as a short code for the outbox and the log: the SMTP reply code or
 * nodemailer's error code, never the server's words (which may quote an address or a line).
 */
export function deliveryErrorCode(error: unknown): string {
	const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
	if (typeof responseCode === 'number') return `SMTP ${responseCode}`;
	if (typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code)) return code;
	return 'ERROR';
}
