import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

/**
 * `npm run dev` serves the collaboration websocket as `npm start` does (DESIGN.md, "One
 * process, one port"), on the dev server's own port: `/collab/` upgrades go to the same
 * handler as in production, and Vite's hot-reload websocket is left alone. Only for the
 * dev server: vitest loads this file too and must not start it.
 */
function collaborationInDevelopment(): Plugin {
	return {
		name: 'dhr-collaboration-websocket',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (process.env.VITEST || !httpServer) return;
			// Loaded only here, so a build or a test run never opens the database; through Vite's
			// own SSR loader (TypeScript, $lib-free relative imports) rather than bundled into this config.
			const development = (await server.ssrLoadModule('/server/dev.ts')) as typeof import('./server/dev');
			await development.prepareDevelopment();
			const attach = () => development.attachDevelopmentCollaboration(httpServer as import('node:http').Server);
			if (httpServer.listening) attach();
			else httpServer.once('listening', attach);
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), collaborationInDevelopment()],
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
	server: {
		host: '127.0.0.1',
		port: 3000,
		// The dev database and demo mail live in data/; their writes are not source changes.
		watch: { ignored: ['**/data/**'] }
	},
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
