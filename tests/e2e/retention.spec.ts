import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';

test('the DHR co-ordinator sets a review’s retention rule and sees when deletion is due; a draft cannot be deleted', async ({ page }) => {
	await signIn(page, 'admin@demo.test');
	await page.goto('/admin');
	await page.getByRole('link', { name: /No retention rule for Adult A/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Retention and deletion: Adult A' })).toBeVisible();
	await expect(page.getByTestId('deletion-refused')).toContainText('The report is still a draft');
	await expect(page.getByRole('button', { name: 'Delete the working material' })).toHaveCount(0);
	await expectAccessible(page);

	// A mistake is explained in the error summary, which takes the focus.
	await page.getByLabel('Years to keep the working material after publication').fill('seven');
	await page.getByRole('button', { name: 'Save retention rule' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText('Years must be a whole number, like 7');
	await expect(summary).toBeFocused();
	await expectAccessible(page);

	await page.getByLabel('Years to keep the working material after publication').fill('1');
	await fillDate(page, 'Date of publication (optional)', '29', '2', '2024');
	await page.getByRole('button', { name: 'Save retention rule' }).click();
	await expect(page.getByText('Retention rule saved.')).toBeVisible();
	await expect(page.getByTestId('retention-rule')).toContainText('Keep the working material 1 year after publication');
	await expect(page.getByTestId('deletion-due')).toContainText('28 February 2025 (Deletion due)');
	await expect(page.getByRole('table', { name: 'Retention rules set and deletions for this review' })).toContainText('keep 1 year after publication');
	await expectAccessible(page);

	await page.goto('/admin');
	await expect(page.getByRole('link', { name: /1 year after publication: deletion due since 28 February 2025/ })).toBeVisible();
});
