import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../tests/helpers/temp-database';
import { listAccountAudit, recordAudit } from './audit';

let temp: ReturnType<typeof createTempDatabase>;
beforeEach(() => (temp = createTempDatabase()));
afterEach(() => temp.dispose());

describe('audit log', () => {
	it('cannot be changed or deleted once written, even by direct SQL', () => {
		recordAudit(temp.db, { action: 'sign_in.failed', detail: { email: 'someone@example.org' }, ipAddress: '127.0.0.1' });
		const sqlite = temp.db.$client;
		expect(() => sqlite.prepare("update audit_event set action = 'sign_in.succeeded'").run()).toThrow(/append-only/);
		expect(() => sqlite.prepare('delete from audit_event').run()).toThrow(/append-only/);
		expect(listAccountAudit(temp.db)).toMatchObject([{ action: 'sign_in.failed', ipAddress: '127.0.0.1' }]);
	});
});
