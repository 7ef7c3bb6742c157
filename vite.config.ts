import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	css: {
		preprocessorOptions: {
			scss: {
				loadPaths: ['node_modules'],
				// govuk-frontend's own Sass is not ours to fix.
				quietDeps: true
			}
		}
	},
	build: {
		// lightningcss rejects a legacy media-query hack inside govuk-frontend; esbuild keeps it.
		cssMinify: 'esbuild'
	},
	server: { host: '127.0.0.1', port: 3000 },
	test: {
		include: ['src/**/*.spec.ts', 'server/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		// CI also writes JSON so .ci/run can print one closing "N passed, N failed" line.
		reporters: process.env.CI ? ['default', 'json'] : ['default'],
		outputFile: { json: '.ci-results/vitest.json' },
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Integration tests each start a real server process; two cores, so keep it modest.
		maxWorkers: 2
	}
});
