import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectAccessible } from './axe';
import { signIn } from './helpers';

// The e2e database is shared by every file: this journey makes its own account and changes no demo account.
test('the chair invites someone with no account, who joins the review with the link in their own browser', async ({ page, browser }) => {
	const email = `new.member-${randomUUID().slice(0, 8)}@eastfield.example`;
	await signIn(page, 'chair@demo.test');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await expect(page.getByRole('heading', { name: 'Domestic Homicide Review: Adult A' })).toBeVisible();
	const reviewPath = new URL(page.url()).pathname;
	await page.getByRole('link', { name: 'Members and agencies' }).click();

	// Adding someone with no account offers the invitation, keeping what was typed.
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('radio', { name: 'Panel member' }).check();
	await page.getByRole('button', { name: 'Add member' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('No account uses this email address');
	await page.getByTestId('offer-invite').getByRole('link', { name: 'Invite them' }).click();
	await expect(page.getByRole('heading', { name: 'Invite someone who has no account' })).toBeVisible();
	await expect(page.getByLabel('Email address')).toHaveValue(email);
	await expect(page.getByRole('radio', { name: 'Panel member' })).toBeChecked();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Create the invitation link' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter the person’s full name');
	await expectAccessible(page);
	await page.getByLabel('Full name').fill('Morgan Reyes');
	await page.getByRole('button', { name: 'Create the invitation link' }).click();
	await expect(page.getByRole('heading', { name: 'Morgan Reyes is invited' })).toBeVisible();
	await expect(page.getByText('The link is not sent by email')).toBeVisible();
	await expectAccessible(page);
	const link = (await page.getByTestId('invitation-link').textContent())!.trim();
	expect(link).toMatch(/\/join\/[a-z2-7]{52}$/);

	await page.getByRole('link', { name: 'See the invitations waiting to be accepted' }).click();
	await expect(page.getByRole('row', { name: /Morgan Reyes/ })).toContainText('Invited');
	await expectAccessible(page);

	// The invited person, in a browser of their own.
	const theirs = await browser.newContext();
	try {
		const joining = await theirs.newPage();
		await joining.goto(link);
		await expect(joining.getByRole('heading', { name: 'Join a review panel' })).toBeVisible();
		await expect(joining.getByTestId('invitation-email')).toHaveText(email);
		await expect(joining.getByLabel('Your full name')).toHaveValue('Morgan Reyes');
		await expectAccessible(joining);
		await joining.getByLabel('Choose a password').fill('a long private passphrase');
		await joining.getByLabel('Confirm your password').fill('a different passphrase');
		await joining.getByRole('button', { name: 'Create account and join' }).click();
		await expect(joining.locator('.govuk-error-summary')).toContainText('The passwords do not match');
		await expectAccessible(joining);
		await joining.getByLabel('Choose a password').fill('a long private passphrase');
		await joining.getByLabel('Confirm your password').fill('a long private passphrase');
		await joining.getByRole('button', { name: 'Create account and join' }).click();
		await expect(joining.getByRole('heading', { name: 'Domestic Homicide Review: Adult A' })).toBeVisible();
		expect(new URL(joining.url()).pathname).toBe(reviewPath);
		await expect(joining.getByText('Signed in as Morgan Reyes')).toBeVisible();

		// The link works once.
		const again = await browser.newContext();
		try {
			const second = await again.newPage();
			await second.goto(link);
			await expect(second.getByTestId('invitation-problem')).toContainText('This invitation has already been used');
			await expectAccessible(second);
		} finally {
			await again.close();
		}
	} finally {
		await theirs.close();
	}

	// The chair sees them as a member now.
	await page.goto(`${reviewPath}/members`);
	await expect(page.getByRole('row', { name: /Morgan Reyes/ })).toContainText('Panel member');
});

test('the admin sees the new account and reaches each action through a confirmation step', async ({ page }) => {
	const email = `confirm-${randomUUID().slice(0, 8)}@eastfield.example`;
	await signIn(page, 'admin@demo.test');
	await page.getByRole('link', { name: 'Admin', exact: true }).click();
	await page.getByLabel('Full name').fill('Casey Confirm');
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name: 'Account created for Casey Confirm' })).toBeVisible();
	await page.goto('/admin');
	await expect(page.getByTestId(`account-${email}`)).toContainText('Has not signed in yet');
	await page.getByRole('link', { name: 'Manage the account of Casey Confirm' }).click();
	await expect(page.getByRole('heading', { name: 'Casey Confirm', level: 1 })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: /Deactivate the account/ }).click();
	await expect(page.getByRole('heading', { name: 'Deactivate the account of Casey Confirm?' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Deactivate the account' }).click();
	await expect(page.getByText('The account has been deactivated.')).toBeVisible();
	await expect(page.getByTestId('account-status')).toContainText('Deactivated');
	await expectAccessible(page);

	await page.getByRole('link', { name: /Reset the password/ }).click();
	await expect(page.getByRole('heading', { name: 'Reset the password of Casey Confirm?' })).toBeVisible();
	await page.getByRole('button', { name: 'Reset the password' }).click();
	await expect(page.getByRole('heading', { name: 'Password reset for Casey Confirm' })).toBeVisible();
	await expect(page.getByTestId('one-time-password')).toHaveText(/^[a-z2-7-]{20,}$/);
	await expectAccessible(page);
});
