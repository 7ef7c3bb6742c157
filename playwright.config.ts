import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4317);
// localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party's id, and the
// passkey test needs one (Chromium reaches localhost on the loopback address the server binds).
const origin = `http://localhost:${port}`;
// Evaluated again in each worker; only the main process starts the server, so one folder is used.
const databasePath = join(mkdtempSync(join(tmpdir(), 'dhr-e2e-')), 'dhr.sqlite');

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI ? [['list'], ['json', { outputFile: '.ci-results/playwright.json' }]] : 'list',
	use: {
		baseURL: origin,
		browserName: 'chromium',
		headless: true,
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium: Playwright's own browser downloads do not work here.
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: 'node build/server.js',
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATABASE_PATH: databasePath,
			DEMO: '1'
		}
	}
});
