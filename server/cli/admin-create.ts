/**
 * First run of a real deployment: `npm run admin:create -- --email someone@example.org [--name "Full Name"]`
 * creates the DHR co-ordinator's admin account and prints a one-time password,
 * which must be changed at first sign-in. Refuses once any account exists.
 */
import { parseArgs } from 'node:util';
import { closeDatabases, getDatabase } from '../../src/lib/server/db/client';
import { countUsers, createAccount } from '../../src/lib/server/accounts';
import { databasePath } from '../../src/lib/server/config';
import { isEmailAddress } from '../../src/lib/domain/validation';

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: { email: { type: 'string' }, name: { type: 'string' } },
		strict: true
	});
	const email = values.email?.trim();
	if (!email || !isEmailAddress(email)) {
		console.error('Give the admin\'s email address: npm run admin:create -- --email someone@example.org');
		return 2;
	}
	const db = getDatabase();
	if (countUsers(db) > 0) {
		console.error(`${databasePath()} already has accounts. Sign in as an admin and create accounts from the Admin page.`);
		return 1;
	}
	const result = await createAccount(db, { email, name: values.name?.trim() || email, isAdmin: true }, { userId: null });
	if (!result.ok) {
		console.error(result.message);
		return 1;
	}
	console.log(`Created the admin account ${result.user.email} in ${databasePath()}.`);
	console.log(`One-time password: ${result.oneTimePassword}`);
	console.log('Sign in with it and choose a new password straight away. It is not shown again.');
	return 0;
}

main()
	.then((code) => {
		closeDatabases();
		process.exit(code);
	})
	.catch((error) => {
		console.error('Could not create the admin account:', error);
		process.exit(1);
	});
