/**
 * The fictional review that demo mode seeds (DESIGN.md, "Demo mode"). Every name,
 * place and event here is invented. Dates are set relative to today so the
 * timescales always show a review in progress.
 */
import { addDays, format } from 'date-fns';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from './db/client';
import { agency, agencySeniorManager, eventParticipant, learningEvent, membership, review, reviewDecision, reviewNotification, user } from './db/schema';
import { defaultAgenda } from '../domain/learning-events';
import { todayInUk, ukDateTimeToInstant } from '../domain/dates';
import { countUsers } from './accounts';
import { hashPassword } from './auth/password';
import { recordAudit } from './audit';
import type { AgencyKind } from '../domain/agencies';
import type { AssignableRole } from '../domain/permissions';
import { documentName } from '../domain/permissions';
import { addEntry, writeAnalysis } from '../collab/chronology-doc';
import { createSqliteDocumentStore } from './document-store';
import { changeDocument } from './live-documents';
import { demoChronology, demoDeathDay, type DemoAgencyKey } from './demo-chronology';
import { subYears } from 'date-fns';
import { citationLabel } from '../domain/chronology';
import { seedDemoReport } from './demo-report';
import { addAgendaItem, addAgendaLink, createMeeting, findMeeting, inviteMembers } from './meetings';
import { currentKeyLines } from './terms';
import type { Actor } from './actor';

export const demoPassword = 'demo-password';


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
	// The police's senior manager (issue 20): signs off the police IMR, which someone else writes.
	{ email: 'police-manager@demo.test', name: 'Det Supt Mark Ellis', role: 'agency_rep', agency: 'police' },
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
				dateOfDeath: day(demoDeathDay),
				victimDateOfBirth: format(subYears(addDays(now, demoDeathDay - 140), 34), 'yyyy-MM-dd'),
				notifiedOn: day(-68),
				decisionOn: day(-47),
				createdBy: adminId,
				createdAt: now
			})
			.run();
		// The start of the record (issue 20): who notified the partnership, and its decision to review.
		const chairId = userIds.get('chair@demo.test')!;
		tx.insert(reviewNotification)
			.values({ reviewId, reviewType: 'domestic_homicide', notifiedBy: 'Northmoor Police (fictional)', summary: 'Adult A, a woman aged 34, was found dead at her home. Her partner has been charged with her murder. Police, her GP practice and housing had contact with the couple in the last two years.', recordedBy: chairId, recordedAt: now })
			.run();
		tx.insert(reviewDecision)
			.values({ reviewId, outcome: 'review', reasons: 'The death meets the criteria of section 9 of the 2004 Act: Adult A died, it appears, from violence by a person with whom she was in an intimate relationship.', decidedBy: 'Chair of the Northmoor Community Safety Partnership', decidedOn: day(-47), recordedBy: chairId, recordedAt: now })
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
		tx.insert(agencySeniorManager).values({ reviewId, userId: userIds.get('police-manager@demo.test')!, agencyId: agencyIds.get('police')!, markedBy: userIds.get('chair@demo.test')!, markedAt: now }).run();
		recordAudit(tx, { action: 'review.created', actorUserId: adminId, reviewId, detail: { title: 'Adult A', demo: true }, at: now });
	});
	const entryIds = seedDemoChronology(db, reviewId, agencyIds, userIds, day, now);
	seedDemoEvent(db, reviewId, userIds, entryIds, now);
	const entryLabels = demoChronology.map((entry) => citationLabel({ date: day(entry.day), datePrecision: entry.precision ?? 'day', approximate: entry.approximate ?? false, agencyName: demoAgencies[entry.agency].name }));
	seedDemoReport(
		db,
		reviewId,
		{ chairId: userIds.get('chair@demo.test')!, panelId: userIds.get('panel@demo.test')!, policeRepId: userIds.get('police@demo.test')!, policeAgencyId: agencyIds.get('police')!, idvaAgencyId: agencyIds.get('idva')! },
		entryIds,
		entryLabels,
		now
	);
	seedDemoMeeting(db, reviewId, userIds, agencyIds, entryIds, now);
	return true;
}

/**
 * A panel meeting in three days' time, so a newcomer sees meetings in the demo: an agenda of
 * two items with the police's first key practice episode as a paper and, when the terms have
 * key lines of enquiry, the first of them. Only the chair and the panel member are invited
 * (the browser tests invite the agency representatives to meetings of their own).
 */
function seedDemoMeeting(db: AppDatabase, reviewId: string, userIds: Map<string, string>, agencyIds: Map<DemoAgencyKey, string>, entryIds: string[], now: Date): void {
	const chair: Actor = { userId: userIds.get('chair@demo.test')!, ipAddress: null };
	const created = createMeeting(
		db,
		chair,
		reviewId,
		{ title: 'Panel meeting 2: agency presentations', kind: 'agency_presentations', startsAt: ukDateTimeToInstant(todayInUk(addDays(now, 3)), '10:00'), link: 'https://call.example/northmoor-panel' },
		now
	);
	if (!created.ok) return;
	const found = findMeeting(db, reviewId, created.value.id)!;
	const context = { review: { id: reviewId, victimDateOfBirth: null }, agencies: [...agencyIds].map(([key, id]) => ({ id, name: demoAgencies[key].name })), viewer: { role: 'chair' as const, agencyId: null } };
	const policeItem = addAgendaItem(db, chair, found, { title: 'The police chronology: the incidents of the last two years', minutes: 25, presenterId: userIds.get('police@demo.test')! }, now);
	const episode = demoChronology.findIndex((entry) => entry.agency === 'police' && entry.keyEpisode);
	if (policeItem.ok && episode >= 0) addAgendaLink(db, chair, found, context, { itemId: policeItem.value.id, kind: 'entry', targetId: entryIds[episode] }, now);
	const linesItem = addAgendaItem(db, chair, found, { title: 'The key lines of enquiry: what the chronologies tell us so far', minutes: 20, presenterId: null }, now);
	const [firstLine] = currentKeyLines(db, reviewId);
	if (linesItem.ok && firstLine) addAgendaLink(db, chair, found, context, { itemId: linesItem.value.id, kind: 'key_line', targetId: firstLine.id }, now);
	inviteMembers(db, chair, found, [userIds.get('panel@demo.test')!], now);
}

/** A practitioner event planned for tomorrow morning on the key practice episodes, with three members invited. */
function seedDemoEvent(db: AppDatabase, reviewId: string, userIds: Map<string, string>, entryIds: string[], now: Date): void {
	const eventId = randomUUID();
	const moderatorId = userIds.get('moderator@demo.test')!;
	const episodeIds = demoChronology.flatMap((entry, index) => (entry.keyEpisode ? [entryIds[index]] : []));
	db.transaction((tx) => {
		tx.insert(learningEvent)
			.values({
				id: eventId,
				reviewId,
				title: 'Practitioner event: the risk assessments',
				kind: 'practitioner',
				startsAt: ukDateTimeToInstant(todayInUk(addDays(now, 1)), '10:00'),
				agenda: defaultAgenda('practitioner'),
				episodeIds,
				createdBy: moderatorId,
				createdAt: now
			})
			.run();
		for (const email of ['panel@demo.test', 'police@demo.test', 'health@demo.test']) {
			tx.insert(eventParticipant).values({ eventId, userId: userIds.get(email)!, addedAt: now }).run();
		}
	});
}

function seedDemoChronology(
	db: AppDatabase,
	reviewId: string,
	agencyIds: Map<DemoAgencyKey, string>,
	userIds: Map<string, string>,
	day: (offset: number) => string,
	now: Date
): string[] {
	const store = createSqliteDocumentStore(db);
	const chairId = userIds.get('chair@demo.test')!;
	const writerFor = (agencyKey: DemoAgencyKey) => {
		const rep = demoAccounts.find((account) => account.agency === agencyKey);
		return rep ? userIds.get(rep.email)! : chairId;
	};
	const entryIds = demoChronology.map(() => randomUUID());
	for (const agencyKey of agencyIds.keys()) {
		changeDocument(store, {
			docName: documentName({ reviewId, kind: 'chronology', agencyId: agencyIds.get(agencyKey)! }),
			userId: writerFor(agencyKey),
			change: (doc) =>
				demoChronology.forEach((entry, index) => {
					if (entry.agency !== agencyKey) return;
					addEntry(
						doc,
						entryIds[index],
						{
							date: day(entry.day),
							datePrecision: entry.precision ?? 'day',
							approximate: entry.approximate ?? false,
							time: entry.time ?? '',
							subjects: entry.subjects,
							source: entry.source,
							summary: entry.summary,
							action: entry.action,
							afterDeath: entry.day > demoDeathDay
						},
						writerFor(agencyKey),
						now
					);
				})
		});
	}
	changeDocument(store, {
		docName: documentName({ reviewId, kind: 'analysis' }),
		userId: chairId,
		change: (doc) =>
			demoChronology.forEach((entry, index) => {
				if (!entry.tags && !entry.keyEpisode && !entry.note) return;
				writeAnalysis(doc, entryIds[index], { tags: entry.tags ?? [], keyEpisode: entry.keyEpisode ?? false, note: entry.note ?? '' });
			})
	});
	return entryIds;
}
