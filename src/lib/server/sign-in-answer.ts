/** What the JSON API says after each step of signing in (README, "JSON API"). */
import type { AppDatabase } from './db/client';
import type { PendingSignIn, SessionUser } from './auth/session';
import { availableMethods, type SecondFactorMethod } from './auth/second-factor';

export interface SignInAnswer {
	user: Pick<SessionUser, 'id' | 'email' | 'name' | 'isAdmin' | 'mustChangePassword'>;
	expiresAt: string;
	/** True once the session reaches everything the user's roles allow. */
	complete: boolean;
	/** What is still needed, in order: the second factor, a new password, enrolling a factor. */
	needs?: 'second_factor' | 'password_change' | 'enrolment';
	/** With `second_factor`: what the account can use. */
	methods?: SecondFactorMethod[];
}

export function signInAnswer(db: AppDatabase, user: SessionUser, expiresAt: Date, pending: PendingSignIn): SignInAnswer {
	const base = {
		user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, mustChangePassword: user.mustChangePassword },
		expiresAt: expiresAt.toISOString()
	};
	if (pending === 'second_factor') return { ...base, complete: false, needs: 'second_factor', methods: availableMethods(db, user.id) };
	if (user.mustChangePassword) return { ...base, complete: false, needs: 'password_change' };
	if (pending === 'enrolment') return { ...base, complete: false, needs: 'enrolment' };
	return { ...base, complete: true };
}
