export const agencyKinds = [
	'police',
	'health',
	'social_care',
	'housing',
	'probation',
	'domestic_abuse_service',
	'education',
	'other'
] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export const agencyKindLabels: Record<AgencyKind, string> = {
	police: 'Police',
	health: 'Health',
	social_care: 'Social care',
	housing: 'Housing',
	probation: 'Probation',
	domestic_abuse_service: 'Specialist domestic abuse service',
	education: 'Education',
	other: 'Other'
};

export function isAgencyKind(value: unknown): value is AgencyKind {
	return typeof value === 'string' && (agencyKinds as readonly string[]).includes(value);
}
