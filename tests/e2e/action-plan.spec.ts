import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';

async function actionPlanAs(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.getByRole('link', { name: 'Action plan', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Action plan', level: 1 })).toBeVisible();
	return page;
}

const inThreeMonths = () => {
	const date = new Date(Date.now() + 90 * 86_400_000);
	return [String(date.getUTCDate()), String(date.getUTCMonth() + 1), String(date.getUTCFullYear())] as const;
};

async function addAction(chair: Page, text: string, agency: string, owner: string | null): Promise<void> {
	await chair.getByText('Add an action', { exact: false }).first().click();
	const form = chair.locator('form[action="?/addAction"]');
	await form.getByLabel('What will be done').fill(text);
	await form.getByLabel('Lead agency').selectOption({ label: agency });
	if (owner) await form.getByLabel('Named owner').selectOption({ label: owner });
	await form.getByLabel('Key milestones').fill('Briefing written; every officer briefed');
	const [day, month, year] = inThreeMonths();
	await fillDate(chair, 'Target date', day, month, year);
	await form.getByLabel('How completion will be evidenced').fill('Attendance records audited: 100 per cent briefed');
	await form.getByRole('button', { name: /Add action/ }).click();
	await expect(chair.getByText('Action added.')).toBeVisible();
	await expect(chair.getByTestId('plan-action').filter({ hasText: text })).toBeVisible();
}

test('the chair turns a recommendation into actions, the police mark theirs done with evidence, and the co-ordinator sees the partnership view', async ({ browser }) => {
	const chair = await actionPlanAs(browser, 'chair@demo.test');
	// The demo's IDVA action is overdue and stands out.
	await expect(chair.getByTestId('plan-summary')).toContainText('1 overdue');
	await expectAccessible(chair);

	await addAction(chair, 'Brief every response officer on how the IDVA service closes referrals', 'Northmoor Police', 'DS Claire Holt (Northmoor Police)');
	await addAction(chair, 'Tell GPs how to re-refer a patient to the IDVA service', 'Riverside GP Practice', null);
	await expect(chair.getByTestId('plan-action').filter({ hasText: 'Tell GPs' })).toContainText('Needs a named owner');

	const police = await actionPlanAs(browser, 'police@demo.test');
	// Only their own agency's action can be updated.
	await expect(police.getByText(/^Report progress/)).toHaveCount(1);
	const theirs = police.getByTestId('plan-action').filter({ hasText: 'Brief every response officer' });
	await theirs.getByText(/^Report progress/).click();
	await theirs.getByLabel('Done', { exact: true }).check();
	await theirs.getByLabel('Note').fill('Every response officer was briefed in March.');
	await theirs.getByLabel('Evidence (optional)').fill('Briefing attendance list');
	await theirs.getByLabel('Evidence file (optional)').setInputFiles({ name: 'briefing.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
	await theirs.getByRole('button', { name: /Record progress/ }).click();
	await expect(police.getByText('Progress recorded.')).toBeVisible();
	const updated = police.getByTestId('plan-action').filter({ hasText: 'Brief every response officer' });
	await expect(updated.getByRole('heading')).toContainText('Done');
	await updated.getByText(/^Progress reported/).click();
	await expect(updated.getByRole('link', { name: 'briefing.pdf' })).toBeVisible();
	await expectAccessible(police);

	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, 'admin@demo.test');
	await admin.getByRole('link', { name: 'Action plans' }).click();
	await expect(admin.getByRole('heading', { name: 'Action plans across the partnership', level: 1 })).toBeVisible();
	await expect(admin.getByTestId('overdue-actions').locator('tbody tr')).toHaveCount(1);
	await expect(admin.getByTestId('overdue-actions')).toContainText('Northmoor IDVA Service');
	await expect(admin.getByTestId('by-agency')).toContainText('Northmoor Police');
	await expectAccessible(admin);
	// From there, the review's plan (and only the plan).
	await admin.getByTestId('plan-reviews').getByRole('link', { name: 'Adult A' }).click();
	await expect(admin.getByRole('heading', { name: 'Action plan', level: 1 })).toBeVisible();
	await expect(admin.getByText(/^Report progress/)).toHaveCount(0);
	await expectAccessible(admin);
});
