/** Limits on what one connection may send (issue 3, "Hostile input"). */
function envNumber(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface CollabLimits {
	/** Largest websocket message accepted (ws closes with 1009 above it). */
	maxMessageBytes: number;
	/** Most structs one update may carry; a bound on the work of decoding and applying it. */
	maxStructsPerUpdate: number;
	/** Sustained messages per second per connection, with a burst of twice as many. */
	messagesPerSecond: number;
	/** Sustained bytes per second per connection, with a burst of twice as many. */
	bytesPerSecond: number;
	/** Sustained sync requests (sync step 1) per second per connection, with a burst of twice as many. */
	syncRequestsPerSecond: number;
	/** Most bytes waiting to be sent to one connection before it is closed as too far behind. */
	maxQueuedBytes: number;
	/** Awareness client ids one connection may speak for. */
	maxAwarenessClientsPerConnection: number;
	/** Log length after which a document is compacted. */
	compactAfterUpdates: number;
	/** How long a document stays in memory after its last connection leaves. */
	unloadAfterMs: number;
}

export function collabLimitsFromEnv(): CollabLimits {
	return {
		maxMessageBytes: envNumber('COLLAB_MAX_MESSAGE_BYTES', 4 * 1024 * 1024),
		maxStructsPerUpdate: envNumber('COLLAB_MAX_STRUCTS_PER_UPDATE', 200_000),
		messagesPerSecond: envNumber('COLLAB_MESSAGES_PER_SECOND', 200),
		bytesPerSecond: envNumber('COLLAB_BYTES_PER_SECOND', 8 * 1024 * 1024),
		syncRequestsPerSecond: envNumber('COLLAB_SYNC_REQUESTS_PER_SECOND', 5),
		maxQueuedBytes: envNumber('COLLAB_MAX_QUEUED_BYTES', 16 * 1024 * 1024),
		maxAwarenessClientsPerConnection: 4,
		compactAfterUpdates: envNumber('COLLAB_COMPACT_AFTER_UPDATES', 500),
		unloadAfterMs: envNumber('COLLAB_UNLOAD_AFTER_MS', 15_000)
	};
}

/**
 * A token bucket. Checked synchronously for every message on the hot path, where an
 * async limiter would reorder messages.
 */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly burst: number,
		now = Date.now()
	) {
		this.tokens = burst;
		this.last = now;
	}

	take(amount: number, now = Date.now()): boolean {
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
		this.last = now;
		if (this.tokens < amount) return false;
		this.tokens -= amount;
		return true;
	}
}
