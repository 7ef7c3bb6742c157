// Adds up the vitest and Playwright JSON reports into one closing line for CI.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (existsSync('.ci-results/vitest.json')) {
	const report = JSON.parse(readFileSync('.ci-results/vitest.json', 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	skipped += report.numPendingTests + report.numTodoTests;
} else missing.push('vitest');

if (existsSync('.ci-results/playwright.json')) {
	const { stats } = JSON.parse(readFileSync('.ci-results/playwright.json', 'utf8'));
	passed += stats.expected + stats.flaky;
	failed += stats.unexpected;
	skipped += stats.skipped;
} else missing.push('playwright');

if (missing.length > 0) console.log(`(no report from ${missing.join(' and ')}: it did not run or did not finish)`);
console.log(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped`);
