/** The caller of the second sign-in step: a signed-in session that still has to pass its second factor. */
import type { Session } from './db/schema';
import type { SessionUser } from './auth/session';
import { ApiError } from './api';

export function pendingSecondFactor(locals: App.Locals): { user: SessionUser; session: Session } {
	if (!locals.user || !locals.session) throw new ApiError(401, 'Sign in to continue');
	if (locals.signInPending !== 'second_factor') throw new ApiError(409, 'This session does not need a second factor');
	return { user: locals.user, session: locals.session };
}
