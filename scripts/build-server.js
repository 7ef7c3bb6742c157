// Bundles server/ (the production entry and the CLI) into build/, beside adapter-node's handler.
import { build } from 'esbuild';

await build({
	entryPoints: {
		server: 'server/index.ts',
		'update-writer-worker': 'server/collab/update-writer-worker.ts',
		'checkpoint-worker': 'server/collab/checkpoint-worker.ts',
		'admin-create': 'server/cli/admin-create.ts',
		backup: 'server/cli/backup.ts',
		restore: 'server/cli/restore.ts'
	},
	outdir: 'build',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
