import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { fillDate, signIn } from './helpers';
import { ukWallClock } from '../helpers/uk-time';

async function pageAs(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

test('the chair presents a panel meeting live: a member follows, the minutes are co-written, an action is ticked off and the minutes agreed', async ({ browser }) => {
	test.setTimeout(120_000);
	const chair = await pageAs(browser, 'chair@demo.test');
	await chair.goto('/reviews');
	await chair.getByRole('link', { name: 'Adult A' }).click();
	await chair.getByRole('link', { name: 'Panel meetings' }).click();
	await expectAccessible(chair);

	// Scheduled for tomorrow, in UK time.
	const tomorrow = ukWallClock(new Date(Date.now() + 86_400_000));
	const title = `Agency presentations ${Date.now()}`;
	await chair.getByLabel('Title').fill(title);
	await chair.getByLabel('Agency presentations').check();
	await fillDate(chair, 'Date', tomorrow.day, tomorrow.month, tomorrow.year);
	await chair.getByLabel('Start time').fill('10:00');
	await chair.getByLabel('Video-call link or venue (optional)').fill('https://call.example/adult-a');
	await chair.getByRole('button', { name: 'Schedule the meeting' }).click();
	await expect(chair.getByRole('heading', { name: title, level: 1 })).toBeVisible();
	const meetingPath = new URL(chair.url()).pathname;

	// Planning: an item presented by the police representative, with a chronology entry as its paper; everyone invited.
	await chair.getByRole('link', { name: /Planning/ }).click();
	await chair.getByLabel('Title').fill('Police chronology');
	await chair.getByLabel('Minutes').fill('20');
	await chair.getByLabel('Presented by').selectOption({ label: 'DS Claire Holt (Agency representative)' });
	await chair.getByRole('button', { name: 'Add the item' }).click();
	await expect(chair.getByTestId('plan-item')).toContainText('Police chronology');
	const paperSelect = chair.getByLabel('Link a paper to “Police chronology”');
	const paperLabel = (await paperSelect.locator('optgroup[label="Chronology entry"] option').filter({ hasText: 'Police' }).first().textContent())!.trim();
	await paperSelect.selectOption({ label: paperLabel });
	await chair.getByRole('button', { name: 'Link it' }).click();
	await expect(chair.getByTestId('plan-item')).toContainText(paperLabel);
	await chair.getByRole('button', { name: 'Invite them' }).click();
	await expect(chair.getByText('Every member of the panel is invited.')).toBeVisible();
	await expectAccessible(chair);

	// The meeting is in the police representative's "what needs me".
	const police = await pageAs(browser, 'police@demo.test');
	await police.goto('/tasks');
	await expect(police.getByText(/You are invited to a panel meeting/)).toBeVisible();

	await chair.goto(meetingPath);
	const panel = await pageAs(browser, 'panel@demo.test');
	await panel.goto(meetingPath);
	await panel.getByLabel(/Follow the presenter/).check();
	await police.goto(meetingPath);

	// The chair starts the meeting and puts the paper in focus; the follower sees it, highlighted.
	await chair.getByRole('button', { name: 'Start the meeting' }).click();
	await expect(panel.getByTestId('current-item')).toContainText('Police chronology');
	await chair.getByLabel('Paper in focus (followers are taken to it)').selectOption({ label: paperLabel });
	await expect(panel.getByTestId('focus')).toContainText(paperLabel);
	const focused = panel.locator('.app-paper--focused');
	await expect(focused).toContainText(paperLabel);
	await expect(focused).toBeInViewport();
	await expect(panel.getByTestId('countdown')).toBeVisible();

	// The minutes are co-written under the item.
	const panelMinutes = panel.getByRole('textbox', { name: 'Minutes of Police chronology' });
	await panelMinutes.click();
	await panel.keyboard.type('DS Holt presented the custody contacts of 2019.');
	await expect(chair.getByRole('textbox', { name: 'Minutes of Police chronology' })).toContainText('DS Holt presented the custody contacts of 2019.');
	await chair.getByRole('textbox', { name: 'Minutes of Police chronology' }).click();
	await chair.keyboard.press('End');
	await chair.keyboard.type(' The panel asked about the risk assessment.');
	await expect(panelMinutes).toContainText('The panel asked about the risk assessment.');

	// A decision and an action for the police representative.
	await panel.getByLabel('Record a decision').fill('The panel will ask for the custody policy of 2019.');
	await panel.getByRole('button', { name: 'Record the decision' }).click();
	// Recorded by one, seen at once by the others (the server signals the change through the document).
	await expect(chair.getByTestId('decisions')).toContainText('The panel will ask for the custody policy of 2019.');
	const due = ukWallClock(new Date(Date.now() + 14 * 86_400_000));
	await panel.getByLabel('What is to be done').fill('Send the custody policy to the chair');
	await panel.getByLabel('Owner').selectOption({ label: 'DS Claire Holt (Agency representative)' });
	await fillDate(panel, 'Due by', due.day, due.month, due.year);
	await panel.getByRole('button', { name: 'Give the action' }).click();
	await expect(panel.getByTestId('action')).toContainText('Owner: DS Claire Holt');
	await expectAccessible(panel);

	// The police representative finds it in "what needs me" and ticks it off.
	await police.goto('/tasks');
	await police.getByRole('link', { name: /An action from the panel meeting/ }).first().click();
	await police.getByLabel('What was done (to tick it off)').fill('Policy sent on the secure email');
	await police.getByRole('button', { name: /Tick off/ }).click();
	await expect(police.getByTestId('action-done')).toContainText('Policy sent on the secure email');

	// The chair ends the meeting and circulates the minutes; each attendee confirms them.
	await chair.reload();
	await chair.getByRole('button', { name: 'End the meeting' }).click();
	await expect(chair.getByTestId('current-item')).toContainText('The meeting has ended.');
	await expect(chair.getByTestId('attendance')).toContainText('Present');
	await chair.getByRole('button', { name: 'Circulate the minutes' }).click();
	await expect(chair.getByTestId('minutes-status')).toContainText('circulated');
	for (const attendee of [chair, panel, police]) {
		// A full load: the page was open before the minutes were circulated.
		await attendee.goto(`${meetingPath}?answer=1#agree`);
		await attendee.getByRole('button', { name: 'Send my answer' }).click();
		await expect(attendee.getByTestId('responses')).toBeVisible();
	}
	await chair.goto(meetingPath);
	await expect(chair.getByTestId('minutes-status')).toContainText('agreed');
	await chair.getByRole('link', { name: 'The agreed minutes, to read or print' }).click();
	await expect(chair.getByTestId('agreed')).toContainText('Agreed');
	await expect(chair.getByText('DS Holt presented the custody contacts of 2019. The panel asked about the risk assessment.')).toBeVisible();
	await expect(chair.getByTestId('agreed-by')).toContainText('Confirmed by Tom Adeyemi');
	await expectAccessible(chair);

	await chair.goto(`${meetingPath.split('/meetings/')[0]}/meetings/decisions`);
	await expect(chair.getByTestId('decision-log')).toContainText('The panel will ask for the custody policy of 2019.');
	await expectAccessible(chair);
});
