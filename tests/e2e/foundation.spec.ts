import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn, signOut } from './helpers';

test.describe.configure({ mode: 'serial' });

let reviewUrl = '';
let oneTimePassword = '';

test('the sign-in page is accessible, classified and explains mistakes', async ({ page }) => {
	await page.goto('/sign-in');
	await expect(page.getByRole('note', { name: 'Security classification' })).toHaveText('OFFICIAL-SENSITIVE');
	await expect(page.getByRole('note', { name: 'Demo mode' })).toContainText('fictional');
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Sign in' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email');
	await expect(page).toHaveTitle(/^Error: Sign in/);
	await expectAccessible(page);

	await page.getByLabel('Email address').fill('chair@demo.test');
	await page.getByLabel('Password').fill('wrong password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(summary).toContainText('Enter a correct email address and password');
});

test('sign-in works with the keyboard alone', async ({ page }) => {
	await page.goto('/sign-in');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
	await page.getByLabel('Email address').focus();
	await page.keyboard.type('observer-does-not-exist@demo.test');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Password')).toBeFocused();
	await page.keyboard.type('demo-password');
	await page.keyboard.press('Enter');
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter a correct email address and password');
});

test('the admin creates an account and a review, and appoints its chair', async ({ page }) => {
	await signIn(page, 'admin@demo.test');
	await page.getByRole('link', { name: 'Admin', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Full name').fill('Nadia Stone');
	await page.getByLabel('Email address').fill('nadia.stone@eastfield.example');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name: 'Account created for Nadia Stone' })).toBeVisible();
	oneTimePassword = (await page.getByTestId('one-time-password').textContent())!.trim();
	expect(oneTimePassword.length).toBeGreaterThan(15);

	await page.getByRole('button', { name: 'Create a review' }).click();
	await expect(page.getByRole('heading', { name: 'Create a review' })).toBeVisible();
	await expectAccessible(page);
	// A mistake first: the GOV.UK error summary links to the field.
	await page.getByRole('button', { name: 'Create review' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter a pseudonymised title');
	await expectAccessible(page);

	await page.getByLabel('Review title').fill('Adult Z');
	await page.getByLabel('Community safety partnership').fill('Eastfield Community Safety Partnership');
	await fillDate(page, 'Date of death', '14', '1', '2025');
	await fillDate(page, 'Date the partnership was notified', '31', '1', '2025');
	await page.getByLabel('Email address of the independent chair').fill('chair@demo.test');
	await page.getByRole('button', { name: 'Create review' }).click();
	await expect(page.getByText('Review Adult Z created.')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Adult Z', exact: true })).toBeVisible();
	await signOut(page);
});

test('the chair sees the timescales, adds an agency and a member, and records an extension', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Adult Z' }).click();
	await expect(page.getByRole('heading', { name: 'Domestic Homicide Review: Adult Z' })).toBeVisible();
	reviewUrl = new URL(page.url()).pathname;
	const decision = page.locator('tr[data-milestone="decision"]');
	// Notified 31 January 2025: the decision was due on the last day of February.
	await expect(decision).toContainText('28 February 2025');
	await expect(decision).toContainText('Overdue');
	await expect(page.locator('tr[data-milestone="report"]')).toContainText('Not known until the decision is recorded');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Members and agencies' }).click();
	await expectAccessible(page);
	await page.getByLabel('Agency name').fill('Eastfield Police');
	await page.getByLabel('Kind of agency').selectOption({ label: 'Police' });
	await page.getByRole('button', { name: 'Add agency' }).click();
	await expect(page.getByText('Eastfield Police has been added as an agency.')).toBeVisible();

	await page.getByLabel('Email address').fill('nadia.stone@eastfield.example');
	await page.getByRole('radio', { name: 'Agency representative' }).check();
	await page.getByLabel('Agency (for agency representatives)').selectOption({ label: 'Eastfield Police' });
	await page.getByRole('button', { name: 'Add member' }).click();
	await expect(page.getByText('nadia.stone@eastfield.example has been added to the review.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Nadia Stone/ })).toContainText('Agency representative (Eastfield Police)');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Back to the review' }).click();
	await page.getByRole('link', { name: /Record the decision/ }).click();
	await expectAccessible(page);
	await fillDate(page, 'Date of the decision', '20', '2', '2025');
	await page.getByRole('button', { name: 'Save decision date' }).click();
	// Decision 20 February 2025: the report is due six months later.
	await expect(page.locator('tr[data-milestone="report"]')).toContainText('20 August 2025');

	await page.getByRole('link', { name: 'Record an agreed extension' }).click();
	await page.getByRole('radio', { name: 'Overview report to the partnership' }).check();
	await fillDate(page, 'New due date', '31', '12', '2099');
	await page.getByLabel('Reason agreed with the partnership').fill('Criminal trial listed for next year; practitioners cannot be interviewed before it.');
	await page.getByRole('button', { name: 'Record extension' }).click();
	const report = page.locator('tr[data-milestone="report"]');
	await expect(report).toContainText('31 December 2099');
	await expect(report).toContainText('Extended from 20 August 2025');
	await expect(report).toContainText('Due');

	await page.getByRole('link', { name: 'Audit log' }).click();
	await expect(page.locator('tr[data-action="member.added"]').first()).toContainText('Nadia Stone');
	await expect(page.locator('tr[data-action="timescale.extended"]')).toBeVisible();
	await expectAccessible(page);
	await signOut(page);
});

test('a new member must replace their one-time password, then sees the review', async ({ page }) => {
	await signIn(page, 'nadia.stone@eastfield.example', oneTimePassword);
	await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
	await expectAccessible(page);
	await page.goto('/reviews');
	await expect(page).toHaveURL(/\/account\/password$/);
	await page.getByLabel('One-time password').fill(oneTimePassword);
	await page.getByLabel('New password', { exact: true }).fill('eastfield custody suite kettle');
	await page.getByLabel('Confirm new password').fill('eastfield custody suite kettle');
	await page.getByRole('button', { name: 'Save password' }).click();
	// Then "What needs me", the first page after signing in.
	await expect(page.getByRole('heading', { name: 'What needs me' })).toBeVisible();
	await page.getByRole('link', { name: 'My reviews' }).click();
	await expect(page.getByRole('row', { name: /Adult Z/ })).toContainText('Agency representative');
	await signOut(page);
});

test('a non-member gets "Page not found" for the review and its pages', async ({ page }) => {
	await signIn(page, 'panel@demo.test');
	for (const path of [reviewUrl, `${reviewUrl}/members`, `${reviewUrl}/timescales`, `${reviewUrl}/audit`]) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	}
	await expectAccessible(page);
});

test('a member sees their sessions and can end the others', async ({ page, browser }) => {
	const elsewhere = await browser.newContext();
	const otherPage = await elsewhere.newPage();
	await signIn(otherPage, 'health@demo.test');
	await signIn(page, 'health@demo.test');
	await page.getByRole('link', { name: 'Your account' }).click();
	await expect(page.getByText('This session')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Sign out of all other sessions' }).click();
	await expect(page.getByText(/sessions? ended/)).toBeVisible();
	await otherPage.goto('/reviews');
	await expect(otherPage).toHaveURL(/\/sign-in/);
	await elsewhere.close();
});
