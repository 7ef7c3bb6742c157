/**
 * Two-factor sign-in in the browser: a passkey through Chromium's virtual authenticator
 * (DevTools WebAuthn domain), and an authenticator app whose codes the test computes from
 * the key shown beside the QR code. The e2e database is shared by every file, so these
 * tests make their own accounts (as the admin) and never touch a demo account's factors.
 */
import { expect, test, type Page } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expectAccessible } from './axe';
import { signIn, signOut } from './helpers';

test.describe.configure({ mode: 'serial' });

const people = {
	passkey: { name: 'Priya Keyholder', email: 'priya.keyholder@eastfield.example', password: 'passkey person 2025' },
	app: { name: 'Tomas Appleton', email: 'tomas.appleton@eastfield.example', password: 'app person 2025!' }
};
const oneTimePasswords: Record<string, string> = {};

/** The code an authenticator app shows `stepsAhead` steps from now (one step of drift is allowed). */
function appCode(secretText: string, stepsAhead = 0): string {
	const key = decodeBase32IgnorePadding(secretText.replace(/\s/g, ''));
	return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + stepsAhead), 6);
}

async function firstSignIn(page: Page, person: { email: string; password: string }) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(person.email);
	await page.getByLabel('Password').fill(oneTimePasswords[person.email]);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
	await page.getByLabel('One-time password').fill(oneTimePasswords[person.email]);
	await page.getByLabel('New password', { exact: true }).fill(person.password);
	await page.getByLabel('Confirm new password').fill(person.password);
	await page.getByRole('button', { name: 'Save password' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('the admin makes two accounts for these tests', async ({ page }) => {
	await signIn(page, 'admin@demo.test');
	for (const person of Object.values(people)) {
		await page.goto('/admin');
		await page.getByLabel('Full name').fill(person.name);
		await page.getByLabel('Email address').fill(person.email);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByRole('heading', { name: `Account created for ${person.name}` })).toBeVisible();
		oneTimePasswords[person.email] = (await page.getByTestId('one-time-password').textContent())!.trim();
	}
	await signOut(page);
});

test('a person adds a passkey and then signs in with it', async ({ page }) => {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true }
	});

	await firstSignIn(page, people.passkey);
	await page.goto('/account');
	await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
	await expect(page.getByText('You sign in with your password only.')).toBeVisible();
	await page.getByRole('button', { name: 'Add a passkey or security key' }).click();
	await expect(page.getByRole('heading', { name: 'Set up a passkey or security key' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Name for this passkey (optional)').fill('Work laptop');
	await page.getByRole('button', { name: 'Create passkey' }).click();
	await expect(page.getByRole('heading', { name: 'Passkey added' })).toBeVisible();
	await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
	await expect(page.getByRole('cell', { name: 'Work laptop', exact: true })).toBeVisible();
	await expectAccessible(page);
	await signOut(page);

	// Signing in again: the password alone is not enough, and the passkey finishes it.
	await page.goto('/reviews');
	await page.getByLabel('Email address').fill(people.passkey.email);
	await page.getByLabel('Password').fill(people.passkey.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Finish signing in' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'My reviews' })).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Use a passkey' }).click();
	await expect(page).toHaveURL(/\/reviews$/);
	await expect(page.getByRole('link', { name: 'My reviews' })).toBeVisible();
	await page.goto('/account');
	await expect(page.getByRole('row', { name: /Work laptop/ })).not.toContainText('Not yet');

	// The page that asks for the password again once a sign-in is more than 15 minutes old.
	await page.goto('/account/two-factor/confirm?next=/account');
	await expect(page.getByRole('heading', { name: 'Confirm your password' })).toBeVisible();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter your password');
	await expectAccessible(page);
	await page.getByLabel('Confirm your password').fill(people.passkey.password);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/\/account$/);
	await signOut(page);
});

test('a person adds an authenticator app and then signs in with a code', async ({ page }) => {
	await firstSignIn(page, people.app);
	await page.goto('/account/two-factor');
	await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
	await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
	const secretText = (await page.getByTestId('totp-secret').textContent())!.trim();
	expect(secretText).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/);
	await expectAccessible(page);

	// A mistake first: the error summary says what to do.
	await page.getByLabel('Code from the app').fill('12345');
	await page.getByRole('button', { name: 'Add authenticator app' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter the 6-digit code from your authenticator app');
	await expectAccessible(page);

	await page.getByLabel('Name for this app (optional)').fill('Work phone');
	const enrolmentCode = appCode(secretText);
	await page.getByLabel('Code from the app').fill(enrolmentCode);
	await page.getByRole('button', { name: 'Add authenticator app' }).click();
	await expect(page.getByRole('heading', { name: 'Authenticator app added' })).toBeVisible();
	await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
	await signOut(page);

	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(people.app.email);
	await page.getByLabel('Password').fill(people.app.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Finish signing in' })).toBeVisible();
	// The code just used to add the app is refused: each code works once.
	await page.getByLabel('Code from your authenticator app').fill(enrolmentCode);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('That code has already been used');
	await expectAccessible(page);
	await page.getByLabel('Code from your authenticator app').fill(appCode(secretText, 1));
	await page.getByRole('button', { name: 'Continue' }).click();
	// With no page asked for, signing in lands on "What needs me".
	await expect(page).toHaveURL(/\/tasks$/);
	await expect(page.getByRole('link', { name: 'My reviews' })).toBeVisible();
	await signOut(page);
});
