/** The people DEMO=1 seeds (password "demo-password"), signed in each in their own client. */
import { expect } from 'vitest';
import { ApiClient, type RunningServer } from './server';

export async function signInAs(server: RunningServer, ...emails: string[]): Promise<ApiClient[]> {
	return Promise.all(
		emails.map(async (email) => {
			const client = new ApiClient(server.origin);
			expect((await client.signIn(email)).status).toBe(200);
			return client;
		})
	);
}

/** The id of the demo review ("Adult A"), the first the person is a member of. */
export async function demoReviewId(member: ApiClient): Promise<string> {
	return (await (await member.request('GET', '/api/reviews')).json())[0].id;
}

/**
 * Every account DEMO=1 seeds. `police-manager@demo.test` is a second police representative,
 * marked as the police's senior manager: they sign off the police IMR (issue 20).
 */
export const demoEmails = [
	'admin@demo.test',
	'chair@demo.test',
	'moderator@demo.test',
	'panel@demo.test',
	'police@demo.test',
	'health@demo.test',
	'advocate@demo.test',
	'police-manager@demo.test'
] as const;
