/**
 * The demo review's chronology (issue 4): a fictional two years of contact with
 * "A" (the victim), "B" (her partner) and "C" (her child) across the six demo
 * agencies. Days count from the day the demo is seeded, like the review's own dates,
 * so the demo stays current; A died on day -75.
 * Written in the neutral, factual voice the guidance asks of agencies.
 */
import type { DatePrecision, EntrySubject } from '../domain/chronology';

export type DemoAgencyKey = 'police' | 'gp' | 'hospital' | 'socialCare' | 'housing' | 'idva';

export const demoDeathDay = -75;

export interface DemoEntry {
	agency: DemoAgencyKey;
	/** Days from the day of seeding (the death is day `demoDeathDay`). */
	day: number;
	precision?: DatePrecision;
	approximate?: boolean;
	time?: string;
	subjects: EntrySubject[];
	source: string;
	summary: string;
	action: string;
	/** The panel's analysis of the entry, if any. */
	tags?: string[];
	keyEpisode?: boolean;
	note?: string;
}

export const demoChronology: DemoEntry[] = [
	{ agency: 'gp', day: -720, time: '09:40', subjects: ['victim'], source: 'GP consultation record', summary: 'A seen for low mood and poor sleep. Said there was "stress at home". Seen alone.', action: 'Antidepressant prescribed; review booked in four weeks. No routine enquiry about domestic abuse recorded.', tags: ['professional curiosity'] },
	{ agency: 'police', day: -700, time: '23:40', subjects: ['victim', 'perpetrator'], source: 'Command and control log 2207', summary: 'Neighbour reported shouting at the address. Officers attended; B had left. A said it had been a verbal argument.', action: 'Recorded as a non-crime domestic incident. DASH risk assessment not completed: officers judged the incident verbal only.', tags: ['risk assessment', 'missed opportunity'], note: 'Local policy at the time required a DASH at every domestic incident. Practitioners describe "verbal only" as a common reason for not completing one.' },
	{ agency: 'housing', day: -690, subjects: ['victim'], source: 'Repairs log R-55812', summary: 'A reported a broken internal door and asked for a repair.', action: 'Repair raised and completed within five days. How the damage happened was not asked.' },
	{ agency: 'gp', day: -660, time: '11:10', subjects: ['victim'], source: 'GP consultation record', summary: 'Medication review. Bruising to the left forearm noted; A said she had walked into a door.', action: 'Medication continued. The injury explanation was recorded without further questions.', tags: ['professional curiosity', 'missed opportunity'] },
	{ agency: 'hospital', day: -640, time: '02:15', subjects: ['victim', 'perpetrator'], source: 'Emergency department record ED-20417', summary: 'A attended with a wrist fracture, saying she fell on the stairs. B was present throughout the attendance.', action: 'Fracture treated. Routine enquiry about domestic abuse was not possible because A was not seen alone; no safeguarding referral.', tags: ['missed opportunity'] },
	{ agency: 'hospital', day: -639, subjects: ['victim'], source: 'Safeguarding liaison nurse notes', summary: 'The safeguarding liaison nurse reviewed the attendance and noted the partner had answered questions for A.', action: 'Wrote to the GP asking for the injury to be discussed with A when seen alone.', tags: ['good practice', 'information sharing'] },
	{ agency: 'gp', day: -630, subjects: ['victim'], source: 'Correspondence log', summary: 'Letter from the hospital safeguarding liaison nurse received.', action: 'Letter filed by the administration team; not passed to a GP. No follow-up appointment made.', tags: ['information sharing', 'missed opportunity'] },
	{ agency: 'police', day: -600, time: '19:05', subjects: ['victim', 'perpetrator', 'child'], source: 'Crime report NM/10442', summary: 'A called 999 to say B had threatened to kill her during an argument. C (aged 9) was in the house. A disclosed earlier incidents of pushing.', action: 'B arrested for threats to kill. DASH completed: medium risk. Referral made to the IDVA service and a notification to children’s services.', tags: ['disclosure', 'risk assessment', 'safeguarding children'], keyEpisode: true },
	{ agency: 'police', day: -599, subjects: ['perpetrator'], source: 'Custody record 12/3456', summary: 'B interviewed and released under investigation.', action: 'A told by phone that B had been released and had no conditions.' },
	{ agency: 'idva', day: -595, subjects: ['victim'], source: 'IDVA case record 2291', summary: 'Police referral received (medium risk).', action: 'Three phone calls over two days were not answered; a letter was sent offering support. Contact not established.' },
	{ agency: 'idva', day: -580, time: '14:30', subjects: ['victim', 'perpetrator'], source: 'IDVA case record 2291', summary: 'A phoned the IDVA. She described B controlling her money, checking her phone and, once, putting his hands around her neck the year before.', action: 'DASH repeated with A: 15 risk factors, including non-fatal strangulation. A MARAC referral was considered and discussed with the manager but not made: A asked that the police not be told more, and the IDVA understood that consent was needed.', tags: ['disclosure', 'risk assessment', 'MARAC', 'missed opportunity'], keyEpisode: true, note: 'A referral to MARAC does not need consent when risk is high. Strangulation is a marker of serious harm. Why did it look reasonable to wait at the time? The learning event should explore caseloads and the supervision then available.' },
	{ agency: 'idva', day: -575, subjects: ['victim', 'child'], source: 'IDVA case record 2291', summary: 'Safety planning session with A by phone.', action: 'Safety plan agreed, including a code word with a friend. Helpline numbers given. A request made to the police for a home alarm.', tags: ['good practice'] },
	{ agency: 'police', day: -570, subjects: ['victim'], source: 'Crime prevention record CP-778', summary: 'Request from the IDVA service for a home alarm.', action: 'Alarm fitted at the address the same week; A shown how to use it.', tags: ['good practice'] },
	{ agency: 'police', day: -540, subjects: ['victim', 'perpetrator'], source: 'Crime report NM/10442', summary: 'A told the officer in the case she did not want to go to court.', action: 'No further action for the threats, for lack of evidence without A’s statement. Evidence-led prosecution not recorded as considered. A informed.', tags: ['missed opportunity'] },
	{ agency: 'gp', day: -515, time: '16:20', subjects: ['victim', 'perpetrator'], source: 'GP consultation record', summary: 'A attended with anxiety. Seen alone, she said B "gets angry" and that she was "walking on eggshells".', action: 'GP asked directly about abuse, gave the IDVA number and raised an adult safeguarding concern with A’s agreement.', tags: ['disclosure', 'good practice'] },
	{ agency: 'socialCare', day: -510, subjects: ['victim'], source: 'Adult safeguarding screening record AS-3120', summary: 'Safeguarding concern from the GP screened.', action: 'A has no care and support needs, so the duty to make enquiries did not apply. Closed with a letter listing support services. No check was made whether the IDVA service was already involved.', tags: ['information sharing', 'missed opportunity'] },
	{ agency: 'housing', day: -480, subjects: ['victim', 'child'], source: 'Housing register application HR-9034', summary: 'A applied for a transfer, giving "problems with neighbours" as the reason.', action: 'Housing officer visited; A said she wanted to move to another part of the town. Application assessed in band C.' },
	{ agency: 'housing', day: -470, subjects: ['perpetrator'], source: 'Tenancy file', summary: 'Neighbours reported loud arguments late at night.', action: 'Warning letter about noise sent to both joint tenants.', tags: ['professional curiosity'] },
	{ agency: 'police', day: -450, time: '01:30', subjects: ['victim', 'perpetrator'], source: 'Command and control log 0131', summary: 'B called the police to say A had hit him. Both had been drinking. A had a cut lip.', action: 'A arrested; later released with no further action. DASH completed for B as the victim: standard risk.', tags: ['risk assessment'], note: 'A counter-allegation by a perpetrator is a known pattern. Was the history of calls from A visible to the attending officers?' },
	{ agency: 'idva', day: -440, subjects: ['victim'], source: 'IDVA case record 2291', summary: 'No contact with A for three months.', action: 'Case closed under the service’s policy, with a letter explaining how to come back to the service.' },
	{ agency: 'gp', day: -400, time: '10:00', subjects: ['victim'], source: 'GP consultation record', summary: 'A attended with headaches. Seen alone.', action: 'Routine enquiry made; A said things were "fine now". Advice given.' },
	{ agency: 'hospital', day: -380, precision: 'month', approximate: true, subjects: ['victim'], source: 'Fracture clinic appointment list', summary: 'A did not attend a fracture clinic follow-up appointment.', action: 'Discharged back to the GP under the clinic’s policy; no contact made to ask why.' },
	{ agency: 'police', day: -330, time: '22:10', subjects: ['victim', 'perpetrator', 'child'], source: 'Crime report NM/13309', summary: 'A reported that B damaged her phone and would not let her leave the flat. C was present.', action: 'B arrested for criminal damage. DASH graded medium. The MARAC repeat-incident criterion (three incidents in a year) was not checked.', tags: ['risk assessment', 'MARAC', 'missed opportunity', 'safeguarding children'], keyEpisode: true },
	{ agency: 'idva', day: -325, subjects: ['victim', 'child'], source: 'IDVA case record 2291', summary: 'New referral from the police. A accepted support.', action: 'Safety plan reviewed. IDVA helped A apply for a non-molestation order.', tags: ['good practice'] },
	{ agency: 'idva', day: -300, subjects: ['victim', 'perpetrator'], source: 'IDVA case record 2291', summary: 'Non-molestation order granted for twelve months.', action: 'Copy of the order sent to the police and housing the same day.', tags: ['information sharing', 'good practice'] },
	{ agency: 'housing', day: -290, time: '11:00', subjects: ['victim', 'child'], source: 'Housing officer visit notes', summary: 'Joint visit with the IDVA to A at home to discuss moving because of domestic abuse.', action: 'Management transfer agreed under the domestic abuse policy; A placed in band A.', tags: ['good practice'] },
	{ agency: 'idva', day: -290, time: '11:00', subjects: ['victim', 'child'], source: 'IDVA case record 2291', summary: 'Joint visit with housing to A at home to discuss moving because of domestic abuse.', action: 'Supported A through the transfer request.' },
	{ agency: 'police', day: -260, time: '17:45', subjects: ['perpetrator'], source: 'Crime report NM/14020', summary: 'A reported B waiting outside the flat, in breach of the non-molestation order.', action: 'B arrested, charged and bailed with conditions not to contact A.' },
	{ agency: 'hospital', day: -240, time: '20:30', subjects: ['victim'], source: 'Emergency department record ED-33871', summary: 'A attended with a panic attack. Seen alone.', action: 'Routine enquiry made; A said she was safe. Discharge letter sent to the GP.' },
	{ agency: 'gp', day: -230, subjects: ['victim'], source: 'GP telephone consultation', summary: 'GP phoned A after the hospital letter. A said things were better since the order.', action: 'Mental health support offered; A referred to talking therapies.' },
	{ agency: 'police', day: -200, subjects: ['perpetrator'], source: 'Court result', summary: 'B convicted of breaching the non-molestation order.', action: 'Community order with a domestic abuse perpetrator programme requirement. A told of the result.' },
	{ agency: 'housing', day: -180, subjects: ['victim', 'child'], source: 'Tenancy file', summary: 'A offered and accepted a tenancy in another part of the town.', action: 'New address flagged as confidential on the housing system.', tags: ['good practice'] },
	{ agency: 'socialCare', day: -170, precision: 'month', subjects: ['victim'], source: 'Adult social care front door record', summary: 'Police domestic abuse notification about the breach received.', action: 'Screened: no care and support needs. Passed to the IDVA service for information.', tags: ['information sharing'] },
	{ agency: 'idva', day: -150, subjects: ['victim'], source: 'IDVA case record 2291', summary: 'A said she felt safer in the new home. Risk reviewed as medium.', action: 'Case closed with A’s agreement and a route back to the service.' },
	{ agency: 'gp', day: -120, time: '15:10', subjects: ['victim', 'perpetrator'], source: 'GP consultation record', summary: 'A said B had been back in touch and was "sorry", and that he saw C at weekends.', action: 'GP asked whether A felt safe; she said yes. Not shared with the IDVA or the police: the GP judged there was no serious risk.', tags: ['disclosure', 'information sharing', 'missed opportunity'] },
	{ agency: 'police', day: -100, time: '21:45', subjects: ['victim', 'perpetrator'], source: 'Command and control log 2144', summary: 'A friend of A called to say B had been seen at A’s new address.', action: 'Officer phoned A, who said B was collecting C for contact. No offence disclosed; no DASH completed.', tags: ['risk assessment', 'missed opportunity'] },
	{ agency: 'housing', day: -90, subjects: ['victim'], source: 'Tenancy file', summary: 'A neighbour reported shouting at A’s new address.', action: 'Housing officer wrote to A offering a visit. No reply recorded.' },
	{ agency: 'police', day: -75, time: '06:20', subjects: ['victim', 'perpetrator'], source: 'Command and control log 0619', summary: 'Police called to A’s address. A was found to have died. B arrested.', action: 'Homicide investigation opened; the partnership notified.' },
	{ agency: 'housing', day: -60, subjects: ['family'], source: 'Tenancy file', summary: 'Letter to A’s family about the tenancy.', action: 'Tenancy ended with the family’s agreement; belongings returned to them.' },
	{ agency: 'socialCare', day: -640, approximate: true, precision: 'month', subjects: ['family'], source: 'Carer’s assessment record', summary: 'A’s mother had a carer’s assessment; A was named as her main support.', action: 'Support plan agreed for A’s mother. A not seen as part of the assessment.' }
];
