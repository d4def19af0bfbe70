import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { VersionConflictError } from './errors';
import { LOG_START, RecordedEvent } from './event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { PgDatabase } from './sql/pg-database';

const ORG = 'org-1';

describeWithPostgres('event store under concurrency', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase({ connectionString: database.url, max: 60 });
    store = new PostgresEventStore(db);
    await store.migrate();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('lets exactly one of 50 concurrent appends at the same version win; every loser gets a retryable conflict and wins on retry', async () => {
    const stream = 'chat-RACE000001';
    await store.append(stream, [{ type: 'chat_created', data: {} }], { organizationId: ORG, expectedVersion: 'no_stream' });

    const writers = Array.from({ length: 50 }, (_, i) => i);
    const outcomes = await Promise.allSettled(
      writers.map((i) =>
        store.append(stream, [{ type: 'event_sent', data: { writer: i } }], { organizationId: ORG, expectedVersion: 1 }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const loss of lost) {
      expect(loss.reason).toBeInstanceOf(VersionConflictError);
      expect(loss.reason.retryable).toBe(true);
    }

    const losers = writers.filter((i) => outcomes[i].status === 'rejected');
    await Promise.all(
      losers.map(async (i) => {
        for (;;) {
          const { version } = await store.readStream(stream, { organizationId: ORG, fromVersion: Number.MAX_SAFE_INTEGER });
          try {
            await store.append(stream, [{ type: 'event_sent', data: { writer: i } }], {
              organizationId: ORG,
              expectedVersion: version,
            });
            return;
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
          }
        }
      }),
    );

    const { version, events } = await store.readStream(stream, { organizationId: ORG });
    expect(version).toBe(51);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const writersSeen = events.slice(1).map((e) => (e.data as { writer: number }).writer);
    expect([...writersSeen].sort((a, b) => a - b)).toEqual(writers);
  });

  it('never lets a slow transaction be skipped by an ordered log reader (xid8 rule), across two connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let slowInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (slowInserted = resolve));
    const slowStore = new PostgresEventStore(db, [
      {
        name: 'hold-the-transaction-open',
        eventTypes: ['slow'],
        async apply() {
          slowInserted();
          await gate;
        },
      },
    ]);

    const start = await store.append('chat-XIDBEFORE1', [{ type: 'before', data: {} }], { organizationId: ORG });
    const from = { transactionId: start.events[0].transactionId, globalPosition: start.events[0].globalPosition };

    // Connection 1: inserted first (lower position), still uncommitted.
    const slow = slowStore.append('chat-XIDSLOW001', [{ type: 'slow', data: {} }], { organizationId: ORG });
    await inserted;
    // Connection 2: inserted and committed after it.
    const fast = await store.append('chat-XIDFAST001', [{ type: 'fast', data: {} }], { organizationId: ORG });
    expect(fast.events[0].globalPosition).toBeGreaterThan(from.globalPosition);

    // While the slow one is open, the committed fast event must not be handed out ahead of it.
    const whileOpen = await store.readLog(from, 100);
    expect(whileOpen.map((e) => e.type)).toEqual([]);

    release();
    const committed = await slow;
    let seen: RecordedEvent[] = [];
    for (let tries = 0; tries < 200 && seen.length < 2; tries++) {
      seen = await store.readLog(from, 100);
      if (seen.length < 2) await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen.map((e) => e.type)).toEqual(['slow', 'fast']);
    expect(seen[0].eventId).toBe(committed.events[0].eventId);
    expect(seen[0].globalPosition).toBeLessThan(seen[1].globalPosition);

    // A reader positioned after "fast" (had it been handed out first) would have lost "slow" forever;
    // the whole log from the start has every event exactly once.
    const all = await store.readLog(LOG_START, 1000);
    expect(all.filter((e) => e.type === 'slow')).toHaveLength(1);
    expect(all.filter((e) => e.type === 'fast')).toHaveLength(1);
  });
});
