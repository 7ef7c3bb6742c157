import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rootsChanged, touchesReserved } from './reserved-roots';

/** The server's copy and a client's, in sync; `change` runs on the client; returns the update it made. */
function clientChange(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	return Y.encodeStateAsUpdate(client, before);
}

function meetingDoc(): Y.Doc {
	const doc = new Y.Doc();
	doc.getMap('live').set('phaseIndex', 0);
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText('Police presented.')]);
	doc.getXmlFragment('minutes:item-1').insert(0, [paragraph]);
	return doc;
}

describe('which parts of a meeting document an update changes', () => {
	it('typing in the minutes touches only that item’s minutes, not the live state', () => {
		const server = meetingDoc();
		const update = clientChange(server, (client) => {
			const text = (client.getXmlFragment('minutes:item-1').get(0) as Y.XmlElement).get(0) as Y.XmlText;
			text.insert(5, ' also');
			text.delete(0, 2);
		});
		expect([...rootsChanged(server, update)]).toEqual(['minutes:item-1']);
		expect(touchesReserved(server, update, ['live', 'signals'])).toBe(false);
	});

	it('moving the agenda on changes the live state, whether a key is new, overwritten or deleted', () => {
		const server = meetingDoc();
		expect(touchesReserved(server, clientChange(server, (c) => c.getMap('live').set('phaseIndex', 1)), ['live'])).toBe(true);
		expect(touchesReserved(server, clientChange(server, (c) => c.getMap('live').set('focus', 'entry:e1')), ['live'])).toBe(true);
		expect(touchesReserved(server, clientChange(server, (c) => c.getMap('live').delete('phaseIndex')), ['live'])).toBe(true);
	});

	it('a new item’s minutes, written in one update, are placed too', () => {
		const server = meetingDoc();
		const update = clientChange(server, (client) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('New item')]);
			client.getXmlFragment('minutes:item-2').insert(0, [paragraph]);
		});
		expect([...rootsChanged(server, update)]).toEqual(['minutes:item-2']);
	});

	it('nothing is reserved when the list is empty', () => {
		const server = meetingDoc();
		expect(touchesReserved(server, clientChange(server, (c) => c.getMap('live').set('phaseIndex', 2)), [])).toBe(false);
	});
});
