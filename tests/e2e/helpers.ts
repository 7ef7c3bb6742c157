import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, email: string, password = 'demo-password'): Promise<void> {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();
}

/** Fills a GOV.UK date input, found by its legend. */
export async function fillDate(page: Page, legend: string, day: string, month: string, year: string): Promise<void> {
	const group = page.getByRole('group', { name: legend });
	await group.getByLabel('Day').fill(day);
	await group.getByLabel('Month').fill(month);
	await group.getByLabel('Year').fill(year);
}
