import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../tests/helpers/temp-database';
import { createReviewFixture } from '../../../tests/helpers/review-fixture';
import { createAccount } from './accounts';
import { acceptAccountInvitation, inviteToReview, openInvitationLink } from './account-invitations';
import { invitationStatus } from '../domain/invitations';
import type { AppDatabase } from './db/client';

let temp: ReturnType<typeof createTempDatabase>;
let db: AppDatabase;
let chairId: string;
let reviewId: string;
const chosen = { name: 'Nia New', newPassword: 'a long private passphrase', confirmPassword: 'a long private passphrase' };

beforeEach(async () => {
	({ temp, db, chairId, reviewId } = await createReviewFixture());
});
afterEach(() => temp.dispose());

function invite(email = 'nia@example.org', now = new Date()) {
	const outcome = inviteToReview(db, { userId: chairId, ipAddress: null }, reviewId, { name: 'Nia New', email, role: 'panel_member' }, now);
	if (!outcome.ok) throw new Error(outcome.errors[0].message);
	return outcome.value;
}

describe('invitationStatus', () => {
	it('is used, withdrawn, expired or pending, in that order of precedence', () => {
		const expiresAt = new Date('2025-03-10T12:00:00Z');
		const now = new Date('2025-03-11T12:00:00Z');
		expect(invitationStatus({ usedAt: new Date(), revokedAt: null, expiresAt }, now)).toBe('used');
		expect(invitationStatus({ usedAt: null, revokedAt: new Date(), expiresAt }, now)).toBe('revoked');
		expect(invitationStatus({ usedAt: null, revokedAt: null, expiresAt }, now)).toBe('expired');
		expect(invitationStatus({ usedAt: null, revokedAt: null, expiresAt }, new Date('2025-03-10T11:59:59Z'))).toBe('pending');
	});
});

describe('accepting an invitation', () => {
	it('works once even when the link is used twice at the same moment', async () => {
		const { token } = invite();
		const [first, second] = await Promise.all([acceptAccountInvitation(db, token, chosen, null), acceptAccountInvitation(db, token, { ...chosen, name: 'Someone Else' }, null)]);
		expect([first.ok, second.ok].sort()).toEqual([false, true]);
		expect(db.$client.prepare("select name from user where email = 'nia@example.org'").all()).toHaveLength(1);
		expect(db.$client.prepare('select count(*) as n from membership where review_id = ?').get(reviewId)).toEqual({ n: 2 });
	});

	it('expires after seven days', async () => {
		const sent = new Date('2025-03-03T09:00:00Z');
		const { token } = invite('nia@example.org', sent);
		expect(openInvitationLink(db, token, null, new Date('2025-03-10T08:59:00Z')).ok).toBe(true);
		const late = await acceptAccountInvitation(db, token, chosen, null, new Date('2025-03-10T09:01:00Z'));
		expect(late).toMatchObject({ ok: false, status: 409, errors: [{ message: expect.stringMatching(/expired/) }] });
	});

	it('keeps the password rules and changes nothing when they are not met', async () => {
		const { token } = invite();
		const short = await acceptAccountInvitation(db, token, { ...chosen, newPassword: 'short', confirmPassword: 'short' }, null);
		expect(short).toMatchObject({ ok: false, status: 400, errors: [{ field: 'newPassword' }] });
		const mismatch = await acceptAccountInvitation(db, token, { ...chosen, confirmPassword: 'something else entirely' }, null);
		expect(mismatch).toMatchObject({ ok: false, errors: [{ field: 'confirmPassword' }] });
		expect((await acceptAccountInvitation(db, token, chosen, null)).ok).toBe(true);
	});

	it('makes one account, never a crash, when the admin makes one for the same address while the password is hashed', async () => {
		const { token } = invite();
		// Both hash a password (the slow, asynchronous part) and either may finish first.
		const [accepted, made] = await Promise.all([
			acceptAccountInvitation(db, token, chosen, null),
			createAccount(db, { email: 'nia@example.org', name: 'Nia New', password: 'another long passphrase' }, { userId: null })
		]);
		expect(db.$client.prepare("select count(*) as n from user where email = 'nia@example.org'").get()).toEqual({ n: 1 });
		if (made.ok) {
			// The admin's came first: the link is refused and left unspent, and no membership made.
			expect(accepted).toMatchObject({ ok: false, status: 409, errors: [{ field: 'token', message: expect.stringMatching(/already uses this email address/) }] });
			expect(db.$client.prepare('select used_at from account_invitation').get()).toEqual({ used_at: null });
			expect(db.$client.prepare('select count(*) as n from membership where review_id = ?').get(reviewId)).toEqual({ n: 1 });
		} else {
			expect(made).toMatchObject({ field: 'email', message: 'An account with this email address already exists' });
			expect(accepted.ok).toBe(true);
		}
	});

	it('refuses an unknown or malformed token without touching anything', async () => {
		expect(openInvitationLink(db, 'not-a-token', null)).toMatchObject({ ok: false, message: expect.stringMatching(/not valid/) });
		expect(await acceptAccountInvitation(db, 'a'.repeat(52), chosen, null)).toMatchObject({ ok: false, status: 404 });
	});
});
