/**
 * A real, migrated SQLite file holding one review with its admin and chair, made through the
 * same server functions the app uses: the starting point of unit tests of review-level modules.
 */
import { createTempDatabase } from './temp-database';
import { createAccount } from '../../src/lib/server/accounts';
import { createReview } from '../../src/lib/server/reviews';

export async function createReviewFixture() {
	const temp = createTempDatabase();
	const db = temp.db;
	const admin = await createAccount(db, { email: 'admin@example.org', name: 'Admin', isAdmin: true, password: 'correct horse battery' }, { userId: null });
	const chair = await createAccount(db, { email: 'chair@example.org', name: 'Chair', password: 'correct horse battery' }, { userId: null });
	if (!admin.ok || !chair.ok) throw new Error('accounts');
	const review = createReview(db, { userId: admin.user.id, ipAddress: null }, { title: 'Adult Z', partnership: 'Eastfield CSP', dateOfDeath: '2024-01-01', notifiedOn: '2024-01-10', decisionOn: null, chairEmail: 'chair@example.org' });
	if (!review.ok) throw new Error('review');
	return { temp, db, chairId: chair.user.id, reviewId: review.value.id };
}
