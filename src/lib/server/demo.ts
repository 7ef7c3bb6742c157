/**
 * The fictional review that demo mode seeds (DESIGN.md, "Demo mode"). Every name,
 * place and event here is invented. Dates are set relative to today so the
 * timescales always show a review in progress.
 */
import { addDays, format } from 'date-fns';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { agency, membership, review, user } from './db/schema';
import { countUsers } from './accounts';
import { hashPassword } from './auth/password';
import { recordAudit } from './audit';
import type { AgencyKind } from '../domain/agencies';
import type { AssignableRole } from '../domain/permissions';

export const demoPassword = 'demo-password';

type DemoAgencyKey = 'police' | 'gp' | 'hospital' | 'socialCare' | 'housing' | 'idva';

export const demoAgencies: Record<DemoAgencyKey, { name: string; kind: AgencyKind }> = {
	police: { name: 'Northmoor Police', kind: 'police' },
	gp: { name: 'Riverside GP Practice', kind: 'health' },
	hospital: { name: 'Northmoor Hospitals Trust', kind: 'health' },
	socialCare: { name: 'Northmoor Adult Social Care', kind: 'social_care' },
	housing: { name: 'Northmoor Homes', kind: 'housing' },
	idva: { name: 'Northmoor IDVA Service', kind: 'domestic_abuse_service' }
};

interface DemoAccount {
	email: string;
	name: string;
	isAdmin?: boolean;
	role?: AssignableRole;
	agency?: DemoAgencyKey;
}

export const demoAccounts: DemoAccount[] = [
	{ email: 'admin@demo.test', name: 'Sam Okafor (DHR co-ordinator)', isAdmin: true },
	{ email: 'chair@demo.test', name: 'Helen Marsh', role: 'chair' },
	{ email: 'moderator@demo.test', name: 'Priya Nair', role: 'moderator' },
	{ email: 'panel@demo.test', name: 'Tom Adeyemi', role: 'panel_member' },
	{ email: 'police@demo.test', name: 'DS Claire Holt', role: 'agency_rep', agency: 'police' },
	{ email: 'health@demo.test', name: 'Dr Imran Shah', role: 'agency_rep', agency: 'gp' },
	{ email: 'advocate@demo.test', name: 'Jo Lindqvist', role: 'family_advocate' }
];

/** Seeds the demo review on an empty database; does nothing otherwise. Returns whether it seeded. */
export async function seedDemo(db: AppDatabase, now = new Date()): Promise<boolean> {
	if (countUsers(db) > 0) return false;
	const passwordHash = await hashPassword(demoPassword);
	const day = (offset: number) => format(addDays(now, offset), 'yyyy-MM-dd');
	const reviewId = randomUUID();
	const userIds = new Map(demoAccounts.map((account) => [account.email, randomUUID()]));
	const agencyIds = new Map(Object.keys(demoAgencies).map((key) => [key as DemoAgencyKey, randomUUID()]));
	const adminId = userIds.get('admin@demo.test')!;

	db.transaction((tx) => {
		for (const account of demoAccounts) {
			tx.insert(user)
				.values({ id: userIds.get(account.email)!, email: account.email, name: account.name, passwordHash, isAdmin: account.isAdmin ?? false, mustChangePassword: false, createdAt: now })
				.run();
		}
		tx.insert(review)
			.values({
				id: reviewId,
				title: 'Adult A',
				partnership: 'Northmoor Community Safety Partnership (fictional)',
				dateOfDeath: day(-75),
				notifiedOn: day(-68),
				decisionOn: day(-47),
				createdBy: adminId,
				createdAt: now
			})
			.run();
		for (const [key, details] of Object.entries(demoAgencies)) {
			tx.insert(agency).values({ id: agencyIds.get(key as DemoAgencyKey)!, reviewId, ...details, createdAt: now }).run();
		}
		for (const account of demoAccounts) {
			if (!account.role) continue;
			tx.insert(membership)
				.values({
					reviewId,
					userId: userIds.get(account.email)!,
					role: account.role,
					agencyId: account.agency ? agencyIds.get(account.agency)! : null,
					addedBy: adminId,
					addedAt: now
				})
				.run();
		}
		recordAudit(tx, { action: 'review.created', actorUserId: adminId, reviewId, detail: { title: 'Adult A', demo: true }, at: now });
	});
	return true;
}
