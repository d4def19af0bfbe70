import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract, EventStoreHarness } from './event-store.contract';
import { describeGroupCommitContract } from './group-commit.contract';
import { PostgresEventStore } from './postgres-event-store';
import { PgliteDatabase } from './sql/pglite-database';

async function openPglite(): Promise<EventStoreHarness> {
  const db = await PgliteDatabase.open();
  const store = new PostgresEventStore(db);
  await store.migrate();
  return { db, store };
}

describeEventStoreContract('PGlite', openPglite, async ({ db }) => db.close());
describeGroupCommitContract('PGlite', openPglite, async ({ db }) => db.close(), { canTerminateConnections: false });

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

describe('event store metrics', () => {
  it('tells its observer the size and duration of every committed append, and nothing about one that failed', async () => {
    const db = await PgliteDatabase.open();
    const appended: Array<[number, number]> = [];
    const store = new PostgresEventStore(db, [], { appended: (events, seconds) => appended.push([events, seconds]) });
    try {
      await store.migrate();
      await store.append('chat-m', [{ type: 'a', data: 1 }, { type: 'b', data: 2 }], { organizationId: 'o' });
      await store.decideAndAppend('chat-m', 'o', async () => ({ events: [{ type: 'c', data: 3 }], result: undefined }));
      await store.decideAndAppend('chat-m', 'o', async () => ({ events: [], result: undefined }));
      await expect(store.append('chat-m', [{ type: 'd', data: 4 }], { organizationId: 'o', expectedVersion: 1 })).rejects.toThrow();
      expect(appended.map(([events]) => events)).toEqual([2, 1]);
      for (const [, seconds] of appended) expect(seconds).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
