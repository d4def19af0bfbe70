import { randomUUID } from 'node:crypto';
import { StreamOwnershipError, VersionConflictError } from './errors';
import { LOG_START, LogPosition, RecordedEvent } from './event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { SqlDatabase } from './sql/sql-database';

export interface EventStoreHarness {
  db: SqlDatabase;
  store: PostgresEventStore;
}

const ORG = 'org-a';
const OTHER_ORG = 'org-b';

const uid = (): string => randomUUID().slice(0, 8);

async function readLogFrom(store: PostgresEventStore, from: LogPosition, batch: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let position = from;
  for (;;) {
    const page = await store.readLog(position, batch);
    if (page.length === 0) return all;
    all.push(...page);
    const last = page[page.length - 1];
    position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
  }
}

/**
 * Reads the log until `expected` of the given streams' events are visible. On a
 * shared PostgreSQL server any transaction in flight (autovacuum's ANALYZE,
 * another database's writer) holds back the visibility horizon for a moment.
 */
async function readLogUntil(
  store: PostgresEventStore,
  from: LogPosition,
  streams: readonly string[],
  expected: number,
  batch = 1000,
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const log = await readLogFrom(store, from, batch);
    if (log.filter((e) => streams.includes(e.streamId)).length >= expected || Date.now() > deadline) return log;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Behaviour every EventStore adapter must have. `open` gives a migrated store
 * on an empty database; `close` releases it.
 */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<EventStoreHarness>,
  close: (harness: EventStoreHarness) => Promise<void>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: EventStoreHarness;
    let store: PostgresEventStore;

    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => harness && close(harness));

    it('appends events to a new stream and reads them back in order with versions from 1', async () => {
      const stream = `chat-${uid()}`;
      const result = await store.append(
        stream,
        [
          { type: 'chat_started', data: { id: 'X' }, metadata: { author_id: 'a@b.c' } },
          { type: 'event_sent', data: { text: 'hi' } },
        ],
        { organizationId: ORG, expectedVersion: 'no_stream' },
      );
      expect(result.nextExpectedVersion).toBe(2);
      const read = await store.readStream(stream, { organizationId: ORG });
      expect(read.version).toBe(2);
      expect(read.events.map((e) => [e.streamVersion, e.type, e.data])).toEqual([
        [1, 'chat_started', { id: 'X' }],
        [2, 'event_sent', { text: 'hi' }],
      ]);
      expect(read.events[0].metadata).toEqual({ author_id: 'a@b.c' });
      expect(read.events[0].organizationId).toBe(ORG);
      expect(read.events[1].globalPosition).toBeGreaterThan(read.events[0].globalPosition);
      expect(read.events[0].createdAt).toBeInstanceOf(Date);
    });

    it('reads a stream from a given version, and an unknown stream as version 0 with no events', async () => {
      const stream = `chat-${uid()}`;
      const numbers = Array.from({ length: 12 }, (_, i) => i + 1);
      await store.append(stream, numbers.map((n) => ({ type: 'n', data: n })), { organizationId: ORG });
      const tail = await store.readStream(stream, { organizationId: ORG, fromVersion: 3 });
      expect(tail.events.map((e) => e.data)).toEqual(numbers.slice(2));
      expect(tail.version).toBe(12);
      const limited = await store.readStream(stream, { organizationId: ORG, fromVersion: 2, maxCount: 2 });
      expect(limited.events.map((e) => e.data)).toEqual([2, 3]);
      expect(await store.readStream(`chat-${uid()}`, { organizationId: ORG })).toEqual({ version: 0, events: [] });
    });

    it('appends at the expected version and rejects a stale one with a retryable conflict, writing nothing', async () => {
      const stream = `agent-${uid()}@example.com`;
      const first = await store.append(stream, [{ type: 'a', data: 1 }], { organizationId: ORG, expectedVersion: 0 });
      await store.append(stream, [{ type: 'b', data: 2 }], {
        organizationId: ORG,
        expectedVersion: first.nextExpectedVersion,
      });
      const stale = store.append(stream, [{ type: 'c', data: 3 }], { organizationId: ORG, expectedVersion: 1 });
      await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
      await expect(stale).rejects.toMatchObject({ actualVersion: 2, retryable: true });
      expect((await store.readStream(stream, { organizationId: ORG })).events.map((e) => e.type)).toEqual(['a', 'b']);
    });

    it('honours no_stream and stream_exists', async () => {
      const stream = `customer-${uid()}`;
      await expect(
        store.append(stream, [{ type: 'x', data: null }], { organizationId: ORG, expectedVersion: 'stream_exists' }),
      ).rejects.toBeInstanceOf(VersionConflictError);
      await store.append(stream, [{ type: 'x', data: null }], { organizationId: ORG, expectedVersion: 'no_stream' });
      await expect(
        store.append(stream, [{ type: 'y', data: null }], { organizationId: ORG, expectedVersion: 'no_stream' }),
      ).rejects.toBeInstanceOf(VersionConflictError);
      await store.append(stream, [{ type: 'y', data: null }], { organizationId: ORG, expectedVersion: 'stream_exists' });
      expect((await store.readStream(stream, { organizationId: ORG })).version).toBe(2);
    });

    it("keeps organizations apart: another organization can neither read nor append to a stream", async () => {
      const stream = `chat-${uid()}`;
      await store.append(stream, [{ type: 'secret', data: 's' }], { organizationId: ORG });
      expect(await store.readStream(stream, { organizationId: OTHER_ORG })).toEqual({ version: 0, events: [] });
      await expect(store.append(stream, [{ type: 'x', data: 1 }], { organizationId: OTHER_ORG })).rejects.toBeInstanceOf(
        StreamOwnershipError,
      );
      expect((await store.readStream(stream, { organizationId: ORG })).version).toBe(1);
    });

    it('rolls the whole append back when an event id is reused', async () => {
      const stream = `chat-${uid()}`;
      const id = randomUUID();
      await store.append(stream, [{ type: 'a', data: 1, id }], { organizationId: ORG });
      await expect(
        store.append(stream, [{ type: 'b', data: 2 }, { type: 'c', data: 3, id }], { organizationId: ORG }),
      ).rejects.toThrow();
      expect((await store.readStream(stream, { organizationId: ORG })).events.map((e) => e.type)).toEqual(['a']);
    });

    it('keeps many streams independent and reads the whole log in commit order', async () => {
      const streams = Array.from({ length: 20 }, () => `chat-${uid()}`);
      for (let round = 1; round <= 5; round++) {
        for (const stream of streams) {
          await store.append(stream, [{ type: 'round', data: round }], { organizationId: ORG, expectedVersion: round - 1 });
        }
      }
      const log = await readLogUntil(store, LOG_START, streams, 100, 7);
      const ours = log.filter((e) => streams.includes(e.streamId));
      expect(ours).toHaveLength(100);
      for (const stream of streams) {
        expect(ours.filter((e) => e.streamId === stream).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
      }
      const positions = log.map((e) => e.globalPosition);
      expect(new Set(positions).size).toBe(log.length);
      for (let i = 1; i < log.length; i++) {
        const a = log[i - 1];
        const b = log[i];
        const ordered =
          a.transactionId < b.transactionId ||
          (a.transactionId === b.transactionId && a.globalPosition < b.globalPosition);
        expect(ordered).toBe(true);
      }
    });

    it('reads the log from a position without repeating or skipping events', async () => {
      const stream = `chat-${uid()}`;
      const first = await store.append(stream, [{ type: 'n', data: 0 }], { organizationId: ORG });
      const from = { transactionId: first.events[0].transactionId, globalPosition: first.events[0].globalPosition };
      await store.append(stream, [1, 2, 3].map((n) => ({ type: 'n', data: n })), { organizationId: ORG });
      const after = await readLogUntil(store, from, [stream], 3);
      expect(after.map((e) => [e.streamId, e.data])).toEqual([
        [stream, 1],
        [stream, 2],
        [stream, 3],
      ]);
    });

    it('runs inline projections in the append transaction and rolls back with them', async () => {
      await harness.db.query('CREATE TABLE IF NOT EXISTS contract_counts (stream_id text PRIMARY KEY, n int NOT NULL)');
      const counting = new PostgresEventStore(harness.db, [
        {
          name: 'counts',
          eventTypes: ['counted', 'poison'],
          async apply(events, tx) {
            for (const e of events) {
              if (e.type === 'poison') throw new Error('projection failed');
              await tx.query(
                `INSERT INTO contract_counts VALUES ($1, 1)
                 ON CONFLICT (stream_id) DO UPDATE SET n = contract_counts.n + 1`,
                [e.streamId],
              );
            }
          },
        },
      ]);
      const stream = `chat-${uid()}`;
      await counting.append(stream, [{ type: 'counted', data: 1 }, { type: 'ignored', data: 2 }], { organizationId: ORG });
      const count = async () =>
        (await harness.db.query<{ n: number }>('SELECT n FROM contract_counts WHERE stream_id = $1', [stream])).rows[0]?.n;
      expect(await count()).toBe(1);
      await expect(
        counting.append(stream, [{ type: 'counted', data: 3 }, { type: 'poison', data: 4 }], { organizationId: ORG }),
      ).rejects.toThrow('projection failed');
      expect(await count()).toBe(1);
      expect((await store.readStream(stream, { organizationId: ORG })).version).toBe(2);
    });

    it('tells watchers when events are committed', async () => {
      let calls = 0;
      const stop = await store.watch(() => calls++);
      const before = calls;
      await store.append(`chat-${uid()}`, [{ type: 'x', data: 1 }], { organizationId: ORG });
      const deadline = Date.now() + 5000;
      while (calls === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await stop();
      expect(calls).toBeGreaterThan(before);
    });

    it('migrates idempotently', async () => {
      await store.migrate();
      await store.migrate();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
