import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './helpers';

test('a member chooses a daily summary on Your account, and the choice is kept', async ({ page }) => {
	await signIn(page, 'panel@demo.test');
	await page.goto('/account');
	const choice = page.getByRole('group', { name: 'When should we email you?' });
	await expect(choice.getByLabel('Straight away')).toBeChecked();
	await expect(page.getByText('nothing about the review itself')).toBeVisible();
	await expectAccessible(page);

	await choice.getByLabel('Once a day').check();
	await page.getByRole('button', { name: 'Save email choice' }).click();
	await expect(page.getByText('Your email choice is saved.')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('group', { name: 'When should we email you?' }).getByLabel('Once a day')).toBeChecked();
	await expect(page.getByText('One summary at 08:00 UK time')).toBeVisible();
	await expectAccessible(page);

	// Back as it was, for the other tests.
	await page.getByRole('group', { name: 'When should we email you?' }).getByLabel('Straight away').check();
	await page.getByRole('button', { name: 'Save email choice' }).click();
	await expect(page.getByText('Your email choice is saved.')).toBeVisible();
});

test('the DHR co-ordinator opens the outbox from Admin and sees how email is set up, without any content', async ({ page }) => {
	await signIn(page, 'admin@demo.test');
	await page.goto('/admin');
	await page.getByRole('link', { name: /Outbox/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
	await expect(page.getByTestId('mail-status')).toContainText('Demo mode: messages are written as .eml files');
	await expect(page.getByTestId('outbox-counts')).toContainText(/\d+ waiting, \d+ sent, \d+ failed, \d+ not sent/);
	await expectAccessible(page);
});

test('someone who is not the co-ordinator cannot open the outbox', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	const response = await page.goto('/admin/outbox');
	expect(response?.status()).toBe(403);
});
