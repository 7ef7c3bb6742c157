import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { wouldOverflow } from './send-queue';

const socketHolding = (bufferedAmount: number) => ({ bufferedAmount }) as WebSocket;

describe('the send-queue cap', () => {
	it('lets a message go while what waits stays within the cap', () => {
		expect(wouldOverflow(socketHolding(0), 100, 1_000)).toBe(false);
		expect(wouldOverflow(socketHolding(900), 100, 1_000)).toBe(false);
	});

	it('refuses a message that would take what waits past the cap', () => {
		expect(wouldOverflow(socketHolding(901), 100, 1_000)).toBe(true);
	});

	it('always lets one message go when nothing waits, however large (a big document’s first sync)', () => {
		expect(wouldOverflow(socketHolding(0), 50_000, 1_000)).toBe(false);
		expect(wouldOverflow(socketHolding(1), 50_000, 1_000)).toBe(true);
	});
});
