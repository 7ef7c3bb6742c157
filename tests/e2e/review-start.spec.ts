import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';

async function openReview(page: Page): Promise<string> {
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await expect(page.getByRole('heading', { name: 'Domestic Homicide Review: Adult A' })).toBeVisible();
	return page.url().split('/reviews/')[1];
}

const today = new Date();
const todayParts = [String(today.getDate()), String(today.getMonth() + 1), String(today.getFullYear())] as const;

test('the chair reads the notification and decision against the timescale and records early learning', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await openReview(page);
	await expect(page.getByTestId('review-type')).toHaveText('Type of review: Domestic homicide review');
	await page.getByRole('link', { name: 'Notification and decision' }).click();
	await expect(page.getByRole('heading', { name: 'Notification and decision', level: 1 })).toBeVisible();
	await expect(page.getByTestId('notification-summary')).toContainText('Northmoor Police (fictional)');
	await expect(page.getByTestId('decision-summary')).toContainText('Hold a review');
	await expect(page.getByTestId('decision-timescale')).toContainText('Done on time');
	await expectAccessible(page);

	// A decision dated before the notification is refused, and the summary says why.
	await page.getByLabel('Reasons for the decision').fill('Criteria met');
	await fillDate(page, 'Date of the decision', '1', '1', '2000');
	await page.getByRole('button', { name: 'Save decision' }).click();
	await expect(page.getByRole('alert')).toContainText('The date of the decision must be on or after the date the partnership was notified');
	await expectAccessible(page);

	await page.getByLabel('Early learning', { exact: true }).fill('Housing did not know how to refer to MARAC; the partnership has sent guidance.');
	await page.getByRole('button', { name: 'Add early learning' }).click();
	await expect(page.getByTestId('early-learning-list')).toContainText('Housing did not know how to refer to MARAC');
});

test('the chair and a panel member write the terms of reference together; a line of enquiry is answered by a report passage', async ({ browser }) => {
	const chair = await (await browser.newContext()).newPage();
	const panel = await (await browser.newContext()).newPage();
	await signIn(chair, 'chair@demo.test');
	await signIn(panel, 'panel@demo.test');
	const reviewId = await openReview(chair);
	await chair.goto(`/reviews/${reviewId}/terms`);
	await panel.goto(`/reviews/${reviewId}/terms`);
	await expect(chair.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved');

	const period = chair.getByRole('textbox', { name: 'Period under review' });
	await period.click();
	await chair.keyboard.type('From January 2021 to the death of Adult A.');
	await expect(panel.getByRole('textbox', { name: 'Period under review' })).toContainText('From January 2021 to the death of Adult A.');

	await panel.getByLabel('New key line of enquiry').fill('How did agencies assess the risk to Adult A?');
	await panel.getByRole('button', { name: 'Add key line of enquiry' }).click();
	await chair.getByLabel('New key line of enquiry').fill('Was information shared between agencies?');
	await chair.getByRole('button', { name: 'Add key line of enquiry' }).click();
	await expect(chair.getByTestId('key-line')).toHaveCount(2);
	await expect(panel.getByTestId('key-line')).toHaveCount(2);
	await expectAccessible(chair);

	// Link the first passage offered to the first line; the report then lists only the second as unanswered.
	await chair.getByRole('button', { name: 'Link passage to line 1' }).click();
	await expect(chair.getByText('The passage has been linked.')).toBeVisible();
	await expect(chair.getByTestId('line-answers')).toHaveCount(1);

	await fillDate(chair, 'Date the panel agreed the terms', ...todayParts);
	await chair.getByLabel('Meeting that agreed them').fill('Panel meeting 1');
	await chair.getByRole('button', { name: 'Record agreement' }).click();
	await expect(chair.getByTestId('terms-agreed')).toContainText('Panel meeting 1');
	await expectAccessible(chair);

	await panel.goto(`/reviews/${reviewId}/report`);
	const unanswered = panel.getByTestId('unanswered-lines');
	await expect(unanswered).toContainText('Key lines of enquiry not yet answered (1 of 2)');
	await expect(unanswered).toContainText('Was information shared between agencies?');
	await expect(unanswered).not.toContainText('How did agencies assess the risk');

	// The family advocate never sees the terms.
	const advocate = await (await browser.newContext()).newPage();
	await signIn(advocate, 'advocate@demo.test');
	expect((await advocate.goto(`/reviews/${reviewId}/terms`))?.status()).toBe(403);
});

test('the police representative uploads a document, is refused one whose content is not what its name says, and links it from an entry', async ({ page }) => {
	await signIn(page, 'police@demo.test');
	const reviewId = await openReview(page);
	await page.getByRole('link', { name: 'Documents' }).click();
	await expect(page.getByRole('heading', { name: 'Documents', level: 1 })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Document').setInputFiles({ name: 'renamed.pdf', mimeType: 'application/pdf', buffer: Buffer.from('plain text, not a PDF') });
	await page.getByRole('button', { name: 'Upload document' }).click();
	await expect(page.getByRole('alert')).toContainText("The file's content is not a PDF, although its name says it is.");
	await expectAccessible(page);

	const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
	await page.getByLabel('Document').setInputFiles({ name: 'Custody record summary.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
	await page.getByRole('button', { name: 'Upload document' }).click();
	await expect(page.getByText('The document has been uploaded.')).toBeVisible();
	const document = page.getByTestId('document').filter({ hasText: 'Custody record summary.pdf' });
	await document.getByRole('button', { name: /Link to entry/ }).click();
	await expect(page.getByText('The document has been linked.')).toBeVisible();
	await expect(page.getByTestId('document').filter({ hasText: 'Custody record summary.pdf' }).getByTestId('document-links')).toContainText('Northmoor Police');

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Custody record summary.pdf' }).click();
	expect((await download).suggestedFilename()).toBe('Custody record summary.pdf');

	await page.goto(`/reviews/${reviewId}/chronology`);
	await expect(page.getByTestId('entry-documents').filter({ hasText: 'Custody record summary.pdf' })).toHaveCount(1);
});

test('a decision not to review closes the record and gives a letter for the Home Office', async ({ browser }) => {
	const adminContext = await browser.newContext();
	expect((await adminContext.request.post('/api/session', { data: { email: 'admin@demo.test', password: 'demo-password' } })).status()).toBe(200);
	const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
	const created = await adminContext.request.post('/api/reviews', { data: { title: 'Adult R', partnership: 'Northmoor CSP', dateOfDeath: iso(20), notifiedOn: iso(14), chairEmail: 'chair@demo.test' } });
	expect(created.status()).toBe(201);
	const { id } = await created.json();

	const page = await (await browser.newContext()).newPage();
	await signIn(page, 'chair@demo.test');
	await page.goto(`/reviews/${id}/start`);
	await page.getByLabel('Who notified the partnership').fill('Northmoor Police');
	await page.getByLabel('Brief factual summary').fill('A woman aged 70 died in hospital after a fall at home.');
	await page.getByLabel('Domestic homicide review').check();
	await page.getByRole('button', { name: 'Save notification' }).click();
	await expect(page.getByText('The notification has been saved.')).toBeVisible();

	await page.getByLabel('Do not hold a review').check();
	await page.getByLabel('Reasons for the decision').fill('The coroner found the death accidental; no indication of abuse by a relative or partner.');
	await page.getByLabel('Who made the decision').fill('Chair of Northmoor CSP');
	await fillDate(page, 'Date of the decision', ...todayParts);
	await page.getByRole('button', { name: 'Save decision' }).click();
	await expect(page.getByTestId('record-closed')).toContainText('This record is closed.');
	await page.getByRole('link', { name: 'Letter to the Home Office' }).click();
	const letter = page.getByTestId('home-office-letter');
	await expect(letter.getByRole('heading', { name: 'Decision not to hold a domestic homicide review: Adult R' })).toBeVisible();
	await expect(letter).toContainText('The coroner found the death accidental');
	await expectAccessible(page);
});
