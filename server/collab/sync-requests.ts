/**
 * A limit on sync requests (sync step 1) per connection (issue 13). Each one makes the
 * server store what is pending and encode what the client lacks, which may be the
 * whole document, so they are the dearest message to answer. A page asks on
 * connecting and then at most about three times a second while its person types
 * (the save probe in live-document.svelte.ts); a flood closes the connection with 1008.
 */
import { TokenBucket } from './limits';

export class SyncRequestLimit {
	private readonly bucket: TokenBucket;

	/** `perSecond` sustained, with a burst of twice as many (a reconnect, a few probes). */
	constructor(perSecond: number, now = Date.now()) {
		this.bucket = new TokenBucket(perSecond, perSecond * 2, now);
	}

	allow(now = Date.now()): boolean {
		return this.bucket.take(1, now);
	}
}
