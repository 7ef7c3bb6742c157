/**
 * A real SMTP server (the `smtp-server` package, from nodemailer's authors) on a loopback
 * port, for the notification tests. It keeps what it accepted, and can be told to refuse
 * recipients (a 4xx or 5xx reply) or to hold a message's data without ever answering.
 */
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { freePort } from './server';

export interface ReceivedEmail {
	to: string[];
	subject: string;
	messageId: string;
	/** The body, decoded. */
	text: string;
	/** The whole message as sent. */
	raw: string;
}

export interface MailServer {
	port: number;
	url: string;
	received: ReceivedEmail[];
	/** Answer RCPT TO with this reply code (e.g. 451, 550) until set back to null. */
	refuseWith: number | null;
	/** Take the next message's data and never answer, as a server that hangs. */
	holdNextData: boolean;
	/** How many messages were held. */
	held: number;
	close(): Promise<void>;
	waitFor(predicate: (emails: ReceivedEmail[]) => boolean, timeoutMs?: number): Promise<ReceivedEmail[]>;
}

function decodeQuotedPrintable(body: string): string {
	return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseEmail(raw: string, to: string[]): ReceivedEmail {
	const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
	const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
	const body = raw.slice(split).trim();
	const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
	const qp = /quoted-printable/i.test(header('Content-Transfer-Encoding'));
	return { to, subject: header('Subject'), messageId: header('Message-ID'), text: (qp ? decodeQuotedPrintable(body) : body).replace(/\r\n/g, '\n'), raw };
}

export async function startMailServer(port?: number): Promise<MailServer> {
	const listenOn = port ?? (await freePort());
	const state: MailServer = {
		port: listenOn,
		url: `smtp://127.0.0.1:${listenOn}`,
		received: [],
		refuseWith: null,
		holdNextData: false,
		held: 0,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
		waitFor: async (predicate, timeoutMs = 15_000) => {
			const deadline = Date.now() + timeoutMs;
			while (!predicate(state.received)) {
				if (Date.now() > deadline) throw new Error(`Timed out waiting for email; received ${state.received.length}`);
				await new Promise((r) => setTimeout(r, 50));
			}
			return state.received;
		}
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		closeTimeout: 200,
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (state.refuseWith === null) return callback();
			const error: SMTPServerError = new Error(state.refuseWith >= 500 ? 'Mailbox unavailable' : 'Try again later');
			error.responseCode = state.refuseWith;
			callback(error);
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			if (state.holdNextData) {
				state.holdNextData = false;
				state.held += 1;
				stream.on('data', () => {});
				return; // never answers: the sender waits, as for a server that hangs
			}
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				state.received.push(parseEmail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
				callback();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(listenOn, '127.0.0.1', () => resolve());
	});
	return state;
}
