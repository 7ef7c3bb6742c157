import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './helpers';

async function openReport(page: Page): Promise<void> {
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await page.getByRole('link', { name: 'Overview report' }).click();
	await expect(page.getByRole('heading', { name: 'Overview report', level: 1 })).toBeVisible();
	await expect(page.getByTestId('report-loading')).toHaveCount(0);
}

/** A fresh browser context, signed in as `email`, on the demo review's report. */
async function reportAs(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	await openReport(page);
	return page;
}

/** A section's editor; others' carets (with their names) sit inside its text. */
const editorOf = (page: Page, title: string) => page.getByRole('textbox', { name: `Text of the section ${title}` });

test('the chair and a panel member co-write a section live, with carets, presence and the language check', async ({ browser }) => {
	const chairContext = await browser.newContext();
	const panelContext = await browser.newContext();
	const chair = await chairContext.newPage();
	const panel = await panelContext.newPage();
	await signIn(chair, 'chair@demo.test');
	await signIn(panel, 'panel@demo.test');
	await openReport(chair);
	await openReport(panel);

	// The statutory template, with guidance while a section is empty.
	const outline = chair.getByRole('navigation', { name: 'Sections' });
	for (const title of ['Introduction', 'Terms of reference', 'Equality and diversity', 'Lessons to be learnt', 'Recommendations', 'Executive summary']) {
		await expect(outline.getByRole('link', { name: title, exact: true })).toBeVisible();
	}
	await expect(chair.locator('#section-parallel-reviews-guidance')).toContainText('inquest');

	await expect(chair.getByTestId('presence')).toContainText('Tom Adeyemi');
	await expect(panel.getByTestId('presence')).toContainText('Helen Marsh');

	// The chair writes in Conclusions (still empty in the demo); the panel member sees it arrive without reloading.
	const marker = `Contact ${Date.now()}`;
	const chairConclusions = editorOf(chair, 'Conclusions');
	await chairConclusions.click();
	// One insertion, so one step of the chair's undo history however slowly a loaded machine types.
	await chair.keyboard.insertText(`${marker}: the GP asked about abuse when she attended alone.`);
	await expect(editorOf(panel, 'Conclusions')).toContainText(marker, { timeout: 5_000 });
	await expect(chair.locator('#section-conclusions-guidance')).toHaveCount(0);
	await expect(chair.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });

	// The panel member joins the same section: the chair sees their caret and where they are.
	await editorOf(panel, 'Conclusions').click();
	await panel.keyboard.press('End');
	await expect(chair.locator('.collaboration-carets__label', { hasText: 'Tom Adeyemi' })).toBeVisible({ timeout: 5_000 });
	await expect(outline.getByText('(Tom Adeyemi is here)')).toHaveCount(1);

	// Blaming language is underlined for everyone, explained, and listed.
	await panel.keyboard.type(' Later she declined to engage with the IDVA.');
	await expect(chair.locator('#section-conclusions .app-flag', { hasText: 'declined to engage' })).toBeVisible();
	// Into the word "engage", by keyboard: the explanation shows where the caret is.
	for (let i = 0; i < 20; i++) await panel.keyboard.press('ArrowLeft');
	const flagPanel = panel.getByTestId('flag-panel');
	await expect(flagPanel).toContainText('declined to engage');
	await expect(flagPanel).toContainText('Instead:');
	await expect(panel.getByTestId('open-flags')).toContainText('Conclusions: “declined to engage”');
	// The demo's draft has the same wording open in Analysis: a flag of its own.
	await expect(panel.getByTestId('open-flags')).toContainText('Analysis: “declined to engage”');
	await expectAccessible(panel);

	// A member may keep the wording with a reason; the flag goes for everyone after a reload.
	await flagPanel.getByRole('button', { name: 'Keep this wording…' }).click();
	await panel.getByRole('button', { name: 'Keep the wording' }).click();
	await expect(panel.locator('.govuk-error-summary')).toContainText('Say why this wording is right here');
	await panel.getByLabel(/Why is “declined to engage” right here/).fill('It quotes the IDVA record word for word.');
	await panel.getByRole('button', { name: 'Keep the wording' }).click();
	await expect(panel.getByTestId('open-flags')).not.toContainText('Conclusions: “declined to engage”');
	await expect(panel.getByTestId('open-flags')).toContainText('Analysis: “declined to engage”');

	// Undo is per person: the chair's undo removes the chair's text, not the panel member's.
	await chairConclusions.click();
	await chair.keyboard.press('ControlOrMeta+z');
	await expect(editorOf(panel, 'Conclusions')).not.toContainText(marker, { timeout: 5_000 });
	const panelText = await editorOf(panel, 'Conclusions').evaluate((element) => {
		const copy = element.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
		return copy.textContent;
	});
	expect(panelText).toContain('Later she declined to engage with the IDVA.');

	await chairContext.close();
	await panelContext.close();
});

test('only the chair shapes the sections; the family advocate cannot open the report', async ({ browser }) => {
	const chair = await reportAs(browser, 'chair@demo.test');
	const title = `Addendum ${Date.now()}`;
	await chair.getByLabel('Title', { exact: true }).fill(title);
	await chair.getByRole('button', { name: 'Add section' }).click();
	const outline = chair.getByRole('navigation', { name: 'Sections' });
	await expect(outline.getByRole('link', { name: title })).toBeVisible();
	// Added at the end of the overview part, before the executive summary; it can move up.
	await chair.getByRole('button', { name: `Move up ${title}` }).click();
	// The move arrives with the form's reply, so wait for the outline to show it.
	await expect
		.poll(async () => {
			const titles = await outline.getByRole('link').allTextContents();
			return titles.indexOf(title) - titles.indexOf('Recommendations');
		})
		.toBe(-1);

	// A named version, for sign-off later.
	await chair.getByLabel('Name the report as it stands now').fill('Draft for agency sign-off');
	await chair.getByRole('button', { name: 'Save named version' }).click();
	await expect(chair.getByTestId('versions')).toContainText('Draft for agency sign-off');
	await expect(chair.getByTestId('versions')).toContainText('Helen Marsh');
	await expectAccessible(chair);

	const panel = await reportAs(browser, 'panel@demo.test');
	await expect(panel.getByRole('button', { name: /^Move up/ })).toHaveCount(0);
	await expect(panel.getByRole('button', { name: 'Add section' })).toHaveCount(0);
	await expect(panel.getByRole('button', { name: 'Save named version' })).toHaveCount(0);

	const advocate = await (await browser.newContext()).newPage();
	await signIn(advocate, 'advocate@demo.test');
	const response = await advocate.goto(chair.url());
	expect(response?.status()).toBe(403);
});

test('recommendations are structured items with a SMART check, live for the panel', async ({ browser }) => {
	const chair = await reportAs(browser, 'chair@demo.test');
	const panel = await reportAs(browser, 'panel@demo.test');

	const text = `Agencies should raise awareness of stalking ${Date.now()}.`;
	await chair.getByRole('button', { name: 'Add a recommendation' }).click();
	await expect(chair.getByLabel('Recommendation', { exact: true })).toBeFocused();
	await chair.getByLabel('Recommendation', { exact: true }).fill(text);
	await chair.getByRole('button', { name: 'Save recommendation' }).click();

	// Vague, no owner, no outcome, no date: warned, for everyone, live.
	const item = panel.getByTestId('recommendations').locator('li').filter({ hasText: text });
	await expect(item).toBeVisible({ timeout: 5_000 });
	const warnings = item.getByTestId('smart-warnings');
	await expect(warnings).toContainText('No owner');
	await expect(warnings).toContainText('Raise awareness');
	await expect(warnings).toContainText('No target date');

	await item.getByRole('button', { name: /^Change recommendation/ }).click();
	await panel.getByLabel('Recommendation', { exact: true }).fill('Northmoor Police adds stalking questions to its call-handling script.');
	await panel.getByLabel('Addressed to (agency or body)').fill('Northmoor Police');
	await panel.getByLabel('Intended outcome').fill('An audit of 50 calls shows the questions asked.');
	const date = panel.getByRole('group', { name: 'Target date' });
	await date.getByLabel('Day').fill('30');
	await date.getByLabel('Month').fill('6');
	await date.getByLabel('Year').fill(String(new Date().getFullYear() + 1));
	await panel.getByRole('button', { name: 'Save recommendation' }).click();

	const fixed = chair.getByTestId('recommendations').locator('li').filter({ hasText: 'stalking questions' });
	await expect(fixed).toContainText('Northmoor Police');
	await expect(fixed).toContainText(`30 June ${new Date().getFullYear() + 1}`);
	await expect(fixed.getByTestId('smart-warnings')).toHaveCount(0);
	await expectAccessible(chair);
});

test('comments anchored to a passage: thread, reply and resolve, live for both', async ({ browser }) => {
	const chair = await reportAs(browser, 'chair@demo.test');
	const panel = await reportAs(browser, 'panel@demo.test');

	const words = `The referral ${Date.now()} was faxed`;
	await editorOf(panel, 'Methodology').click();
	await panel.keyboard.press('ControlOrMeta+End');
	await panel.keyboard.press('Enter');
	await panel.keyboard.type(words);
	await panel.keyboard.press('Shift+Home');
	await panel.getByRole('button', { name: 'Comment on the selected words in Methodology' }).click();
	await expect(panel.getByLabel('Your comment')).toBeFocused();
	await panel.getByLabel('Your comment').fill('Do we know whether it arrived?');
	await panel.getByRole('button', { name: 'Add comment' }).click();

	const chairThread = chair.locator('#section-methodology').getByTestId('comment-thread').filter({ hasText: 'Do we know whether it arrived?' });
	await expect(chairThread).toContainText(words, { timeout: 5_000 });
	await expect(chair.locator('#section-methodology .app-comment-anchor')).toContainText(words);

	await chairThread.getByLabel('Reply').fill('The hospital has no record of it.');
	await chairThread.getByRole('button', { name: 'Send reply' }).click();
	const panelThread = panel.locator('#section-methodology').getByTestId('comment-thread').filter({ hasText: 'Do we know whether it arrived?' });
	await expect(panelThread).toContainText('The hospital has no record of it.', { timeout: 5_000 });
	// Only the author may change a comment.
	await expect(chairThread.getByRole('button', { name: 'Change your comment' })).toHaveCount(1);

	await chairThread.getByRole('button', { name: /^Resolve/ }).click();
	await expect(panel.locator('#section-methodology').getByRole('button', { name: 'Show 1 resolved thread' })).toBeVisible({ timeout: 5_000 });
	await expect(chair.locator('#section-methodology .app-comment-anchor')).toHaveCount(0);
	await expectAccessible(panel);

	// The review page tells the chair what is new since they opened the report.
	await chair.getByRole('link', { name: 'Back to the review' }).click();
	const changes = chair.getByTestId('report-changes');
	await expect(changes).toContainText('Since you last opened the report');
	await expect(changes).toContainText('Text changed in: Methodology');
	await expect(changes).toContainText('1 new comment');
	await expect(changes).toContainText('Tom Adeyemi');
	await expectAccessible(chair);
});

test('a finding cites a chronology entry, which shows as its date and agency and opens the entry', async ({ browser }) => {
	const chair = await reportAs(browser, 'chair@demo.test');
	const panel = await reportAs(browser, 'panel@demo.test');

	await editorOf(chair, 'Chronology').click();
	await chair.keyboard.type('The first report to the police was made ');
	const section = chair.locator('#section-chronology');
	await section.getByRole('button', { name: 'Cite a chronology entry' }).click();
	await section.getByLabel('Find an entry by date, agency or words').fill('Northmoor Police');
	const first = section.getByRole('list', { name: 'Entries to cite' }).getByRole('button').first();
	const label = (await first.textContent())!.trim();
	expect(label).toMatch(/^\??\d{1,2} \w+ \d{4} · Northmoor Police$/);
	await first.click();

	const citation = panel.locator('#section-chronology .app-citation', { hasText: label });
	await expect(citation).toBeVisible({ timeout: 5_000 });
	await expect(citation).toHaveAttribute('href', /\/chronology\?entry=/);
	await expectAccessible(chair);

	// The entry, opened from the citation, says where the report cites it.
	await expect(chair.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });
	const href = (await citation.getAttribute('href'))!;
	await panel.goto(href);
	const entryId = new URL(href, 'http://x').searchParams.get('entry')!;
	await expect(panel.locator(`#entry-${entryId}`).getByTestId('cited-in')).toContainText('Cited in the report: Chronology');
});

test('edits made while the connection is down are kept and merge when it returns', async ({ browser }) => {
	const chairContext = await browser.newContext();
	// The chair's websockets go through a switch this test can open: a dropped connection.
	let down = false;
	const routes: { close: (options?: { code?: number; reason?: string }) => Promise<void> }[] = [];
	await chairContext.routeWebSocket(/\/collab\//, (ws) => {
		if (down) return void ws.close({ code: 4000, reason: 'Network down (test)' });
		ws.connectToServer();
		routes.push(ws);
	});
	const chair = await chairContext.newPage();
	const panel = await (await browser.newContext()).newPage();
	await signIn(chair, 'chair@demo.test');
	await signIn(panel, 'panel@demo.test');
	await openReport(chair);
	await openReport(panel);

	down = true;
	await Promise.all(routes.splice(0).map((ws) => ws.close({ code: 4000, reason: 'Network down (test)' })));
	await expect(chair.getByTestId('connection-status')).toHaveAttribute('data-state', /offline|connecting/, { timeout: 10_000 });
	const offlineText = `Written offline ${Date.now()}`;
	await editorOf(chair, 'Dissemination').click();
	await chair.keyboard.type(offlineText);
	const onlineText = `Written meanwhile ${Date.now()}`;
	await editorOf(panel, 'Dissemination').click();
	await panel.keyboard.type(onlineText);
	await expect(editorOf(panel, 'Dissemination')).not.toContainText(offlineText);

	down = false;
	await expect(editorOf(panel, 'Dissemination')).toContainText(offlineText, { timeout: 20_000 });
	await expect(editorOf(chair, 'Dissemination')).toContainText(onlineText);
	await expect(chair.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
});

test("another person's caret label stays inside the editor box, at its top and right edges", async ({ browser }) => {
	const chair = await reportAs(browser, 'chair@demo.test');
	const panel = await reportAs(browser, 'panel@demo.test');
	const within = async (title: string) => {
		const label = chair.locator(`#section-${title.toLowerCase()} .collaboration-carets__label`, { hasText: 'Tom Adeyemi' });
		await expect(label).toBeVisible({ timeout: 5_000 });
		const box = (await label.boundingBox())!;
		const editor = (await chair.locator(`#section-${title.toLowerCase()} .app-editor__content`).boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(editor.y);
		expect(box.x).toBeGreaterThanOrEqual(editor.x);
		expect(box.x + box.width).toBeLessThanOrEqual(editor.x + editor.width);
		expect(box.y + box.height).toBeLessThanOrEqual(editor.y + editor.height);
	};

	const conclusions = editorOf(panel, 'Conclusions');
	await conclusions.click();
	await panel.keyboard.press('ControlOrMeta+End');
	await panel.keyboard.type('The panel found that agencies did not share what they knew about the risk in time to act on it together, and nobody asked her.');
	// On the first line of a section: the label used to sit above the box, over its border.
	await panel.keyboard.press('ControlOrMeta+Home');
	await within('Conclusions');
	// Near the end of a full line: the label used to run out past the right edge.
	await panel.keyboard.press('End');
	await panel.keyboard.press('ArrowLeft');
	await panel.keyboard.press('ArrowLeft');
	await expect.poll(async () => (await chair.locator('#section-conclusions .collaboration-carets__caret').boundingBox())!.x).toBeGreaterThan((await editorOf(chair, 'Conclusions').boundingBox())!.x + 400);
	await within('Conclusions');
	await chair.context().close();
	await panel.context().close();
});
