/**
 * Issue 20, items 3 and 4, in the browser: the chair sends information requests, the police
 * representative answers "contact" and writes the IMR, the police's senior manager signs it
 * off, the panel returns it with a question, it is accepted and cited in the report.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';

// Closed after the test: an open page keeps its caret (awareness) in the report for later tests.
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
	await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function as(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext();
	contexts.push(context);
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function openReview(page: Page): Promise<string> {
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.waitForURL(/\/reviews\/[^/]+$/);
	return new URL(page.url()).pathname;
}

const imrEditor = (page: Page, heading: string) => page.getByRole('textbox', { name: `Text of the section ${heading}` });

test('the chair sends requests; the police answer, write and sign off an IMR; the panel returns it, accepts it and cites it in the report', async ({ browser }) => {
	// Five people and a dozen steps: longer than one page's test.
	test.setTimeout(240_000);
	// The chair asks the police and Northmoor Homes, and sees the bad date refused first.
	const chair = await as(browser, 'chair@demo.test');
	const reviewPath = await openReview(chair);
	await chair.getByRole('link', { name: 'Information requests' }).click();
	await expect(chair.getByRole('heading', { name: 'Information requests', level: 1 })).toBeVisible();
	await expectAccessible(chair);
	const agencies = chair.getByRole('group', { name: 'Which agencies?' });
	for (const box of await agencies.getByRole('checkbox').all()) await box.uncheck();
	await agencies.getByLabel('Northmoor Police').check();
	await agencies.getByLabel('Northmoor Homes').check();
	await chair.getByRole('button', { name: 'Send the request' }).click();
	await expect(chair.locator('.govuk-error-summary')).toContainText('Enter');
	const due = new Date(Date.now() + 21 * 86_400_000);
	const agencies2 = chair.getByRole('group', { name: 'Which agencies?' });
	for (const box of await agencies2.getByRole('checkbox').all()) await box.uncheck();
	await agencies2.getByLabel('Northmoor Police').check();
	await agencies2.getByLabel('Northmoor Homes').check();
	await fillDate(chair, 'Due by', String(due.getUTCDate()), String(due.getUTCMonth() + 1), String(due.getUTCFullYear()));
	await chair.getByRole('button', { name: 'Send the request' }).click();
	await expect(chair.getByText('Request sent to 2 agencies.')).toBeVisible();
	const table = chair.getByTestId('requests-table');
	await expect(table.getByRole('row', { name: /Northmoor Police/ })).toContainText('Waiting for an answer');
	await expect(table.getByRole('row', { name: /Northmoor Homes/ })).toContainText('Waiting for an answer');

	// The police representative finds the request under "What needs me" and answers "contact".
	const police = await as(browser, 'police@demo.test');
	await police.locator('[data-kind="information_request"]').getByRole('link').click();
	await expect(police.getByTestId('own-request')).toContainText('a chronology and an Individual Management Review (IMR)');
	await expectAccessible(police);
	await police.getByLabel('Yes, it had contact').check();
	await police.getByRole('button', { name: 'Send the answer' }).click();
	await expect(police.getByText('Your answer has been recorded.')).toBeVisible();
	await police.getByRole('link', { name: 'The IMR' }).click();
	await expect(police.getByRole('heading', { name: 'Individual Management Review: Northmoor Police', level: 1 })).toBeVisible();

	// The author declares their independence, then writes, citing the police's own chronology.
	await police.getByRole('button', { name: 'Declare my independence' }).click();
	await expect(police.locator('.govuk-error-summary')).toContainText('Confirm you were not involved');
	await police.getByLabel('I was not involved with the subjects of this review').check();
	await police.getByLabel('I am not the line manager of anyone who was').check();
	await police.getByRole('button', { name: 'Declare my independence' }).click();
	await expect(police.getByText('Your declaration of independence has been recorded.')).toBeVisible();
	await expect(police.getByTestId('imr-status')).toHaveText('Draft');
	const marker = `Officers attended ${Date.now()}`;
	await imrEditor(police, 'The agency’s involvement').click();
	await police.keyboard.type(`${marker} and arrested B for threats to kill. `);
	await police.locator('#section-involvement').getByRole('button', { name: 'Cite a chronology entry' }).click();
	await police.getByLabel('Find an entry by date, agency or words').fill('threatened to kill');
	await police.getByRole('list', { name: 'Entries to cite' }).getByRole('button').first().click();
	await expect(police.locator('#section-involvement .app-citation')).toContainText('Northmoor Police');
	await expect(police.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });
	await expectAccessible(police);
	// The author is not the senior manager: no sign-off for them.
	await expect(police.getByRole('button', { name: 'Sign off the IMR' })).toHaveCount(0);

	// The police's senior manager signs it off and submits it.
	const manager = await as(browser, 'police-manager@demo.test');
	await manager.goto(police.url().replace(/\?.*$/, ''));
	await expect(imrEditor(manager, 'The agency’s involvement')).toContainText(marker);
	await manager.getByRole('button', { name: 'Sign off the IMR' }).click();
	await expect(manager.getByTestId('imr-status')).toHaveText('Signed off, not yet submitted');
	await manager.getByRole('button', { name: 'Submit the IMR to the panel' }).click();
	await expect(manager.getByTestId('imr-status')).toHaveText('Submitted to the panel');

	// The panel reads it and returns it with a question.
	const panel = await as(browser, 'panel@demo.test');
	await panel.goto(`${reviewPath}/imrs`);
	await expectAccessible(panel);
	await panel.getByRole('link', { name: 'Northmoor Police' }).click();
	await expect(imrEditor(panel, 'The agency’s involvement')).toContainText(marker);
	await panel.getByLabel('Return it to the agency with these questions').fill('Was a DASH risk assessment completed on the first call?');
	await panel.getByRole('button', { name: 'Return with questions' }).click();
	await expect(panel.getByTestId('imr-status')).toHaveText('Returned with questions');

	// The author answers in the text; the manager signs off again and resubmits.
	await police.reload();
	await expect(police.getByTestId('imr-comment')).toContainText('Was a DASH risk assessment completed on the first call?');
	await imrEditor(police, 'Lessons learned').click();
	await police.keyboard.type('A DASH was not completed on the first call; officers now complete one at every domestic incident.');
	await expect(police.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });
	await manager.reload();
	await manager.getByRole('button', { name: 'Sign off the IMR' }).click();
	await manager.getByRole('button', { name: 'Submit the IMR to the panel' }).click();
	await expect(manager.getByTestId('imr-status')).toHaveText('Submitted to the panel');

	// The panel accepts it, and cites it in the report.
	await panel.reload();
	await panel.getByRole('button', { name: 'Accept the IMR' }).click();
	await expect(panel.getByTestId('imr-status')).toHaveText('Accepted by the panel');
	await expectAccessible(panel);
	await panel.goto(`${reviewPath}/report`);
	await expect(panel.getByTestId('report-loading')).toHaveCount(0);
	const contributors = panel.locator('#section-contributors');
	await imrEditor(panel, 'Contributors to the review').click();
	await panel.keyboard.type('Northmoor Police provided an IMR ');
	await contributors.getByRole('button', { name: 'Cite an IMR' }).click();
	await contributors.getByLabel('Find a passage of a submitted IMR by agency, heading or words').fill('every domestic incident');
	await contributors.getByRole('list', { name: 'IMR passages to cite' }).getByRole('button', { name: 'IMR, Northmoor Police: Lessons learned' }).click();
	await expect(contributors.locator('.app-citation--imr')).toHaveText('IMR, Northmoor Police: Lessons learned');
	// The section also lists the IMR authors' declarations of independence.
	await expect(panel.getByTestId('declarations-contributors')).toContainText('DS Claire Holt (Northmoor Police, IMR author)');
	await expect(panel.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });

	// The chair's view: the police request is complete but for the chronology; the declarations list the author.
	await chair.reload();
	await expect(table.getByRole('row', { name: /Northmoor Police/ })).toContainText('Accepted by the panel');
	await chair.goto(`${reviewPath}/independence`);
	await expect(chair.getByTestId('declarations-imr')).toContainText('DS Claire Holt (Northmoor Police)');
	await expectAccessible(chair);
});
