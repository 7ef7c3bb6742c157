import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './helpers';

test('a panel member mentions the police representative, who finds it in “What needs me”, follows it to the comment, and it leaves the list', async ({ browser }) => {
	const panel = await (await browser.newContext()).newPage();
	await signIn(panel, 'panel@demo.test');
	// Signing in lands on "What needs me".
	await expect(panel).toHaveURL(/\/tasks$/);
	await expect(panel.getByRole('heading', { name: 'What needs me', level: 1 })).toBeVisible();
	await panel.goto('/reviews');
	await panel.getByRole('link', { name: 'Adult A' }).click();
	await panel.getByRole('link', { name: 'Overview report' }).click();
	await expect(panel.getByTestId('report-loading')).toHaveCount(0);

	const words = `The custody record ${Date.now()} was reviewed`;
	const editor = panel.getByRole('textbox', { name: 'Text of the section Methodology' });
	await editor.click();
	await panel.keyboard.press('ControlOrMeta+End');
	await panel.keyboard.press('Enter');
	await panel.keyboard.type(words);
	await panel.keyboard.press('Shift+Home');
	await panel.getByRole('button', { name: 'Comment on the selected words in Methodology' }).click();

	// Typing @ offers the review's members who can read the report, never the family advocate.
	const box = panel.getByLabel('Your comment');
	await expect(box).toBeFocused();
	await box.pressSequentially('Could @Cl');
	const list = panel.getByRole('listbox', { name: 'Members to mention' });
	await expect(list.getByRole('option')).toHaveText(['DS Claire Holt']);
	await expect(box).toHaveAttribute('aria-activedescendant', /-0$/);
	await expect(panel.getByRole('status').filter({ hasText: '1 member matches' })).toHaveCount(1);
	await box.press('Escape');
	await expect(list).toHaveCount(0);
	await box.pressSequentially('a');
	await expect(list.getByRole('option', { name: 'DS Claire Holt' })).toHaveAttribute('aria-selected', 'true');
	await box.press('Enter');
	await expect(box).toHaveValue('Could @DS Claire Holt ');
	await box.pressSequentially('check this against the record? @Jo');
	await expect(list).toHaveCount(0);
	await box.press('Backspace');
	await box.press('Backspace');
	await box.press('Backspace');
	await expectAccessible(panel);
	await panel.getByRole('button', { name: 'Add comment' }).click();
	const thread = panel.locator('#section-methodology').getByTestId('comment-thread').filter({ hasText: words });
	await expect(thread).toContainText('Could @DS Claire Holt check this against the record?');

	// The police representative: the mention is waiting, with the count in the menu.
	const police = await (await browser.newContext()).newPage();
	await signIn(police, 'police@demo.test');
	await expect(police).toHaveURL(/\/tasks$/);
	const mention = police.locator('[data-kind="mention"]');
	await expect(mention).toHaveCount(1);
	await expect(mention).toContainText('Tom Adeyemi mentioned you in a comment on the report.');
	await expect(mention).toContainText('Waiting since');
	await expect(police.getByRole('heading', { name: 'Adult A', level: 2 })).toBeVisible();
	const before = Number(await police.getByTestId('task-count').innerText().then((text) => text.replace(/\D/g, '')));
	expect(before).toBeGreaterThanOrEqual(1);
	await expectAccessible(police);

	await mention.getByRole('link').click();
	await expect(police).toHaveURL(/\/report#comment-/);
	const threadId = new URL(police.url()).hash.slice('#comment-'.length);
	const target = police.locator(`#comment-${threadId}`);
	await expect(target).toContainText(words);
	await expect(target).toBeFocused();

	// Read: it has left the list, and the count has dropped.
	await police.getByRole('link', { name: 'What needs me' }).click();
	await expect(police.getByRole('heading', { name: 'What needs me', level: 1 })).toBeVisible();
	await expect(police.locator('[data-kind="mention"]')).toHaveCount(0);
	if (before > 1) await expect(police.getByTestId('task-count')).toContainText(String(before - 1));
	else await expect(police.getByTestId('task-count')).toHaveCount(0);
});

test('the chair’s review page shows what needs them and the review at a glance', async ({ page }) => {
	await signIn(page, 'chair@demo.test');
	await expect(page.getByRole('heading', { name: 'What needs me', level: 1 })).toBeVisible();
	await expect(page.locator('[data-kind="agencies_without_representative"]')).toContainText('agencies have no representative');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Adult A', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Domestic Homicide Review: Adult A' })).toBeVisible();
	const tasks = page.getByTestId('review-tasks');
	await expect(tasks.getByRole('heading', { name: 'What needs you in this review' })).toBeVisible();
	await expect(tasks.locator('[data-kind="agencies_without_representative"]')).toContainText('Northmoor Homes');
	const glance = page.getByTestId('review-glance');
	await expect(glance).toContainText('Stage of the report');
	await expect(page.getByTestId('glance-unrepresented')).toContainText('Northmoor Homes');
	await expect(page.getByTestId('glance-unrepresented')).not.toContainText('Northmoor Police');
	await expect(page.getByTestId('glance-event')).not.toContainText('None planned');
	await expect(page.getByTestId('glance-disputes')).toBeVisible();
	await expectAccessible(page);
});
