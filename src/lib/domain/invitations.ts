/** The state of a chair's invitation for someone with no account (issue 13), for the server and the pages. */
export type InvitationStatus = 'pending' | 'expired' | 'used' | 'revoked';

export function invitationStatus(invitation: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
	if (invitation.usedAt) return 'used';
	if (invitation.revokedAt) return 'revoked';
	return now.getTime() > invitation.expiresAt.getTime() ? 'expired' : 'pending';
}

export const invitationStatusLabels: Record<InvitationStatus, string> = {
	pending: 'Invited',
	expired: 'Invitation expired',
	used: 'Accepted',
	revoked: 'Withdrawn'
};
