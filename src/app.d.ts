import type { AppDatabase } from '$lib/server/db/client';
import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';

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
			clientAddress: string | null;
		}
	}
}

export {};
