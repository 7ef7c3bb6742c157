import type { AppDatabase } from '$lib/server/db/client';
import type { Session } from '$lib/server/db/schema';
import type { PendingSignIn, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			db: AppDatabase;
			user: SessionUser | null;
			session: Session | null;
			/** Set while the session has still to pass (or enrol) its second factor. */
			signInPending: PendingSignIn;
			clientAddress: string | null;
		}
	}
}

export {};
