import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from './event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { PgliteDatabase } from './sql/pglite-database';

describeEventStoreContract(
  'PGlite',
  async () => {
    const db = await PgliteDatabase.open();
    const store = new PostgresEventStore(db);
    await store.migrate();
    return { db, store };
  },
  async ({ db }) => db.close(),
);

describe('PGlite event store on disk', () => {
  it('keeps its events across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-pglite-'));
    try {
      const first = await PgliteDatabase.open(dir);
      const store = new PostgresEventStore(first);
      await store.migrate();
      await store.append('chat-persisted', [{ type: 'kept', data: { n: 1 } }], { organizationId: 'o' });
      await first.close();

      const second = await PgliteDatabase.open(dir);
      const reopened = new PostgresEventStore(second);
      await reopened.migrate();
      const read = await reopened.readStream('chat-persisted', { organizationId: 'o' });
      expect(read.events.map((e) => [e.type, e.data])).toEqual([['kept', { n: 1 }]]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
