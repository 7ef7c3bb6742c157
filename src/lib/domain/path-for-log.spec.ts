import { describe, expect, it } from 'vitest';
import { pathForLog } from './path-for-log';

describe('a request path in a log line', () => {
	it('hides the secret of a chair’s invitation link', () => {
		expect(pathForLog('/join/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst')).toBe('/join/[token]');
	});

	it('hides the secret of a guest’s invitation link, keeping what follows it', () => {
		expect(pathForLog('/invitations/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst/__data.json')).toBe('/invitations/[token]/__data.json');
	});

	it('leaves every other path as it is: review and user ids are not secrets', () => {
		expect(pathForLog('/reviews/0b6f2c1e-2d5a-4e55-9f1a-6a1c2d3e4f50/chronology')).toBe('/reviews/0b6f2c1e-2d5a-4e55-9f1a-6a1c2d3e4f50/chronology');
		expect(pathForLog('/joined/elsewhere')).toBe('/joined/elsewhere');
	});
});
