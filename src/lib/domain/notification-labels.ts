/**
 * Plain words for the outbox's states and causes, for the admin's Outbox page. The kinds are
 * the task list's words; an unknown kind is shown as it is stored (a short code, never content).
 */
export const notificationKindLabels: Record<string, string> = {
	mention: 'Mentioned in a comment',
	comment_reply: 'Reply to a comment',
	signoff_requested: 'Sign-off requested',
	signoff_reminder: 'Sign-off still waiting after 7 days',
	confirmation_out_of_date: 'Confirmation out of date',
	dispute_answered: 'Dispute answered',
	dispute_to_answer: 'Dispute to answer',
	timescale_due: 'Timescale due',
	action_due: 'Action plan: an action is due soon',
	action_overdue: 'Action plan: an action is overdue',
	action_due_soon: 'Action plan: an action is due soon'
};

export const notificationStatusLabels = { pending: 'Waiting', sent: 'Sent', failed: 'Failed', skipped: 'Not sent' } as const;

/** The outbox's error codes: why it was not sent, or the SMTP server's reply code. */
export function describeDeliveryError(code: string | null): string {
	if (!code) return '';
	switch (code) {
		case 'left_review':
			return 'No longer a member of the review';
		case 'deactivated':
			return 'Account deactivated';
		case 'no_email':
			return 'Chose no email';
		case 'BAD_LINK':
			return 'Link refused';
		case 'ECONNECTION':
		case 'ESOCKET':
			return `Could not reach the email server (${code})`;
		case 'ETIMEDOUT':
			return 'The email server did not answer in time';
		case 'EAUTH':
			return 'The email server refused the user name or password (EAUTH)';
		case 'EENVELOPE':
			return 'The email server refused the address (EENVELOPE)';
		default:
			return /^SMTP [45]\d\d$/.test(code) ? `The email server answered ${code.slice(5)}${code.startsWith('SMTP 4') ? ' (try later)' : ' (refused)'}` : code;
	}
}
