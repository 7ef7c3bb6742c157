import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './helpers';

/** A fresh browser context signed in as `email`, on the demo review's overview. */
async function reviewAs(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	await page.goto('/reviews');
	await page.getByRole('link', { name: 'Adult A' }).click();
	await expect(page.getByRole('heading', { name: /Domestic Homicide Review/, level: 1 })).toBeVisible();
	return page;
}

const analysisEditor = (page: Page) => page.getByRole('textbox', { name: 'Text of the section Analysis' });

async function openSignoff(page: Page): Promise<void> {
	await page.getByRole('link', { name: 'Sign-off', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Sign-off', level: 1 })).toBeVisible();
}

/**
 * The demo review is shared by the whole suite, and earlier tests leave blame-language flags open
 * in its report (report.spec.ts keeps a wording, then an undo rewrites its paragraph). Where that
 * is not what a test is about, the chair goes ahead; the warning itself is tested below.
 */
async function goingAheadIfWarned(chair: Page, action: 'openRound' | 'share', press: () => Promise<void>): Promise<void> {
	const answered = chair.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === `?/${action}`);
	await press();
	const result = (await (await answered).json()) as { type: string; status?: number };
	if (result.type === 'failure' && result.status === 409) {
		// First the language flags, then (issue 16) any possible identifiers: each warning in turn.
		const confirm = action === 'openRound' ? 'Open the round anyway' : 'Share anyway';
		const warning = chair.getByTestId(`${action}-open-flags`).or(chair.getByTestId(`${action}-open-findings`));
		while (await warning.first().isVisible()) {
			const next = chair.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === `?/${action}`);
			await warning.first().getByRole('button', { name: confirm }).click();
			const answer = (await (await next).json()) as { type: string; status?: number };
			if (!(answer.type === 'failure' && answer.status === 409)) break;
		}
	}
}

async function nameCurrentTextForSignoff(chair: Page): Promise<void> {
	await chair.getByLabel('Version to sign off').selectOption('now');
	await goingAheadIfWarned(chair, 'openRound', () => chair.getByRole('button', { name: /Open the sign-off round|Move the round to this version/ }).click());
	await expect(chair.getByTestId('round')).toContainText('Sign-off text');
	await expect(chair.getByTestId('round')).not.toContainText('has changed since');
}

test('agencies sign off the exact text: confirm, stale with the difference, confirm again, dispute; the chair cannot finalise until it is answered; the family sees only what was shared', async ({ browser }) => {
	// Five people and a dozen pages: near a minute alone, more on the full suite's loaded machine.
	test.slow();
	const chair = await reviewAs(browser, 'chair@demo.test');
	const reviewPath = new URL(chair.url()).pathname;
	const marker = `Visit ${Date.now()}`;

	// The chair writes a sentence naming the police, in a paragraph of its own.
	await chair.getByRole('link', { name: 'Overview report' }).click();
	await expect(chair.getByTestId('report-loading')).toHaveCount(0);
	await analysisEditor(chair).click();
	await chair.keyboard.press('ControlOrMeta+End');
	await chair.keyboard.press('Enter');
	await chair.keyboard.type(`${marker}: Northmoor Police attended and recorded the call.`);
	await expect(chair.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });

	await chair.goto(reviewPath);
	await openSignoff(chair);
	await nameCurrentTextForSignoff(chair);
	await expectAccessible(chair);

	// The police representative reads the passages concerning the police and confirms.
	const police = await reviewAs(browser, 'police@demo.test');
	await openSignoff(police);
	await police.getByRole('link', { name: 'Read Northmoor Police in this report and sign off' }).click();
	await expect(police.getByRole('heading', { name: 'Northmoor Police in this report', level: 1 })).toBeVisible();
	// The police confirmed the demo's earlier draft, so the new sentence is also shown as a change since then.
	await expect(police.getByTestId('changes-since-signed').locator('.app-passage', { hasText: marker })).toContainText('Added in “Analysis”');
	const passage = police.locator('.app-passage[id^="passage-"]', { hasText: marker });
	await expect(passage).toHaveAttribute('data-concerns', 'true');
	await expect(passage).toContainText('Concerns Northmoor Police');
	// With the police chronology as it stood when the version was named.
	await expect(police.getByTestId('version-chronology').locator('tbody tr').first()).toBeVisible();
	await expectAccessible(police);
	await police.getByRole('button', { name: 'Confirm for Northmoor Police' }).click();
	await expect(police.getByRole('alert')).toContainText('fully and fairly represented');
	await expect(police.getByTestId('agency-status').locator('[data-status]')).toHaveAttribute('data-status', 'confirmed');
	// Confirmed: the page says so instead of offering to confirm the same text again.
	await expect(police.getByTestId('confirmed-current')).toContainText('Northmoor Police confirmed this text on');
	await expect(police.getByRole('button', { name: 'Confirm for Northmoor Police' })).toHaveCount(0);

	// The chair changes that sentence.
	await chair.goto(`${reviewPath}/report`);
	await expect(chair.getByTestId('report-loading')).toHaveCount(0);
	await analysisEditor(chair).click();
	await chair.keyboard.press('ControlOrMeta+End');
	for (let i = 0; i < '.'.length; i++) await chair.keyboard.press('Backspace');
	await chair.keyboard.type(' twice.');
	await expect(analysisEditor(chair)).toContainText('recorded the call twice.');
	await expect(chair.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });

	// The police see their confirmation out of date, and exactly what changed.
	await police.reload();
	await expect(police.getByTestId('agency-status').locator('[data-status]')).toHaveAttribute('data-status', 'stale');
	const changes = police.getByTestId('changes-since-signed');
	const change = changes.locator('.app-passage', { hasText: marker });
	await expect(change).toContainText('concerns Northmoor Police');
	await expect(change.locator('ins')).toContainText('twice');
	await expect(police.getByRole('button', { name: 'Confirm for Northmoor Police' })).toHaveCount(0);
	await expectAccessible(police);

	// The chair names the new text for sign-off; the police confirm it.
	await chair.goto(`${reviewPath}/signoff`);
	await expect(chair.getByTestId('signoff-matrix').locator('tr', { hasText: 'Northmoor Police' })).toContainText('Out of date');
	await nameCurrentTextForSignoff(chair);
	await police.reload();
	await police.getByRole('button', { name: 'Confirm for Northmoor Police' }).click();
	await expect(police.getByTestId('agency-status').locator('[data-status]')).toHaveAttribute('data-status', 'confirmed');

	// The GP practice disputes, with a reason and the passage.
	const health = await reviewAs(browser, 'health@demo.test');
	await openSignoff(health);
	await health.getByRole('link', { name: 'Read Riverside GP Practice in this report and sign off' }).click();
	await health.getByText("Riverside GP Practice's information is not fully or fairly represented").click();
	await health.getByRole('button', { name: 'Dispute for Riverside GP Practice' }).click();
	await expect(health.locator('.govuk-error-summary')).toContainText('Say what is not fully or fairly represented');
	await health.getByLabel('What is missing or not fair, and what should it say?').fill('Our two home visits in May are missing.');
	await health.getByRole('button', { name: 'Dispute for Riverside GP Practice' }).click();
	await expect(health.getByRole('alert')).toContainText('sent to the chair');
	await expectAccessible(health);

	// The chair cannot finalise while the dispute is unanswered.
	await chair.reload();
	const matrix = chair.getByTestId('signoff-matrix');
	await expect(matrix.locator('tr', { hasText: 'Northmoor Police' })).toContainText('Confirmed');
	await expect(matrix.locator('tr', { hasText: 'Riverside GP Practice' })).toContainText('Disputed');
	await chair.getByRole('button', { name: 'Mark the report final' }).click();
	await expect(chair.locator('.govuk-error-summary')).toContainText('cannot be final yet');
	await expect(chair.getByTestId('blockers')).toContainText('Riverside GP Practice disputes the report and the chair has not answered');
	await expect(chair.getByTestId('final-banner')).toHaveCount(0);

	// The chair records it as an area of disagreement: it is no longer in the way, and goes in the appendix.
	const dispute = chair.getByTestId('dispute-Riverside GP Practice');
	await expect(dispute).toContainText('Our two home visits in May are missing.');
	await dispute.getByLabel('Record it as an area of disagreement').check();
	await dispute.getByLabel("What changed, or the panel's view").fill('The panel found no record of the visits in the practice system.');
	await dispute.getByRole('button', { name: 'Record the answer for Riverside GP Practice' }).click();
	await expect(chair.getByTestId('blockers')).not.toContainText('Riverside GP Practice');
	await expectAccessible(chair);
	await chair.getByRole('link', { name: 'The sign-off record, for printing' }).click();
	const appendix = chair.getByTestId('disagreement-appendix');
	await expect(appendix).toContainText('Our two home visits in May are missing.');
	await expect(appendix).toContainText('The panel found no record of the visits');
	// The hash reads short (first twelve characters, grouped); the full value opens beside it.
	const hash = chair.getByTestId('current-hash');
	await expect(hash.locator('summary')).toHaveText(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}, show the full hash$/);
	await expect(hash.locator('.app-hash__full')).toBeHidden();
	await hash.locator('summary').click();
	await expect(hash.locator('.app-hash__full')).toHaveText(/^[0-9a-f]{64}$/);
	// The back link and the print button stand apart.
	const back = await chair.getByRole('link', { name: 'Sign-off', exact: true }).boundingBox();
	const printButton = await chair.getByRole('button', { name: 'Print the record' }).boundingBox();
	expect(printButton!.x - (back!.x + back!.width)).toBeGreaterThanOrEqual(30);
	await expectAccessible(chair);

	// The chair shares the named version with the family.
	await chair.goto(`${reviewPath}/signoff`);
	await goingAheadIfWarned(chair, 'share', () => chair.getByRole('button', { name: 'Share with the family' }).click());
	await expect(chair.getByText('Shared so far:')).toContainText('Sign-off text');

	// The family advocate reads only what was shared, and records the family's disagreement.
	const advocate = await reviewAs(browser, 'advocate@demo.test');
	await advocate.getByRole('link', { name: 'What the chair has shared with the family' }).click();
	const shared = advocate.getByTestId('shared-version');
	await expect(shared).toContainText(`${marker}: Northmoor Police attended and recorded the call twice.`);
	await expect(shared.locator('a.app-citation')).toHaveCount(0);
	await expectAccessible(advocate);
	await advocate.getByLabel('Something the family disagrees with').check();
	await advocate.getByLabel("In the family's words").fill('She told her GP she was frightened.');
	await advocate.getByRole('button', { name: 'Record and send to the chair' }).click();
	await expect(advocate.getByRole('alert')).toContainText('disagreement has been recorded');

	for (const path of ['/chronology', '/report', '/signoff', '/signoff/record']) {
		const response = await advocate.goto(`${reviewPath}${path}`);
		expect(response?.status(), path).toBe(403);
		await expect(advocate.getByText(marker)).toHaveCount(0);
	}
	const unshared = await advocate.goto(`${reviewPath}/family?share=not-shared`);
	expect(unshared?.status()).toBe(404);
	await expect(advocate.getByText('That version has not been shared with the family')).toBeVisible();

	// The family's disagreement reaches the chair and the appendix.
	await chair.goto(`${reviewPath}/signoff`);
	await expect(chair.getByTestId('family-comments')).toContainText('She told her GP she was frightened.');
	await chair.goto(`${reviewPath}/signoff/record`);
	await expect(chair.getByTestId('disagreement-appendix')).toContainText('She told her GP she was frightened.');
});

test('a dispute survives an unrelated edit: the GP practice disputes, someone edits another section, and the chair’s page still lists the dispute to answer; opening a round over open language flags asks first', async ({ browser }) => {
	const chair = await reviewAs(browser, 'chair@demo.test');
	const reviewPath = new URL(chair.url()).pathname;
	await openSignoff(chair);
	await nameCurrentTextForSignoff(chair);

	// The GP practice disputes the text in the round.
	const reason = `The March referral to the IDVA service is missing (${Date.now()}).`;
	const health = await reviewAs(browser, 'health@demo.test');
	await openSignoff(health);
	await health.getByRole('link', { name: 'Read Riverside GP Practice in this report and sign off' }).click();
	await health.getByText("Riverside GP Practice's information is not fully or fairly represented").click();
	await health.getByLabel('What is missing or not fair, and what should it say?').fill(reason);
	await health.getByRole('button', { name: 'Dispute for Riverside GP Practice' }).click();
	await expect(health.getByRole('alert')).toContainText('sent to the chair');

	// Then someone edits a section that has nothing to do with it.
	const panel = await reviewAs(browser, 'panel@demo.test');
	await panel.getByRole('link', { name: 'Overview report' }).click();
	await expect(panel.getByTestId('report-loading')).toHaveCount(0);
	const methodology = panel.getByRole('textbox', { name: 'Text of the section Methodology' });
	await methodology.click();
	await panel.keyboard.press('ControlOrMeta+End');
	await panel.keyboard.press('Enter');
	await panel.keyboard.type(`The panel met four times (${Date.now()}).`);
	await expect(panel.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });

	// The chair's page: still a dispute, waiting for an answer, never "confirmed an earlier text".
	await chair.goto(`${reviewPath}/signoff`);
	await expect(chair.getByTestId('round')).toContainText('has changed since');
	const row = chair.getByTestId('signoff-matrix').locator('tr', { hasText: 'Riverside GP Practice' });
	await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'disputed');
	await expect(row).toContainText('Waiting for the chair’s answer');
	const dispute = chair.getByTestId('dispute-Riverside GP Practice');
	await expect(dispute).toContainText(reason);
	await expect(dispute).toContainText('The report has changed since; the dispute stands until you answer it.');
	await expect(dispute.getByRole('button', { name: 'Record the answer for Riverside GP Practice' })).toBeVisible();
	await expect(chair.getByTestId('blockers')).toContainText('Riverside GP Practice disputes the report and the chair has not answered');
	await expect(chair.getByTestId('blockers')).not.toContainText('Riverside GP Practice confirmed an earlier text');
	await expectAccessible(chair);

	// Hindsight wording goes into the report; moving the round to the new text asks first, with the list.
	await methodology.click();
	await panel.keyboard.press('ControlOrMeta+End');
	await panel.keyboard.press('Enter');
	await panel.keyboard.type('With hindsight, the GP should have known.');
	await expect(panel.locator('#section-methodology .app-flag', { hasText: 'should have known' })).toBeVisible();
	await expect(panel.getByTestId('connection-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });
	await chair.reload();
	await chair.getByLabel('Version to sign off').selectOption('now');
	await chair.getByRole('button', { name: 'Move the round to this version' }).click();
	const warning = chair.getByTestId('openRound-open-flags');
	await expect(warning.getByRole('heading', { name: 'Wording to check before agencies sign off' })).toBeFocused();
	await expect(warning.locator('tr', { hasText: 'should have known' })).toContainText('Methodology');
	await expect(chair.getByTestId('round')).toContainText('has changed since');
	await expectAccessible(chair);
	await warning.getByRole('button', { name: 'Open the round anyway' }).click();
	await expect(chair.getByTestId('round')).not.toContainText('has changed since');
	// The dispute still stands on the new round, until the chair answers it.
	await expect(chair.getByTestId('dispute-Riverside GP Practice')).toContainText(reason);
	await chair.getByRole('link', { name: 'The sign-off record, for printing' }).click();
	await expect(chair.getByTestId('record-round')).toContainText(/The chair opened it with (one language flag|\d+ language flags) still open/);
});
