import { z } from 'zod';
import { maxAliases, maxTermLength } from '$lib/domain/anonymisation';

/** An entry of the pseudonym register as the API takes it (the domain says what is wrong with its content). */
export const entryFields = {
	real: z.string().max(maxTermLength * 2),
	pseudonym: z.string().max(maxTermLength * 2),
	kind: z.enum(['person', 'place', 'organisation', 'other']),
	aliases: z.array(z.string().max(maxTermLength * 2)).max(maxAliases * 2),
	choice: z.enum(['family', 'panel', 'real_name']).nullable(),
	note: z.string().max(2000)
};
