import { EventMessage, PgDatabase, PostgresEventStore, VersionConflictError } from '@switchboard/event-store';
import { NatsBus, StreamEntry } from '@switchboard/messaging';
import {
  createTestDatabase,
  describeWithPostgresAndNats,
  spawnApp,
  SpawnedApp,
  TEST_NATS_URL,
  TestDatabase,
  uniqueToken,
  waitFor,
} from '@switchboard/testing';

const ORG = '390e44e6-f1e6-4368-93cd-ba4eca7ae0bf';
const TOTAL = 10_000;
const WRITERS = 4;
const STREAMS = 40;

describeWithPostgresAndNats('event-relay process', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let store: PostgresEventStore;
  let bus: NatsBus;
  let relay: SpawnedApp | undefined;
  const token = uniqueToken();
  const env = () => ({
    DATABASE_URL: database.url,
    NATS_URL: TEST_NATS_URL,
    EVENTS_STREAM: `RELAYTEST_${token}`,
    EVENTS_SUBJECT_PREFIX: `relaytest${token}`,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase({ connectionString: database.url, max: WRITERS + 2 });
    store = new PostgresEventStore(db);
    await store.migrate();
    bus = await NatsBus.connect({
      servers: TEST_NATS_URL,
      streamName: `RELAYTEST_${token}`,
      subjectPrefix: `relaytest${token}`,
    });
    await bus.events.ensure();
  });

  afterAll(async () => {
    await relay?.stop('SIGKILL');
    await bus?.deleteStream().catch(() => undefined);
    await bus?.drain();
    await db?.close();
    await database?.drop();
  });

  it('publishes 10,000 events from concurrent writers exactly once, in commit order, across two relay crashes', async () => {
    const appended: string[] = [];
    let written = 0;
    const writer = async (w: number) => {
      const perWriter = TOTAL / WRITERS;
      let mine = 0;
      while (mine < perWriter) {
        const stream = `chat-W${(mine * 7 + w * 13) % STREAMS}`;
        const count = Math.min(1 + (mine % 3), perWriter - mine);
        const events = Array.from({ length: count }, (_, i) => ({ type: 'event_sent', data: { w, n: mine + i } }));
        try {
          const { version } = await store.readStream(stream, { organizationId: ORG, fromVersion: Number.MAX_SAFE_INTEGER });
          const result = await store.append(stream, events, { organizationId: ORG, expectedVersion: version });
          appended.push(...result.events.map((e) => e.eventId));
          mine += count;
          written += count;
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
        }
      }
    };

    relay = await spawnApp('event-relay', env());
    const writing = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    // Crash the relay twice while the writers are busy and it is publishing, restarting it each time.
    const streamed = async () => (await bus.events.last())?.sequence ?? 0;
    await waitFor(() => written >= TOTAL * 0.25, 60000, 5);
    const beforeFirstCrash = await waitFor(streamed, 30000, 5);
    expect(await relay.stop('SIGKILL')).toBe('SIGKILL');
    relay = await spawnApp('event-relay', env());
    await waitFor(() => written >= TOTAL * 0.6, 60000, 5);
    await waitFor(async () => (await streamed()) > beforeFirstCrash, 30000, 5);
    expect(await relay.stop('SIGKILL')).toBe('SIGKILL');
    const beforeSecondRestart = await streamed();
    expect(beforeSecondRestart).toBeLessThan(TOTAL);
    relay = await spawnApp('event-relay', env());
    await writing;
    expect(appended).toHaveLength(TOTAL);

    const seen: EventMessage[] = [];
    const consumer = await bus.events.consume(
      `verify_${token}`,
      async (entry: StreamEntry) => {
        seen.push(entry.payload as EventMessage);
      },
      { ackWaitMs: 5000 },
    );
    await waitFor(() => seen.length >= TOTAL, 60000, 50);
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything extra would show up now
    await consumer.stop();

    // Exactly once.
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen.map((e) => e.event_id)).size).toBe(TOTAL);
    expect(new Set(seen.map((e) => e.event_id))).toEqual(new Set(appended));
    // In commit order per stream: versions 1, 2, 3 ... without gaps.
    const versions = new Map<string, number>();
    for (const event of seen) {
      expect(event.stream_version).toBe((versions.get(event.stream_id) ?? 0) + 1);
      versions.set(event.stream_id, event.stream_version);
    }
    // And globally in the log's commit order (transaction id, then position).
    const key = (e: EventMessage) => [BigInt(e.transaction_id), BigInt(e.global_position)] as const;
    for (let i = 1; i < seen.length; i++) {
      const [ta, pa] = key(seen[i - 1]);
      const [tb, pb] = key(seen[i]);
      expect(ta < tb || (ta === tb && pa < pb)).toBe(true);
    }
    expect(seen[0].organization_id).toBe(ORG);

    // The relay shuts down gracefully on SIGTERM.
    expect(await relay.stop('SIGTERM')).toBe(0);
    relay = undefined;
  }, 300_000);
});
