/**
 * The account lifecycle (issue 13), against the real server: the admin resets passwords
 * and second factors and deactivates accounts; the chair invites people with no account.
 * Each test makes its own accounts, so none depends on another's order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, waitForSync } from '../helpers/collab-client';
import { changeDatabase, queryDatabase } from '../helpers/database';
import { demoReviewId, signInAs } from '../helpers/demo-people';

let server: RunningServer;
let admin: ApiClient;
let chair: ApiClient;
let adminId: string;
let reviewId: string;
const password = 'a long and private passphrase';

beforeAll(async () => {
	server = await startServer();
	[admin, chair] = await signInAs(server, 'admin@demo.test', 'chair@demo.test');
	adminId = query<{ id: string }>("select id from user where email = 'admin@demo.test'")[0].id;
	reviewId = await demoReviewId(chair);
});
afterAll(async () => {
	await server.dispose();
});

const query = <T>(sql: string, ...params: unknown[]) => queryDatabase<T>(server.databasePath, sql, ...params);
const write = (sql: string, ...params: unknown[]) => changeDatabase(server.databasePath, sql, ...params);

interface AuditRow {
	action: string;
	actor_user_id: string | null;
	target_user_id: string | null;
	review_id: string | null;
	ip_address: string | null;
	detail: string | null;
}

function auditFor(action: string): AuditRow[] {
	return query<AuditRow>('select action, actor_user_id, target_user_id, review_id, ip_address, detail from audit_event where action = ? order by id', action);
}

/** A fresh account made as the admin makes one, whose owner has chosen their own password. */
async function newPerson(label: string): Promise<{ id: string; email: string; name: string }> {
	const email = `${label}-${randomUUID().slice(0, 8)}@example.org`;
	const name = `Person ${label}`;
	const created = await admin.submit('/admin', 'createAccount', { name, email });
	const oneTimePassword = (created.data!.createdAccount as { oneTimePassword: string }).oneTimePassword;
	const person = new ApiClient(server.origin);
	const signedIn = await (await person.signIn(email, oneTimePassword)).json();
	const changed = await person.submit('/account/password', '', { currentPassword: oneTimePassword, newPassword: password, confirmPassword: password });
	expect(changed.type).toBe('redirect');
	return { id: signedIn.user.id, email, name };
}

async function signedIn(email: string, pass = password): Promise<ApiClient> {
	const client = new ApiClient(server.origin);
	expect((await client.signIn(email, pass)).status).toBe(200);
	return client;
}

describe('the admin resets a password', () => {
	it('ends every session, refuses the old password, and the one-time password works once changed', async () => {
		const person = await newPerson('reset');
		const [laptop, phone] = [await signedIn(person.email), await signedIn(person.email)];
		expect((await laptop.request('GET', '/api/reviews')).status).toBe(200);

		const reset = await admin.request('POST', `/api/admin/accounts/${person.id}/reset-password`);
		expect(reset.status).toBe(200);
		const { oneTimePassword } = await reset.json();
		expect(oneTimePassword).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{1,4})+$/);

		expect((await laptop.request('GET', '/api/reviews')).status).toBe(401);
		expect((await phone.request('GET', '/api/reviews')).status).toBe(401);
		expect((await new ApiClient(server.origin).signIn(person.email, password)).status).toBe(401);

		const fresh = new ApiClient(server.origin);
		const answer = await fresh.signIn(person.email, oneTimePassword);
		expect(answer.status).toBe(200);
		expect((await answer.json()).user.mustChangePassword).toBe(true);
		// Nothing else until they choose their own.
		const blocked = await fresh.request('GET', '/api/reviews');
		expect(blocked.status).toBe(403);
		expect((await blocked.json()).error).toMatch(/one-time password/);
		const changed = await fresh.submit('/account/password', '', { currentPassword: oneTimePassword, newPassword: 'another private passphrase', confirmPassword: 'another private passphrase' });
		expect(changed.type).toBe('redirect');
		expect((await fresh.request('GET', '/api/reviews')).status).toBe(200);

		const audited = auditFor('account.password_reset').filter((row) => row.target_user_id === person.id);
		expect(audited).toHaveLength(1);
		expect(audited[0]).toMatchObject({ actor_user_id: adminId, ip_address: '127.0.0.1' });
	});

	it('works from the account page too, after its confirmation step, and shows the password once', async () => {
		const person = await newPerson('reset-page');
		const confirmPage = await (await admin.request('GET', `/admin/accounts/${person.id}?confirm=reset-password`)).text();
		expect(confirmPage).toContain(`Reset the password of ${person.name}?`);
		const result = await admin.submit(`/admin/accounts/${person.id}`, 'resetPassword', {});
		expect(result.type).toBe('success');
		const oneTimePassword = result.data!.oneTimePassword as string;
		expect((await new ApiClient(server.origin).signIn(person.email, oneTimePassword)).status).toBe(200);
		// Only a hash is kept: the password is in no table.
		expect(JSON.stringify(query('select * from user where id = ?', person.id))).not.toContain(oneTimePassword);
	});
});

describe('the admin deactivates and reactivates an account', () => {
	it('closes the open document at once, refuses sign-in with a clear message, keeps the name, and reactivation restores it', async () => {
		const person = await newPerson('leaver');
		expect((await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: person.email, role: 'panel_member' })).status).toBe(201);
		const client = await signedIn(person.email);
		const live = connectClient(server, `review/${reviewId}/analysis`, client.sessionCookie);
		try {
			await waitForSync(live);
			const before = Date.now();
			const result = await admin.submit(`/admin/accounts/${person.id}`, 'deactivate', {});
			expect(result).toMatchObject({ type: 'redirect', location: `/admin/accounts/${person.id}?done=deactivated` });
			await waitFor(() => live.closes.length > 0, 1_000, 'the connection to close');
			expect(live.closes[0].code).toBe(4401);
			expect(Date.now() - before).toBeLessThan(1_000);
		} finally {
			live.destroy();
		}
		expect((await client.request('GET', '/api/reviews')).status).toBe(401);

		const refused = await new ApiClient(server.origin).signIn(person.email, password);
		expect(refused.status).toBe(403);
		expect(await refused.json()).toEqual({ error: 'This account has been deactivated. Ask your DHR co-ordinator.' });
		// The sign-in page says the same.
		const page = await new ApiClient(server.origin).submit('/sign-in', '', { email: person.email, password });
		expect(page.status).toBe(403);
		expect(JSON.stringify(page.data)).toContain('This account has been deactivated. Ask your DHR co-ordinator.');
		// A wrong password still gets the usual answer: the message is only for the account's owner.
		expect((await new ApiClient(server.origin).signIn(person.email, 'not the password at all')).status).toBe(401);

		expect(auditFor('account.deactivated').filter((row) => row.target_user_id === person.id)).toEqual([
			expect.objectContaining({ actor_user_id: adminId, ip_address: '127.0.0.1' })
		]);
		expect(auditFor('sign_in.refused_deactivated').filter((row) => row.target_user_id === person.id)).toHaveLength(2);

		// The name stays in the record, marked on the members page.
		const review = await (await chair.request('GET', `/api/reviews/${reviewId}`)).json();
		expect(review.members.map((m: { name: string }) => m.name)).toContain(person.name);
		const membersPage = await (await chair.request('GET', `/reviews/${reviewId}/members`)).text();
		const cell = membersPage.slice(membersPage.indexOf(`${person.name}<`), membersPage.indexOf('</td>', membersPage.indexOf(`${person.name}<`)));
		expect(cell).toMatch(/<strong class="govuk-tag govuk-tag--grey">Deactivated<\/strong>/);
		const accounts = await (await admin.request('GET', '/api/admin/accounts')).json();
		expect(accounts.accounts.find((a: { id: string }) => a.id === person.id).status).toBe('deactivated');

		// Nor can a chair add the deactivated account anywhere.
		const add = await chair.request('POST', `/api/reviews/${reviewId}/members`, { email: person.email, role: 'observer' });
		expect(add.status).toBe(409);
		expect((await add.json()).error).toMatch(/deactivated/);

		expect((await admin.request('POST', `/api/admin/accounts/${person.id}/reactivate`)).status).toBe(204);
		expect((await new ApiClient(server.origin).signIn(person.email, password)).status).toBe(200);
		expect(auditFor('account.reactivated').filter((row) => row.target_user_id === person.id)).toHaveLength(1);
	});

	it('refuses to deactivate the admin themself', async () => {
		const response = await admin.request('POST', `/api/admin/accounts/${adminId}/deactivate`);
		expect(response.status).toBe(409);
		expect((await response.json()).error).toMatch(/your own account/);
		expect((await new ApiClient(server.origin).signIn('admin@demo.test')).status).toBe(200);
	});

	it('answers an unknown account action with 404 and the actions there are', async () => {
		const response = await admin.request('POST', `/api/admin/accounts/${adminId}/delete`);
		expect(response.status).toBe(404);
		expect((await response.json()).error).toBe('There is no such account action. The actions are reset-password, reset-second-factors, deactivate and reactivate.');
	});

	it('gives anyone but the admin 403 for every account action, and changes nothing', async () => {
		const person = await newPerson('target');
		for (const action of ['reset-password', 'reset-second-factors', 'deactivate', 'reactivate']) {
			expect((await chair.request('POST', `/api/admin/accounts/${person.id}/${action}`)).status).toBe(403);
			const page = await chair.submit(`/admin/accounts/${person.id}`, { 'reset-password': 'resetPassword', 'reset-second-factors': 'resetSecondFactors', deactivate: 'deactivate', reactivate: 'reactivate' }[action]!, {});
			expect(page.status).toBe(403);
		}
		expect((await chair.request('GET', '/api/admin/accounts')).status).toBe(403);
		expect((await chair.request('GET', `/admin/accounts/${person.id}`)).status).toBe(403);
		expect((await new ApiClient(server.origin).signIn(person.email, password)).status).toBe(200);
	});
});

describe('the admin resets second factors', () => {
	it('removes every authenticator app, passkey and recovery code, and ends the sessions', async () => {
		const person = await newPerson('lostphone');
		const client = await signedIn(person.email);
		// The factors as the second-factor pages would store them.
		write('insert into totp_credential (id, user_id, name, encrypted_secret, confirmed_at) values (?, ?, ?, ?, ?)', randomUUID(), person.id, 'Phone', Buffer.from('sealed'), Date.now());
		write('insert into webauthn_credential (id, user_id, name, public_key) values (?, ?, ?, ?)', randomUUID(), person.id, 'Security key', Buffer.from('key'));
		for (let i = 0; i < 3; i++) write('insert into recovery_code (id, user_id, code_hash) values (?, ?, ?)', randomUUID(), person.id, `hash-${i}`);
		const factors = () =>
			['totp_credential', 'webauthn_credential', 'recovery_code'].map((table) => query<{ n: number }>(`select count(*) as n from ${table} where user_id = ?`, person.id)[0].n);
		expect(factors()).toEqual([1, 1, 3]);
		const accountPage = await (await admin.request('GET', `/admin/accounts/${person.id}`)).text();
		expect(accountPage).toContain('3 recovery codes left');

		expect((await admin.request('POST', `/api/admin/accounts/${person.id}/reset-second-factors`)).status).toBe(204);
		expect(factors()).toEqual([0, 0, 0]);
		expect((await client.request('GET', '/api/reviews')).status).toBe(401);
		expect(query('select id from session where user_id = ?', person.id)).toEqual([]);
		const audited = auditFor('account.second_factors_reset').filter((row) => row.target_user_id === person.id);
		expect(audited).toHaveLength(1);
		expect(audited[0]).toMatchObject({ actor_user_id: adminId, ip_address: '127.0.0.1' });
		expect(JSON.parse(audited[0].detail!)).toEqual({ removed: 5 });
		// Their password still works: only the second factors went.
		expect((await new ApiClient(server.origin).signIn(person.email, password)).status).toBe(200);
	});
});

describe('the chair invites someone with no account', () => {
	function token(link: string): string {
		return link.split('/join/')[1];
	}

	it('creates an invitation the admin sees, whose link makes the account and the membership once', async () => {
		const email = `invitee-${randomUUID().slice(0, 8)}@example.org`;
		const created = await chair.request('POST', `/api/reviews/${reviewId}/invitations`, { name: 'Ines Invited', email, role: 'panel_member' });
		expect(created.status).toBe(201);
		const { link, expiresAt } = await created.json();
		expect(link).toMatch(new RegExp(`^${server.origin}/join/[a-z2-7]{52}$`));
		expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000);
		// Only a hash is kept.
		expect(JSON.stringify(query('select * from account_invitation where email = ?', email))).not.toContain(token(link));

		const listing = await (await admin.request('GET', '/api/admin/accounts')).json();
		expect(listing.invitations.find((i: { email: string }) => i.email === email)).toMatchObject({ name: 'Ines Invited', reviewTitle: 'Adult A', invitedBy: 'Helen Marsh', status: 'pending', role: 'panel_member' });
		const adminPage = await (await admin.request('GET', '/admin')).text();
		expect(adminPage).toContain(email);
		const forChair = await (await chair.request('GET', `/api/reviews/${reviewId}/invitations`)).json();
		expect(forChair.map((i: { email: string }) => i.email)).toContain(email);

		const joinPage = await (await new ApiClient(server.origin).request('GET', `/join/${token(link)}`)).text();
		expect(joinPage).toContain(email);
		expect(joinPage).toContain('Panel member');

		const invitee = new ApiClient(server.origin);
		const joined = await invitee.submit(`/join/${token(link)}`, '', { name: 'Ines Invited', newPassword: password, confirmPassword: password });
		expect(joined).toMatchObject({ type: 'redirect', location: `/reviews/${reviewId}` });
		const review = await (await invitee.request('GET', `/api/reviews/${reviewId}`)).json();
		expect(review.role).toBe('panel_member');
		expect((await new ApiClient(server.origin).signIn(email, password)).status).toBe(200);
		const accepted = auditFor('invitation.accepted').filter((row) => row.review_id === reviewId);
		expect(accepted.length).toBeGreaterThan(0);

		// Used twice: a clear message, audited, and nothing else changes.
		const users = query<{ n: number }>('select count(*) as n from user')[0].n;
		const refusedBefore = auditFor('invitation.refused').length;
		const again = await new ApiClient(server.origin).submit(`/join/${token(link)}`, '', { name: 'Someone Else', newPassword: 'yet another passphrase', confirmPassword: 'yet another passphrase' });
		expect(again.status).toBe(409);
		expect(again.data!.problem).toMatch(/already been used/);
		expect(query<{ n: number }>('select count(*) as n from user')[0].n).toBe(users);
		expect(auditFor('invitation.refused').length).toBe(refusedBefore + 1);
		expect(JSON.parse(auditFor('invitation.refused').at(-1)!.detail!)).toMatchObject({ refusal: 'used', email });
		expect((await new ApiClient(server.origin).signIn(email, 'yet another passphrase')).status).toBe(401);
		// The admin's list no longer shows it as waiting.
		const after = await (await admin.request('GET', '/api/admin/accounts')).json();
		expect(after.invitations.map((i: { email: string }) => i.email)).not.toContain(email);
	});

	it('refuses an expired link with a clear message, audited, creating nothing', async () => {
		const email = `late-${randomUUID().slice(0, 8)}@example.org`;
		const { link, id } = await (await chair.request('POST', `/api/reviews/${reviewId}/invitations`, { name: 'Leo Late', email, role: 'observer' })).json();
		write('update account_invitation set expires_at = ? where id = ?', Date.now() - 1_000, id);
		const page = await (await new ApiClient(server.origin).request('GET', `/join/${token(link)}`)).text();
		expect(page).toContain('This invitation has expired. Ask the chair who invited you for a new one.');
		const attempt = await new ApiClient(server.origin).submit(`/join/${token(link)}`, '', { name: 'Leo Late', newPassword: password, confirmPassword: password });
		expect(attempt.status).toBe(409);
		expect(attempt.data!.problem).toMatch(/expired/);
		expect(query('select id from user where email = ?', email)).toEqual([]);
		expect(auditFor('invitation.refused').filter((row) => JSON.parse(row.detail!).invitationId === id).map((row) => JSON.parse(row.detail!).refusal)).toEqual(['expired', 'expired']);
		const listing = await (await admin.request('GET', '/api/admin/accounts')).json();
		expect(listing.invitations.find((i: { id: string }) => i.id === id).status).toBe('expired');
	});

	it('lets the chair withdraw an invitation, after which its link works no more', async () => {
		const email = `withdrawn-${randomUUID().slice(0, 8)}@example.org`;
		const result = await chair.submit(`/reviews/${reviewId}/members/invite`, '', { inviteName: 'Wyn Withdrawn', inviteEmail: email, inviteRole: 'observer', inviteAgencyId: '' });
		expect(result.type).toBe('success');
		const { link } = result.data!.invited as { link: string };
		const id = query<{ id: string }>('select id from account_invitation where email = ?', email)[0].id;
		const withdrawn = await chair.submit(`/reviews/${reviewId}/members`, 'revokeInvitation', { invitationId: id });
		expect(withdrawn.type).toBe('success');
		const attempt = await new ApiClient(server.origin).submit(`/join/${token(link)}`, '', { name: 'Wyn Withdrawn', newPassword: password, confirmPassword: password });
		expect(attempt.status).toBe(409);
		expect(attempt.data!.problem).toMatch(/withdrawn/);
		expect(query('select id from user where email = ?', email)).toEqual([]);
		expect(auditFor('invitation.revoked').filter((row) => JSON.parse(row.detail!).invitationId === id)).toHaveLength(1);
	});

	it('refuses to invite an email that has an account, an admin, or someone already invited', async () => {
		const person = await newPerson('existing');
		const existing = await chair.request('POST', `/api/reviews/${reviewId}/invitations`, { name: person.name, email: person.email, role: 'observer' });
		expect(existing.status).toBe(409);
		expect((await existing.json()).error).toMatch(/Add them as a member instead/);
		const asAdmin = await chair.request('POST', `/api/reviews/${reviewId}/invitations`, { name: 'Admin', email: 'ADMIN@demo.test', role: 'observer' });
		expect(asAdmin.status).toBe(409);
		expect((await asAdmin.json()).error).toMatch(/admins cannot be members/);
		const email = `twice-${randomUUID().slice(0, 8)}@example.org`;
		expect((await chair.request('POST', `/api/reviews/${reviewId}/invitations`, { name: 'Tom Twice', email, role: 'observer' })).status).toBe(201);
		expect((await chair.request('POST', `/api/reviews/${reviewId}/invitations`, { name: 'Tom Twice', email, role: 'observer' })).status).toBe(409);
		// Adding someone with no account points the chair to the invitation.
		const add = await chair.submit(`/reviews/${reviewId}/members`, 'addMember', { email: `nobody-${randomUUID().slice(0, 8)}@example.org`, role: 'observer', agencyId: '' });
		expect(add.status).toBe(400);
		expect(add.data!.offerInvite).toBe(true);
	});

	it('lets no one but the chair invite', async () => {
		const panel = await signedIn('panel@demo.test', 'demo-password');
		const email = `sneaky-${randomUUID().slice(0, 8)}@example.org`;
		expect((await panel.request('POST', `/api/reviews/${reviewId}/invitations`, { name: 'Sam Sneaky', email, role: 'chair' })).status).toBe(403);
		expect((await panel.request('GET', `/reviews/${reviewId}/members/invite`)).status).toBe(403);
		expect((await panel.submit(`/reviews/${reviewId}/members/invite`, '', { inviteName: 'Sam Sneaky', inviteEmail: email, inviteRole: 'chair', inviteAgencyId: '' })).status).toBe(403);
		expect((await admin.request('POST', `/api/reviews/${reviewId}/invitations`, { name: 'Sam Sneaky', email, role: 'chair' })).status).toBe(404);
		expect(query('select id from account_invitation where email = ?', email)).toEqual([]);
	});
});
