import { expect, test, type Page } from '@playwright/test';
import { format, subDays } from 'date-fns';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';

async function openChronology(page: Page): Promise<void> {
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.getByRole('link', { name: 'Integrated chronology' }).click();
	await expect(page.getByTestId('entry-count')).toHaveText(/\d+ entries/);
	await showEntries(page);
}

/** Scrolls the list into view: it is virtualised, so entries far below the window are not drawn. */
async function showEntries(page: Page): Promise<void> {
	await page.getByRole('list', { name: 'Chronology entries' }).evaluate((list) => list.scrollIntoView());
}

test('a police representative adds an entry, the chair sees it live and tags it; police cannot edit health entries', async ({ browser }) => {
	const policeContext = await browser.newContext();
	const chairContext = await browser.newContext();
	const police = await policeContext.newPage();
	const chair = await chairContext.newPage();
	await signIn(police, 'police@demo.test');
	await signIn(chair, 'chair@demo.test');
	await openChronology(police);
	await openChronology(chair);

	// Presence: each sees the other.
	await expect(chair.getByTestId('presence')).toContainText('DS Claire Holt');
	await expect(police.getByTestId('presence')).toContainText('Helen Marsh');

	const summary = `Officers attended after a neighbour's call ${Date.now()}`;
	await chair.getByLabel('Search').fill(summary);
	await expect(chair.getByTestId('entry-count')).toHaveText(/Showing 0 of/);

	await police.getByRole('button', { name: 'Add an entry' }).click();
	// Validation from the domain module: the source is required.
	await police.getByLabel('Date', { exact: true }).fill(format(subDays(new Date(), 100), 'dd/MM/yyyy'));
	await police.getByLabel('What happened').fill(summary);
	await police.getByRole('button', { name: 'Save entry' }).click();
	await expect(police.locator('.govuk-error-summary')).toContainText('Enter the record this entry comes from');
	await police.getByLabel('Source').fill('Command and control log 9999');
	await police.getByLabel('Action taken, or why none was taken').fill('Advice given; DASH completed: standard risk.');
	await police.getByRole('button', { name: 'Save entry' }).click();

	// The chair sees it appear live, without reloading.
	await showEntries(chair);
	const chairEntry = chair.getByTestId('entry').filter({ hasText: summary });
	await expect(chairEntry).toBeVisible({ timeout: 5_000 });
	await expect(chairEntry).toContainText('Northmoor Police');

	// While the police representative edits it, the chair sees who is editing.
	await police.getByLabel('Search').fill(summary);
	await showEntries(police);
	const policeEntry = police.getByTestId('entry').filter({ hasText: summary });
	await policeEntry.getByRole('button', { name: /^Edit/ }).click();
	await expect(chairEntry).toContainText('DS Claire Holt is editing this entry');
	await police.getByRole('button', { name: 'Cancel' }).click();
	await expect(chairEntry).not.toContainText('is editing this entry');

	// The chair tags it a missed opportunity; the police representative sees the tag live.
	await chairEntry.getByRole('button', { name: /^Analyse/ }).click();
	// The list re-measures as the form opens, so a first click can land while it moves: try again until it sticks.
	await expect(async () => chairEntry.getByLabel('missed opportunity').check({ timeout: 1_000 })).toPass({ timeout: 10_000 });
	await expect(policeEntry.locator('.govuk-tag', { hasText: 'missed opportunity' })).toBeVisible({ timeout: 5_000 });
	// Agencies see the analysis but cannot change it.
	await expect(policeEntry.getByRole('button', { name: /^Analyse/ })).toHaveCount(0);

	// Police cannot edit the GP practice's entries.
	await police.getByLabel('Search').fill('');
	await police.getByLabel('Agency').selectOption({ label: 'Riverside GP Practice' });
	await showEntries(police);
	const healthEntries = police.getByTestId('entry');
	await expect(healthEntries.first()).toBeVisible();
	await expect(healthEntries.first()).toContainText('Riverside GP Practice');
	await expect(police.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
	await expect(police.getByRole('button', { name: /^Remove/ })).toHaveCount(0);

	await policeContext.close();
	await chairContext.close();
});

test('the chronology draws its first entries without scrolling, passes axe with them drawn, and a saved entry is confirmed and shown', async ({ page }) => {
	// A laptop-sized window, where the list starts below the fold.
	await page.setViewportSize({ width: 1024, height: 640 });
	await signIn(page, 'police@demo.test');
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.getByRole('link', { name: 'Integrated chronology' }).click();
	await expect(page.getByTestId('entry-count')).toHaveText(/\d+ entries/);
	// No scrolling: the first entries are there at once, in a list whose items say where they stand.
	const list = page.getByRole('list', { name: 'Chronology entries' });
	await expect(list.getByRole('listitem').nth(3)).toBeVisible();
	await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-posinset', '1');
	await expectAccessible(page);
	expect(await page.evaluate(() => window.scrollY)).toBe(0);

	// The date filters are Day, Month and Year boxes, read day first.
	await expect(page.locator('input[type="date"]')).toHaveCount(0);
	const total = Number((await page.getByTestId('entry-count').textContent())?.match(/\d+/)?.[0]);
	const since = subDays(new Date(), 200);
	await fillDate(page, 'From', format(since, 'd'), format(since, 'M'), format(since, 'yyyy'));
	await expect(page.getByTestId('entry-count')).toHaveText(new RegExp(`^Showing \\d+ of ${total} entries$`));
	await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('');
	await expect(page.getByTestId('entry-count')).toHaveText(`${total} entries`);

	// An approximate date is ticked, not typed with a "?", and reads "about".
	const when = subDays(new Date(), 400);
	await page.getByRole('button', { name: 'Add an entry' }).click();
	await expect(page.getByText('Put a ? in front')).toHaveCount(0);
	await page.getByLabel('Date', { exact: true }).fill(format(when, 'MMMM yyyy'));
	await page.getByLabel('The date is approximate').check();
	await page.getByLabel('Source').fill(`Command and control log ${Date.now()}`);
	await page.getByLabel('What happened').fill('Neighbour reported shouting; officers attended.');
	await page.getByLabel('Action taken, or why none was taken').fill('Words of advice given.');
	await page.getByRole('button', { name: 'Save entry' }).click();

	// Confirmed in a status message, and the page moves to the new entry and focuses it.
	const label = `about ${format(when, 'MMMM yyyy')}`;
	await expect(page.getByRole('status').filter({ hasText: `Entry for ${label} saved` })).toBeVisible();
	const heading = page.locator('.app-entry--saved h2');
	await expect(heading).toContainText(label);
	await expect(heading).toBeFocused();
	await expect(heading).toBeInViewport();
	await expectAccessible(page);
});

test('the chronology and timeline pages are accessible, and a timeline mark opens its entry', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await openChronology(page);
	await expect(page.getByTestId('entry').first()).toBeVisible();
	await expectAccessible(page);

	// The analysis form and the entry form pass too.
	await page.getByTestId('entry').first().getByRole('button', { name: /^Analyse/ }).click();
	await page.getByRole('button', { name: 'Add an entry' }).click();
	await page.getByRole('button', { name: 'Save entry' }).click();
	await expect(page.locator('.app-entry-form .govuk-error-summary')).toBeVisible();
	// The form pushed the virtualised list down; bring it back so entries are drawn in the list.
	await showEntries(page);
	await expect(page.getByTestId('entry').first()).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Timeline picture' }).click();
	await expect(page.getByTestId('timeline-mark').first()).toBeVisible();
	await expect(page.getByTestId('timeline-table').locator('tbody tr')).not.toHaveCount(0);
	await expectAccessible(page);

	// Zoom to a range from the keyboard-usable controls: fewer entries in view.
	const before = await page.getByTestId('timeline-table').locator('tbody tr').count();
	const deathDay = subDays(new Date(), 75);
	// Day, Month and Year boxes, as every date in the service: no browser-locale mm/dd/yyyy.
	await expect(page.locator('input[type="date"]')).toHaveCount(0);
	const start = subDays(deathDay, 200);
	await fillDate(page, 'From', format(start, 'd'), format(start, 'M'), format(start, 'yyyy'));
	await fillDate(page, 'To', format(deathDay, 'd'), format(deathDay, 'M'), format(deathDay, 'yyyy'));
	await page.getByRole('button', { name: 'Show this range' }).click();
	await expect.poll(() => page.getByTestId('timeline-table').locator('tbody tr').count()).toBeLessThan(before);

	const timelineUrl = page.url();
	await page.goto(timelineUrl.replace('/timeline', '/print'));
	await expect(page.getByRole('note', { name: 'Handling restriction' })).toContainText('OFFICIAL-SENSITIVE');
	// One marking everywhere: the print says what the banner says.
	await expect(page.getByRole('note', { name: 'Security classification' })).toHaveText('OFFICIAL-SENSITIVE');
	await expect(page.locator('.app-print-table tbody tr')).not.toHaveCount(0);
	await expectAccessible(page);
	await page.goto(timelineUrl);
	await expect(page.getByTestId('timeline-mark').first()).toBeVisible();

	const mark = page.getByTestId('timeline-mark').last();
	const entryId = await mark.getAttribute('data-entry-id');
	await mark.click({ force: true });
	await expect(page).toHaveURL(new RegExp(`entry=${entryId}`));
	await expect(page.locator(`#entry-${entryId}-heading`)).toBeFocused();
});

test('an agency imports a spreadsheet after checking an accessible preview', async ({ page }) => {
	await signIn(page, 'police@demo.test');
	await openChronology(page);
	const before = Number((await page.getByTestId('entry-count').textContent())?.match(/\d+/)?.[0]);
	await page.getByRole('link', { name: 'Import a spreadsheet' }).click();
	await expect(page.getByRole('heading', { name: 'Import a chronology' })).toBeVisible();
	await expectAccessible(page);

	const csv = ['Date,Source,What happened', '05/06/2019,Log E2E-1,Officers gave safety advice', 'yesterday-ish,Log E2E-2,Unreadable date'].join('\n');
	await page.getByLabel('File').setInputFiles({ name: 'police.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await page.getByRole('button', { name: 'Upload and preview' }).click();
	await expect(page.getByTestId('import-summary')).toHaveText('1 entry will be added');
	await expect(page.getByTestId('import-rejected')).toContainText('Line 3: "yesterday-ish" is not a date');
	await expect(page.getByLabel('Date', { exact: true })).toHaveValue('0');
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Import 1 entry' }).click();
	await expect(page.getByRole('heading', { name: '1 entry added' })).toBeVisible();
	await page.getByRole('link', { name: 'Go to the integrated chronology' }).click();
	await expect(page.getByTestId('entry-count')).toHaveText(`${before + 1} entries`);
});

test("the chair records the victim's date of birth and the chronology shows ages", async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.getByRole('link', { name: "Change victim's date of birth" }).click();
	await expectAccessible(page);
	const group = page.getByRole('group', { name: 'Date of birth' });
	await group.getByLabel('Day').fill('31');
	await group.getByLabel('Month').fill('2');
	await group.getByLabel('Year').fill('1990');
	await page.getByRole('button', { name: 'Save date of birth' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('real date');
	await group.getByLabel('Day').fill('1');
	await group.getByLabel('Month').fill('1');
	await group.getByLabel('Year').fill('1960');
	await page.getByRole('button', { name: 'Save date of birth' }).click();
	await expect(page.getByText('1 January 1960')).toBeVisible();
	await page.getByRole('link', { name: 'Integrated chronology' }).click();
	await showEntries(page);
	await expect(page.getByTestId('entry').first()).toContainText(/Victim aged [56]\d\b/);
});
