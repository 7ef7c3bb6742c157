import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { expectAccessible } from './axe';

/*
 * The pseudonym register in use (issue 16). The demo review is shared by the whole suite:
 * this file runs after signoff.spec.ts (files run in name order, one worker) and leaves the
 * report as it found it (the real name replaced, the entry removed); only a named version
 * stays behind.
 */

async function as(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.waitForURL(/\/reviews\/[^/]+$/);
	return page;
}

test('the chair adds a pseudonym; a panel member’s real name is marked and replaced in one action; the family share warns first', async ({ browser }) => {
	const chair = await as(browser, 'chair@demo.test');
	const reviewPath = new URL(chair.url()).pathname;

	// The chair adds an entry; the register page is accessible and refuses a bad entry plainly.
	await chair.getByRole('link', { name: 'Pseudonym register' }).click();
	await chair.getByLabel('Real name or identifier').fill('Jo');
	await chair.getByLabel('Pseudonym', { exact: true }).fill('Adult Z');
	await chair.getByRole('button', { name: 'Add to the register' }).click();
	await expect(chair.locator('.govuk-error-summary')).toContainText('at least 3 letters');
	await chair.getByLabel('Real name or identifier').fill('Gordon Whitby');
	await chair.getByLabel('Pseudonym', { exact: true }).fill('Adult Z');
	await chair.getByLabel('Chosen by the panel').check();
	await chair.getByRole('button', { name: 'Add to the register' }).click();
	await expect(chair.getByTestId('pseudonym-register')).toContainText('Gordon Whitby');
	await expectAccessible(chair);

	// A panel member writes the real name in the report: it is marked and explained.
	const panel = await as(browser, 'panel@demo.test');
	await panel.getByRole('link', { name: 'Overview report' }).click();
	await expect(panel.getByTestId('report-loading')).toHaveCount(0);
	const editor = panel.locator('#section-conclusions .app-editor__content');
	await editor.click();
	await panel.keyboard.press('Control+End');
	await panel.keyboard.type(' Gordon Whitby was not asked about the injuries.');
	const mark = panel.locator('#section-conclusions .app-identifier', { hasText: 'Gordon Whitby' });
	await expect(mark).toBeVisible();
	await expect(panel.getByTestId('identifier-count-conclusions')).toBeVisible();

	// The chair names a version with it in, and is warned before sharing it with the family.
	await chair.goto(`${reviewPath}/signoff`);
	await chair.getByLabel('Version to sign off').selectOption('now');
	const opened = chair.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === '?/openRound');
	await chair.getByRole('button', { name: /Open the sign-off round|Move the round to this version/ }).click();
	await opened;
	await expect(chair.getByTestId('openRound-open-flags').or(chair.getByTestId('openRound-open-findings'))).toBeVisible();
	// Language flags left open by earlier tests come first; then the possible identifiers.
	if (await chair.getByTestId('openRound-open-flags').isVisible()) await chair.getByTestId('openRound-open-flags').getByRole('button', { name: 'Open the round anyway' }).click();
	const roundWarning = chair.getByTestId('openRound-open-findings');
	await expect(roundWarning).toContainText('Gordon Whitby');
	await expect(roundWarning).toContainText('Adult Z');
	// A named version with the name in it, to share.
	expect((await chair.request.post(`/api${reviewPath}/report/versions`, { data: { name: 'Draft with a real name' } })).status()).toBe(201);
	await chair.goto(`${reviewPath}/signoff`);
	await chair.getByLabel('Share a named version with the family advocate').selectOption({ label: 'Draft with a real name' });
	const shared = chair.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === '?/share');
	await chair.getByRole('button', { name: 'Share with the family' }).click();
	await shared;
	await expect(chair.getByTestId('share-open-flags').or(chair.getByTestId('share-open-findings'))).toBeVisible();
	if (await chair.getByTestId('share-open-flags').isVisible()) await chair.getByTestId('share-open-flags').getByRole('button', { name: 'Share anyway' }).click();
	await expect(chair.getByTestId('share-open-findings')).toContainText('Gordon Whitby');

	// The panel member moves into the name and replaces it with one action.
	await mark.click();
	const explanation = panel.getByTestId('identifier-panel');
	await expect(explanation).toContainText('Replace it with “Adult Z”');
	await explanation.getByRole('button', { name: 'Replace with the pseudonym' }).click();
	await expect(editor).toContainText('Adult Z was not asked about the injuries.');
	await expect(panel.locator('#section-conclusions .app-identifier', { hasText: 'Gordon Whitby' })).toHaveCount(0);

	// An agency representative gets no register.
	const police = await as(browser, 'police@demo.test');
	await expect(police.getByRole('link', { name: 'Pseudonym register' })).toHaveCount(0);
	expect((await police.request.get(`/api${reviewPath}/pseudonyms`)).status()).toBe(403);

	// Leave the register as it was for the tests after this one.
	await chair.goto(`${reviewPath}/pseudonyms`);
	await chair.getByRole('button', { name: 'Remove the entry for Adult Z' }).click();
	await expect(chair.getByTestId('register-empty')).toBeVisible();
});
