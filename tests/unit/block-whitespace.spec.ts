/**
 * Svelte 5 drops the whitespace at the start and end of a block's content, so
 * `time?{#if episode} · 8 April{/if}` renders "time?· 8 April" (issue 15). Text that must keep its
 * space says so with `{' '}`. This reads every component for the pattern.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function svelteFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
		const path = join(folder, item.name);
		if (item.isDirectory()) return svelteFiles(path);
		return item.name.endsWith('.svelte') ? [path] : [];
	});
}

// A block opening ({#if …}, {:else}, {:else if …}) followed on the same line by a space and text.
const spaceLostAtStart = /(\{#if [^}\n]*\}|\{:else\}|\{:else if [^}\n]*\}) (?=[^\s<{])/;
// Text, a space, then the block's end: the space goes too.
const spaceLostAtEnd = /[^\s>}] (\{\/if\}|\{:else)/;

describe('text beside a block keeps its spaces', () => {
	it('no component relies on a space that Svelte drops at the start or end of a block', () => {
		const problems = svelteFiles('src').flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.flatMap((line, index) => (spaceLostAtStart.test(line) || spaceLostAtEnd.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []))
		);
		expect(problems).toEqual([]);
	});
});
