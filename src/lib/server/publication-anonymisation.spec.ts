import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { strFromU8, unzipSync } from 'fflate';
import { createReviewFixture } from '../../../tests/helpers/review-fixture';
import { addRegisterEntry, openReportFindings } from './anonymisation';
import { changeDocument } from './live-documents';
import { createSqliteDocumentStore } from './document-store';
import { documentName } from '../domain/permissions';
import { sectionFragmentName } from '../domain/report-template';
import { readReportDocument } from './report';
import { publicationModel, publicationRefusals } from './publication-pack';
import { publicationPseudonyms } from './publication-anonymisation';
import { namesSomeone, publicationDocx } from './publication-docx';
import { applyPseudonyms } from '../domain/anonymisation';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function reviewWithName() {
	const fixture = await createReviewFixture();
	cleanups.push(fixture.temp.dispose);
	const actor = { userId: fixture.chairId, ipAddress: null };
	const added = addRegisterEntry(fixture.db, actor, fixture.reviewId, { real: 'Mark Ellison', pseudonym: 'Adult B', kind: 'person', aliases: ['Mark'], choice: 'family', note: 'Chosen with the family' });
	if (!added.ok) throw new Error('register');
	changeDocument(createSqliteDocumentStore(fixture.db), {
		docName: documentName({ kind: 'report', reviewId: fixture.reviewId }),
		userId: fixture.chairId,
		change: (doc) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText("Mark Ellison's GP saw him twice; Mark did not attend a third time.")]);
			doc.getXmlFragment(sectionFragmentName('analysis')).insert(0, [paragraph]);
		}
	});
	return fixture;
}

describe('the publication edition and the pseudonym register', () => {
	it('writes the pseudonyms throughout, possessives kept, and no real name is left in the Word file', async () => {
		const { db, reviewId } = await reviewWithName();
		expect(openReportFindings(db, reviewId).length).toBeGreaterThan(0);
		const doc = readReportDocument(db, reviewId);
		const model = publicationModel(db, reviewId, 'overview', { id: null, name: 'Working draft', doc }, null, publicationPseudonyms(db, reviewId), new Date());
		const xml = strFromU8(unzipSync(new Uint8Array(await publicationDocx(model)))['word/document.xml']);
		expect(xml).toContain('Adult B&apos;s GP saw him twice; Adult B did not attend a third time.');
		expect(xml).not.toContain('Ellison');
		doc.destroy();
	});

	it('refuses the publication edition while a possible identifier is open in the version, saying how to clear it', async () => {
		const { db, reviewId } = await reviewWithName();
		const reasons = publicationRefusals(db, reviewId, null);
		expect(reasons.some((reason) => /possible identifiers? (is|are) still open in this version/.test(reason))).toBe(true);
	});
});

describe('links in the publication edition', () => {
	it('drop a target that names someone in the register, and keep the others', () => {
		const register = [{ id: '1', real: 'Mark Ellison', pseudonym: 'Adult B', kind: 'person' as const, aliases: [] }];
		const t = (text: string) => applyPseudonyms(text, register);
		expect(namesSomeone('https://news.example.org/2024/mark-ellison-inquest', t)).toBe(true);
		expect(namesSomeone('https://www.gov.uk/government/publications/domestic-homicide-review-statutory-guidance', t)).toBe(false);
		expect(namesSomeone('https://news.example.org/2024/mark-ellison-inquest', (text) => text)).toBe(false);
	});
});
