import { describe, expect, it } from 'vitest';
import { mentionedIn, mentionRefusal, type MentionCandidate } from './comments';

const member = (userId: string, name: string, role: MentionCandidate['membership']['role'], deactivated = false): MentionCandidate => ({ userId, name, membership: { role, agencyId: null }, deactivated });
const members = [member('tom', 'Tom Adeyemi', 'panel_member'), member('claire', 'DS Claire Holt', 'agency_rep'), member('jo', 'Jo Lindqvist', 'family_advocate'), member('jo2', 'Jo Lindqvist-Shah', 'observer')];

describe('mentions in a comment', () => {
	it('finds the members named as @Full Name, and only at a name’s end', () => {
		expect(mentionedIn('@DS Claire Holt can you check the custody record? Thanks @Tom Adeyemi.', members).sort()).toEqual(['claire', 'tom']);
		expect(mentionedIn('Email tom@Tom Adeyemix about it', members)).toEqual([]);
		expect(mentionedIn('no mentions here, Tom Adeyemi', members)).toEqual([]);
	});

	it('reads the longer name when one name starts another', () => {
		expect(mentionedIn('@Jo Lindqvist-Shah please', members)).toEqual(['jo2']);
		expect(mentionedIn('@Jo Lindqvist please', members)).toEqual(['jo']);
	});

	it('refuses a mention of someone who cannot read the report, saying why', () => {
		expect(mentionRefusal(members[0])).toBeNull();
		expect(mentionRefusal(members[2])).toMatch(/^Jo Lindqvist cannot be mentioned: the family advocate sees only what the chair shares/);
		expect(mentionRefusal(member('g', 'A Guest', 'guest'))).toMatch(/guest practitioner takes part in one learning event only/);
		expect(mentionRefusal(member('d', 'Gone Person', 'panel_member', true))).toMatch(/deactivated/);
	});
});
