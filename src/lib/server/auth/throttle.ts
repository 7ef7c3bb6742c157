/**
 * Slows guessing. A password attempt takes its point from the limiters *before* the
 * password is checked (one atomic SQLite upsert each), so parallel requests cannot all
 * slip past a read-then-count check: at most `accountFailureLimit` guesses per account
 * reach the check in a window, however many arrive at once (issue 13, security review).
 * A correct password gives its point back.
 *
 * Per account: 5 attempts in 15 minutes, from anywhere. Per address: a high limit
 * (100) that only slows spraying many accounts from one place, so that one person
 * hammering one account behind an organisation's proxy does not lock out everyone else
 * behind it; and an attempt refused for its account costs the address nothing.
 *
 * The second factor has its own per-account counter, taken the same way.
 * Counters live in SQLite (via rate-limiter-flexible's store) so a restart does not reset them.
 */
import { RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { AppDatabase } from '../db/client';

export const accountFailureLimit = 5;
export const addressFailureLimit = 100;
export const secondFactorFailureLimit = 5;
const windowSeconds = 15 * 60;

/** A point taken for one attempt: settle it once the outcome is known. */
export interface AttemptPass {
	/** The attempt succeeded: forget the account's failures and give the address its point back. */
	succeeded(): Promise<void>;
}

export type AttemptAdmission = { ok: true; pass: AttemptPass } | { ok: false; retryAfterMs: number };

export interface SignInThrottle {
	/** Takes a point for a password attempt before it is checked, or says how long to wait. */
	admitPassword(email: string, address: string): Promise<AttemptAdmission>;
	/** Takes a point for a second-factor attempt by this user before it is checked. */
	admitSecondFactor(userId: string): Promise<AttemptAdmission>;
	/** Milliseconds until a password attempt is allowed again, or 0 when it is allowed now (read only). */
	retryAfterMs(email: string, address: string): Promise<number>;
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
const userKey = (userId: string) => `user:${userId}`;

/** Takes one point; the wait when over the limit, or null when taken. */
async function take(limiter: RateLimiterSQLite, key: string): Promise<number | null> {
	try {
		await limiter.consume(key);
		return null;
	} catch (rejection) {
		// Over the limit is the point of counting; anything else is a real failure.
		if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, 1000);
		throw rejection;
	}
}

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
	const perUserSecondFactor = new RateLimiterSQLite({ ...common, keyPrefix: 'f', points: secondFactorFailureLimit });

	async function waitFor(limiter: RateLimiterSQLite, key: string, limit: number): Promise<number> {
		const state = await limiter.get(key);
		return state && state.consumedPoints >= limit ? Math.max(state.msBeforeNext, 1000) : 0;
	}

	return {
		async admitPassword(email, address) {
			const account = accountKey(email);
			const from = addressKey(address);
			const accountWait = await take(perAccount, account);
			if (accountWait !== null) return { ok: false, retryAfterMs: accountWait };
			const addressWait = await take(perAddress, from);
			if (addressWait !== null) {
				// Refused for the address: this attempt was never checked, so the account keeps its point.
				await perAccount.reward(account, 1);
				return { ok: false, retryAfterMs: addressWait };
			}
			return {
				ok: true,
				pass: {
					async succeeded() {
						await perAccount.delete(account);
						await perAddress.reward(from, 1);
					}
				}
			};
		},
		async admitSecondFactor(userId) {
			const key = userKey(userId);
			const wait = await take(perUserSecondFactor, key);
			if (wait !== null) return { ok: false, retryAfterMs: wait };
			return {
				ok: true,
				pass: {
					async succeeded() {
						await perUserSecondFactor.delete(key);
					}
				}
			};
		},
		async retryAfterMs(email, address) {
			const [account, from] = await Promise.all([
				waitFor(perAccount, accountKey(email), accountFailureLimit),
				waitFor(perAddress, addressKey(address), addressFailureLimit)
			]);
			return Math.max(account, from);
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
