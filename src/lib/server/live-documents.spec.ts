import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../tests/helpers/temp-database';
import { createSqliteDocumentStore } from './document-store';
import { changeStoredDocument, readDocument } from './live-documents';

const temp = createTempDatabase();
afterAll(() => temp.dispose());

describe('a change made by the server', () => {
	const store = createSqliteDocumentStore(temp.db);
	const docName = 'review/r1/report';
	const text = () => {
		const doc = readDocument(store, docName);
		try {
			return doc.getText('t').toString();
		} finally {
			doc.destroy();
		}
	};

	it('is stored when it only deletes text, which leaves the state vector as it was', () => {
		changeStoredDocument(store, { docName, userId: 'u1', change: (doc) => doc.getText('t').insert(0, 'Adult A declined to engage.') });
		changeStoredDocument(store, { docName, userId: 'u1', change: (doc) => doc.getText('t').delete(8, 18) });
		expect(text()).toBe('Adult A .');
	});

	it('stores nothing when it changes nothing', () => {
		const before = store.load(docName).updates.length;
		changeStoredDocument(store, { docName, userId: 'u1', change: () => {} });
		expect(store.load(docName).updates.length).toBe(before);
	});
});
