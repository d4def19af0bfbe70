import { EventMessage, PgliteDatabase, PostgresEventStore } from '@switchboard/event-store';
import { InProcessBus, StreamEntry } from '@switchboard/messaging';
import { waitFor } from '@switchboard/testing';
import { EventRelay } from './event-relay';

const ORG = 'org-1';

describe('event relay (PGlite + in-process bus, as in the embedded mode)', () => {
  let db: PgliteDatabase;
  let store: PostgresEventStore;
  let bus: InProcessBus;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    store = new PostgresEventStore(db);
    await store.migrate();
    bus = new InProcessBus();
  });
  afterEach(async () => {
    await bus.drain();
    await db.close();
  });

  const entries = async (): Promise<StreamEntry[]> => {
    const seen: StreamEntry[] = [];
    const consumer = await bus.events.consume(`check-${Math.random()}`, async (entry) => {
      seen.push(entry);
    });
    const last = await bus.events.last();
    await waitFor(() => seen.length >= (last?.sequence ?? 0), 5000);
    await consumer.stop();
    return seen;
  };

  it('publishes committed events in commit order with the event id as message id and subject evt.<org>.<type>.<id>', async () => {
    await store.append('chat-A', [{ type: 'a1', data: 1 }, { type: 'a2', data: 2 }], { organizationId: ORG });
    await store.append('agent-jo@example.com', [{ type: 'b1', data: 3 }], { organizationId: ORG });
    const relay = new EventRelay(store, bus.events, { subjectPrefix: 'evt' });
    await relay.start();
    await waitFor(() => relay.status().published === 3);
    await relay.stop();

    const seen = await entries();
    expect(seen.map((e) => e.subject)).toEqual(['evt.org-1.chat.A', 'evt.org-1.chat.A', 'evt.org-1.agent.jo%40example%2Ecom']);
    const messages = seen.map((e) => e.payload as EventMessage);
    expect(messages.map((m) => m.type)).toEqual(['a1', 'a2', 'b1']);
    expect(seen.map((e) => e.id)).toEqual(messages.map((m) => m.event_id));
    expect(messages[0]).toMatchObject({ stream_id: 'chat-A', stream_version: 1, organization_id: ORG, data: 1 });
  });

  it('tells its observer how many events it published and how long after their commit', async () => {
    const published: Array<[number, number]> = [];
    const relay = new EventRelay(store, bus.events, {
      subjectPrefix: 'evt',
      observer: { published: (count, lagSeconds) => published.push([count, lagSeconds]) },
    });
    await relay.start();
    await store.append('chat-L', [{ type: 'l1', data: 1 }, { type: 'l2', data: 2 }], { organizationId: ORG });
    await waitFor(() => relay.status().published === 2);
    await relay.stop();
    expect(published.reduce((sum, [count]) => sum + count, 0)).toBe(2);
    for (const [, lag] of published) expect(Number.isFinite(lag) && lag >= 0).toBe(true);
  });

  it('picks up new commits promptly without polling delays', async () => {
    const relay = new EventRelay(store, bus.events, { subjectPrefix: 'evt', pollIntervalMs: 60_000 });
    await relay.start();
    await store.append('chat-L', [{ type: 'late', data: null }], { organizationId: ORG });
    await waitFor(() => relay.status().published === 1, 2000);
    await relay.stop();
  });

  it('on a volatile (in-process) stream, starts at the end of the log: a restarted embedded server does not push history again', async () => {
    await store.append('chat-H', [{ type: 'history', data: 1 }], { organizationId: ORG });
    const relay = new EventRelay(store, bus.events, { subjectPrefix: 'evt', streamIsVolatile: true });
    await relay.start();
    await store.append('chat-H', [{ type: 'live', data: 2 }], { organizationId: ORG });
    await waitFor(() => relay.status().published === 1);
    await relay.stop();
    expect((await entries()).map((e) => (e.payload as EventMessage).type)).toEqual(['live']);
  });

  it('resumes after a restart from the stream, publishing each event once', async () => {
    const first = new EventRelay(store, bus.events, { subjectPrefix: 'evt' });
    await store.append('chat-R', [{ type: 'one', data: 1 }], { organizationId: ORG });
    await first.start();
    await waitFor(() => first.status().published === 1);
    await first.stop();

    await store.append('chat-R', [{ type: 'two', data: 2 }], { organizationId: ORG });
    const second = new EventRelay(store, bus.events, { subjectPrefix: 'evt' });
    await second.start();
    await waitFor(() => second.status().published === 1);
    await second.stop();

    expect((await entries()).map((e) => (e.payload as EventMessage).type)).toEqual(['one', 'two']);
  });

  it('alone on its database, takes each commit from the store without reading the log, in commit order, each event once', async () => {
    const alone = new PostgresEventStore(db, [], undefined, { exclusiveWriter: true });
    await alone.append('chat-E', [{ type: 'before', data: 0 }], { organizationId: ORG });
    const reads = jest.spyOn(alone, 'readLog');
    const relay = new EventRelay(alone, bus.events, { subjectPrefix: 'evt', pollIntervalMs: 60_000 });
    await relay.start();
    await waitFor(() => relay.status().published === 1);
    const readsWhenCaughtUp = reads.mock.calls.length;

    // 60 commands at once: group-committed in a few transactions, handed over one commit after another.
    const streams = ['chat-E', 'chat-F', 'chat-G'];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => alone.append(streams[i % 3], [{ type: 'n', data: i }], { organizationId: ORG })),
    );
    await waitFor(() => relay.status().published === 61);
    await relay.stop();
    expect(reads.mock.calls.length).toBe(readsWhenCaughtUp);

    const messages = (await entries()).map((e) => e.payload as EventMessage);
    expect(messages.map((m) => m.event_id)).toHaveLength(new Set(messages.map((m) => m.event_id)).size);
    for (const stream of streams) {
      const versions = messages.filter((m) => m.stream_id === stream).map((m) => m.stream_version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
    expect(messages).toHaveLength(61);
  });
});
