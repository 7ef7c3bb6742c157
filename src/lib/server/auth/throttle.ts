/**
 * Slows password guessing: after repeated failures for one account, or from one
 * address, sign-in is refused with 429 for a while. Counters live in SQLite (via
 * rate-limiter-flexible's store) so a restart does not reset them.
 */
import { RateLimiterSQLite, type RateLimiterRes } from 'rate-limiter-flexible';
import type { AppDatabase } from '../db/client';

export const accountFailureLimit = 5;
export const addressFailureLimit = 20;
const windowSeconds = 15 * 60;

export interface SignInThrottle {
	/** Milliseconds until sign-in is allowed again, or 0 when it is allowed now. */
	retryAfterMs(email: string, address: string): Promise<number>;
	recordFailure(email: string, address: string): Promise<void>;
	recordSuccess(email: string): Promise<void>;
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

export function createSignInThrottle(db: AppDatabase): SignInThrottle {
	const common = {
		storeClient: db.$client,
		storeType: 'better-sqlite3',
		tableName: 'sign_in_throttle',
		// The table comes from our own migration.
		tableCreated: true,
		duration: windowSeconds,
		blockDuration: windowSeconds
	};
	const perAccount = new RateLimiterSQLite({ ...common, keyPrefix: 'a', points: accountFailureLimit });
	const perAddress = new RateLimiterSQLite({ ...common, keyPrefix: 'i', points: addressFailureLimit });

	async function waitFor(limiter: RateLimiterSQLite, key: string, limit: number): Promise<number> {
		const state = await limiter.get(key);
		return state && state.consumedPoints >= limit ? Math.max(state.msBeforeNext, 1000) : 0;
	}

	async function count(limiter: RateLimiterSQLite, key: string): Promise<void> {
		try {
			await limiter.consume(key);
		} catch (rejection) {
			// Over the limit is the point of counting; anything else is a real failure.
			if (rejection instanceof Error) throw rejection;
			void (rejection as RateLimiterRes);
		}
	}

	return {
		async retryAfterMs(email, address) {
			const [account, from] = await Promise.all([
				waitFor(perAccount, accountKey(email), accountFailureLimit),
				waitFor(perAddress, addressKey(address), addressFailureLimit)
			]);
			return Math.max(account, from);
		},
		async recordFailure(email, address) {
			await count(perAccount, accountKey(email));
			await count(perAddress, addressKey(address));
		},
		async recordSuccess(email) {
			await perAccount.delete(accountKey(email));
		}
	};
}

const throttles = new WeakMap<AppDatabase, SignInThrottle>();

export function signInThrottleFor(db: AppDatabase): SignInThrottle {
	let throttle = throttles.get(db);
	if (!throttle) {
		throttle = createSignInThrottle(db);
		throttles.set(db, throttle);
	}
	return throttle;
}
