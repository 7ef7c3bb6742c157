import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './helpers';

// Runs before report.spec.ts and signoff.spec.ts change the shared demo review.
test('a newcomer finds the demo report under way: cited sections, an open language flag, a comment thread, a recommendation and a sign-off round the police have confirmed', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await expect(page.getByRole('heading', { name: /Domestic Homicide Review/, level: 1 })).toBeVisible();
	const reviewPath = new URL(page.url()).pathname;
	await page.getByRole('link', { name: 'Overview report' }).click();
	await expect(page.getByTestId('report-loading')).toHaveCount(0);

	await expect(page.locator('#section-introduction')).toContainText('The panel offers its sincere condolences');
	await expect(page.locator('#section-chronology .app-citation')).toHaveCount(4);
	await expect(page.locator('#section-chronology .app-citation').first()).toContainText('Northmoor Hospitals Trust');
	await expect(page.locator('#section-analysis .app-flag', { hasText: 'declined to engage' })).toBeVisible();
	await expect(page.getByTestId('open-flags')).toContainText('Analysis: “declined to engage”');
	const thread = page.locator('#section-analysis').getByTestId('comment-thread');
	await expect(thread).toContainText('Is “declined to engage” the IDVA service’s own wording?');
	await expect(thread).toContainText('I have asked the IDVA service’s IMR author');
	await expect(page.getByTestId('recommendations').locator('li', { hasText: 'Northmoor IDVA Service to revise its contact policy' })).toHaveCount(1);
	await expectAccessible(page);

	await page.goto(`${reviewPath}/signoff`);
	await expect(page.getByTestId('round')).toContainText('Draft for agencies');
	const matrix = page.getByTestId('signoff-matrix');
	await expect(matrix.locator('tr', { hasText: 'Northmoor Police' })).toContainText('Confirmed');
	await expect(matrix.locator('tr', { hasText: 'Riverside GP Practice' })).not.toContainText('Confirmed');
});
