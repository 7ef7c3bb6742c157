import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';

test('the chair downloads the restricted Word export, attests a check and adds an abbreviation, on an accessible page', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.getByRole('link', { name: 'Publication pack' }).click();
	await expect(page.getByRole('heading', { name: 'Publication pack', level: 1 })).toBeVisible();
	await expectAccessible(page);

	// The publication edition is not open yet, and the page says why.
	await expect(page.getByLabel('Publication edition')).toHaveCount(0);
	await expect(page.getByTestId('publication-refusals')).toContainText('The report is not final');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download' }).click();
	expect((await download).suggestedFilename()).toMatch(/^Adult-A-overview-restricted-OFFICIAL-SENSITIVE\.docx$/);

	const identifiers = page.locator('tr[data-check="identifier_findings"]');
	// The demo report names no one the identifier scan finds (the register is empty until use-pseudonyms.spec.ts).
	await expect(identifiers).toContainText('None open.');
	// The demo's one recommendation passes the SMART check; that they are all in one place is for the chair to say.
	const recommendations = page.locator('tr[data-check="recommendations"]');
	await recommendations.getByLabel('Note (optional)').fill('Single-agency and multi-agency together in section 19.');
	await recommendations.getByRole('button', { name: /I attest this is met/ }).click();
	await expect(page.getByText('Check attested.')).toBeVisible();
	await expect(page.locator('tr[data-check="recommendations"]')).toContainText('Attested by');

	await page.getByLabel('Abbreviation').fill('X');
	await page.getByLabel('What it stands for').fill('Something');
	await page.getByRole('button', { name: 'Add to the glossary' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the abbreviation as 2 to 12 letters or digits');
	await expectAccessible(page);
});

test('the chair records a step on the way to publication, shown on the timescales page', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await expect(page.getByRole('heading', { name: /Domestic Homicide Review/, level: 1 })).toBeVisible();
	const reviewPath = new URL(page.url()).pathname;
	await page.goto(`${reviewPath}/publication/submissions`);
	await expect(page.getByRole('heading', { name: 'Journey to publication', level: 1 })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Step').selectOption('sent_to_partnership');
	const now = new Date();
	await fillDate(page, 'Date', String(now.getDate()), String(now.getMonth() + 1), String(now.getFullYear()));
	await page.getByRole('button', { name: 'Record the step' }).click();
	await expect(page.getByTestId('submission-steps')).toContainText('Sent to the community safety partnership');
	await page.goto(`${reviewPath}/timescales`);
	await expect(page.getByTestId('publication-standing')).toContainText('Sent to the community safety partnership');
});

test('the print view shows the report without the editor', async ({ page }) => {
	await signIn(page, 'panel@demo.test');
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.getByRole('link', { name: 'Overview report' }).first().click();
	await page.getByRole('link', { name: 'Print view' }).click();
	await expect(page.getByTestId('print-report')).toBeVisible();
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expectAccessible(page);
});
