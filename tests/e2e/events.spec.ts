import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';
import { ukWallClock } from '../helpers/uk-time';

async function pageAs(browser: Browser, email?: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	if (email) await signIn(page, email);
	return page;
}

test('a moderator runs a blame-free event with a panel member and a guest practitioner, live', async ({ browser }) => {
	// The moderator plans an event that has just started, invites the panel member and a guest.
	const moderator = await pageAs(browser, 'moderator@demo.test');
	await moderator.goto('/reviews');
	await moderator.getByRole('link', { name: 'Adult A' }).click();
	await moderator.getByRole('link', { name: 'Learning events' }).click();
	await expectAccessible(moderator);
	const start = ukWallClock(new Date(Date.now() - 60_000));
	const title = `Practitioner event ${Date.now()}`;
	await moderator.getByLabel('Title').fill(title);
	await fillDate(moderator, 'Date', start.day, start.month, start.year);
	await moderator.getByLabel('Start time').fill(start.time);
	await moderator.getByRole('button', { name: 'Plan the event' }).click();
	await expect(moderator.getByRole('heading', { name: title, level: 1 })).toBeVisible();
	const eventPath = new URL(moderator.url()).pathname;
	const reviewPath = eventPath.split('/events/')[0];

	// Planning has its own page, apart from the live controls.
	await moderator.getByRole('link', { name: /^Planning/ }).first().click();
	await moderator.getByLabel('Invite a member of the review').selectOption({ label: 'Tom Adeyemi (Panel member)' });
	await moderator.getByRole('button', { name: 'Invite', exact: true }).click();
	await expect(moderator.getByTestId('participants')).toContainText('Tom Adeyemi');
	await moderator.getByRole('textbox', { name: 'Name', exact: true }).fill('Sam Rivers');
	await moderator.getByRole('textbox', { name: 'Role', exact: true }).fill('Support worker');
	await moderator.getByRole('textbox', { name: 'Agency', exact: true }).fill('Northmoor Housing');
	await moderator.getByRole('button', { name: 'Create an invitation link' }).click();
	const link = (await moderator.getByTestId('invitation-link').textContent())!.trim();
	await expectAccessible(moderator);
	await moderator.getByRole('link', { name: 'Run the event' }).click();

	// The guest follows the link; the ground rules come before anything else.
	const guest = await pageAs(browser);
	await guest.goto(link);
	await expectAccessible(guest);
	await guest.getByRole('button', { name: 'Join the event' }).click();
	await expect(guest.getByTestId('ground-rules')).toContainText('We are here to learn, not to blame');
	await expect(guest.getByRole('textbox', { name: 'Your contribution' })).toHaveCount(0);
	await expectAccessible(guest);
	await guest.getByRole('button', { name: 'I have read the ground rules and will keep to them' }).click();
	await expect(guest.getByRole('textbox', { name: 'Your contribution' })).toBeVisible();

	const panel = await pageAs(browser, 'panel@demo.test');
	await panel.goto(eventPath);
	await panel.getByRole('button', { name: 'I have read the ground rules and will keep to them' }).click();
	await expect(panel.getByRole('textbox', { name: 'Your contribution' })).toBeVisible();
	// In the room, a guest appears by role and agency, to everyone: only the participants list names them.
	const guestLabel = 'Guest practitioner (Support worker, Northmoor Housing)';
	await expect(moderator.getByTestId('presence')).toContainText(guestLabel, { timeout: 5_000 });
	await expect(panel.getByTestId('presence')).toContainText(guestLabel, { timeout: 5_000 });
	await expect(panel.getByTestId('presence')).not.toContainText('Sam Rivers');

	// The moderator starts, moves on and puts an episode in focus; the guest follows.
	await moderator.getByRole('button', { name: 'Start the event' }).click();
	await expect(guest.getByTestId('current-phase')).toContainText('Welcome and ground rules', { timeout: 5_000 });
	await expect(guest.getByTestId('countdown')).toContainText(/\d+:\d\d/);
	await moderator.getByRole('button', { name: 'Next phase' }).click();
	await expect(guest.getByTestId('current-phase')).toContainText('Setting the scene', { timeout: 5_000 });
	const focusSelect = moderator.getByLabel('Episode in focus ("follow me")');
	const episode = (await focusSelect.locator('option').nth(1).textContent())!;
	await focusSelect.selectOption({ index: 1 });
	await expect(guest.getByTestId('focused-episode')).toContainText(`Episode in focus: ${episode}`, { timeout: 5_000 });

	// The guest raises a hand; the moderator gives the floor.
	await guest.getByRole('button', { name: 'Raise your hand' }).click();
	await expect(moderator.getByTestId('hand-queue')).toContainText(guestLabel, { timeout: 5_000 });
	await moderator.getByRole('button', { name: `Give the floor to ${guestLabel}` }).click();
	await expect(guest.getByTestId('speaking')).toContainText(`${guestLabel} has the floor`, { timeout: 5_000 });
	await expect(panel.getByTestId('speaking')).toHaveText(`${guestLabel} has the floor.`, { timeout: 5_000 });
	await expect(guest.getByRole('button', { name: 'Raise your hand' })).toBeVisible({ timeout: 5_000 });

	// The guest posts without a name: the others see it without one; only the moderator sees who.
	await guest.getByLabel('What got in the way?').check();
	await guest.getByRole('textbox', { name: 'Your contribution' }).fill('The referral form was hard to find on a late shift.');
	await guest.getByLabel('Post without my name').check();
	await guest.getByRole('button', { name: 'Post', exact: true }).click();
	const contribution = (page: Page, text: string) => page.getByTestId('contribution').filter({ has: page.getByTestId('contribution-text').filter({ hasText: text }) });
	const guestItem = (page: Page) => contribution(page, 'The referral form was hard to find');
	await expect(guestItem(panel).getByTestId('author')).toHaveText('Posted without a name', { timeout: 5_000 });
	await expect(guestItem(panel)).toContainText(episode);
	await expect(guestItem(panel)).not.toContainText('Sam Rivers');
	await expect(guestItem(moderator).getByTestId('author')).toContainText('by Sam Rivers', { timeout: 5_000 });

	// The panel member's words may blame: a gentle prompt first, and posting as it is stays possible.
	await panel.getByLabel('What got in the way?').check();
	await panel.getByRole('textbox', { name: 'Your contribution' }).fill('She declined to engage with the referral.');
	await panel.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(panel.getByTestId('language-prompt')).toContainText('declined to engage');
	await panel.getByRole('button', { name: 'Post as it is' }).click();
	const panelItem = (page: Page) => contribution(page, 'She declined to engage');
	await expect(panelItem(guest).getByTestId('author')).toHaveText('Tom Adeyemi', { timeout: 5_000 });
	await expectAccessible(panel);

	// The moderator groups the two into a theme, live for everyone.
	await moderator.getByLabel('New theme').fill('Getting a referral made');
	await moderator.getByRole('button', { name: 'Add theme' }).click();
	for (const item of [guestItem(moderator), panelItem(moderator)]) {
		await item.getByLabel('Theme').selectOption({ label: 'Getting a referral made' });
	}
	const theme = guest.getByTestId('theme-Getting a referral made');
	await expect(theme.getByTestId('contribution')).toHaveCount(2, { timeout: 5_000 });
	await expectAccessible(moderator);
	await expectAccessible(guest);

	// The guest is refused the rest of the review.
	for (const path of ['/chronology', '/report', '']) {
		const response = await guest.goto(`${reviewPath}${path}`);
		expect(response?.status(), path || 'overview').toBe(403);
	}
});
