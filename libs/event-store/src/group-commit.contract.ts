import { randomUUID } from 'node:crypto';
import { VersionConflictError } from './errors';
import type { EventStoreHarness } from './event-store.contract';
import { InlineProjection, RecordedEvent } from './event-store.port';
import { PostgresEventStore } from './postgres-event-store';

const ORG = 'org-a';
const uid = (): string => randomUUID().slice(0, 8);

/** A command that holds the store's only transaction until `release` is called, so the next commands queue up into one batch. */
function occupy(store: PostgresEventStore): { release: () => void; done: Promise<unknown> } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const done = store.decideAndAppend(`chat-${uid()}`, ORG, async () => {
    await held;
    return { events: [{ type: 'blocker', data: null }], result: undefined };
  });
  return { release, done };
}

const transactionOf = (events: RecordedEvent[]) => events[0].transactionId;

/**
 * Group commit, for every adapter: what batching must never change. `open`
 * gives a migrated store on an empty database. `canTerminateConnections`: the
 * database is a server whose connection can be killed mid-transaction.
 */
export function describeGroupCommitContract(
  name: string,
  open: () => Promise<EventStoreHarness>,
  close: (harness: EventStoreHarness) => Promise<void>,
  options: { canTerminateConnections: boolean },
): void {
  describe(`EventStore group commit: ${name}`, () => {
    let harness: EventStoreHarness;
    /** One transaction at a time: what arrives meanwhile forms the next batch. */
    const batching = (projections: InlineProjection[] = []) =>
      new PostgresEventStore(harness.db, projections, undefined, { maxTransactions: 1, maxBatch: 64 });
    const versionOf = async (stream: string) => (await harness.store.readStream(stream, { organizationId: ORG })).version;

    beforeAll(async () => {
      harness = await open();
    });
    afterAll(async () => harness && close(harness));

    it('commits commands to interleaved streams together while keeping each stream in order', async () => {
      const store = batching();
      const streams = Array.from({ length: 5 }, () => `chat-${uid()}`);
      const appends: Array<Promise<{ events: RecordedEvent[] }>> = [];
      for (let round = 1; round <= 20; round++) {
        for (const stream of streams) appends.push(store.append(stream, [{ type: 'n', data: round }], { organizationId: ORG }));
      }
      const results = await Promise.all(appends);
      for (const stream of streams) {
        const read = await harness.store.readStream(stream, { organizationId: ORG });
        expect(read.events.map((e) => e.data)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      }
      // 100 commands in far fewer transactions, each holding several streams.
      const transactions = new Set(results.map((r) => transactionOf(r.events)));
      expect(transactions.size).toBeLessThan(50);
    });

    it('gives a command whose decision fails its own error and commits its neighbours in the same transaction', async () => {
      const store = batching();
      const blocker = occupy(store);
      const streams = Array.from({ length: 6 }, () => `chat-${uid()}`);
      const commands = streams.map((stream, i) =>
        store.decideAndAppend(stream, ORG, async (tx) => {
          await tx.query('SELECT 1');
          if (i === 3) throw new Error('refused by the decider');
          return { events: [{ type: 'ok', data: i }], result: i };
        }),
      );
      blocker.release();
      const settled = await Promise.allSettled(commands);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((settled[3] as PromiseRejectedResult).reason).toEqual(new Error('refused by the decider'));
      expect(await versionOf(streams[3])).toBe(0);
      const transactions = new Set<bigint>();
      for (const stream of streams.filter((_, i) => i !== 3)) {
        const read = await harness.store.readStream(stream, { organizationId: ORG });
        expect(read.events).toHaveLength(1);
        transactions.add(read.events[0].transactionId);
      }
      expect(transactions.size).toBe(1);
    });

    it('rejects a stale expected version inside a batch without touching the other commands', async () => {
      const store = batching();
      const streams = Array.from({ length: 4 }, () => `agent-${uid()}`);
      for (const stream of streams) await store.append(stream, [{ type: 'created', data: null }], { organizationId: ORG });
      const blocker = occupy(store);
      const appends = streams.map((stream, i) =>
        store.append(stream, [{ type: 'changed', data: i }], { organizationId: ORG, expectedVersion: i === 2 ? 0 : 1 }),
      );
      // Two commands expecting the same version of one stream: the first wins, the second conflicts.
      const twin = store.append(streams[0], [{ type: 'changed', data: 'twin' }], { organizationId: ORG, expectedVersion: 1 });
      blocker.release();
      const settled = await Promise.allSettled([...appends, twin]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
      expect((settled[4] as PromiseRejectedResult).reason).toMatchObject({ actualVersion: 2 });
      expect(await Promise.all(streams.map(versionOf))).toEqual([2, 2, 1, 2]);
      const committed = settled.filter((s) => s.status === 'fulfilled') as Array<PromiseFulfilledResult<{ events: RecordedEvent[] }>>;
      expect(new Set(committed.map((s) => transactionOf(s.value.events))).size).toBe(1);
    });

    it('when a write inside a batch fails, runs each command again alone so only the faulty one fails', async () => {
      const store = batching([
        {
          name: 'picky',
          eventTypes: ['poison'],
          async apply() {
            throw new Error('projection failed');
          },
        },
      ]);
      const reused = randomUUID();
      await store.append(`chat-${uid()}`, [{ type: 'first', data: null, id: reused }], { organizationId: ORG });
      const blocker = occupy(store);
      const streams = Array.from({ length: 5 }, () => `chat-${uid()}`);
      const events = [
        { type: 'fine', data: 0 },
        { type: 'poison', data: 1 },
        { type: 'fine', data: 2 },
        { type: 'fine', data: 3, id: reused },
        { type: 'fine', data: 4 },
      ];
      const appends = streams.map((stream, i) => store.append(stream, [events[i]], { organizationId: ORG }));
      blocker.release();
      const settled = await Promise.allSettled(appends);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('projection failed'));
      expect(await Promise.all(streams.map(versionOf))).toEqual([1, 0, 1, 0, 1]);
    });

    if (options.canTerminateConnections) {
      it('loses nothing acknowledged and shows nothing half-written when the connection dies in the middle of a batch', async () => {
        const store = batching([
          {
            name: 'crash',
            eventTypes: ['crash'],
            async apply(_events, tx) {
              await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
            },
          },
        ]);
        const acknowledged = `chat-${uid()}`;
        await store.append(acknowledged, [{ type: 'kept', data: null }], { organizationId: ORG });
        const blocker = occupy(store);
        const streams = Array.from({ length: 4 }, () => `chat-${uid()}`);
        const appends = streams.map((stream, i) =>
          store.append(stream, [{ type: i === 2 ? 'crash' : 'lost', data: i }], { organizationId: ORG }),
        );
        blocker.release();
        await blocker.done;
        const settled = await Promise.allSettled(appends);
        // The outcome of a transaction whose connection died is unknown to the caller: every command of it fails.
        expect(settled.every((s) => s.status === 'rejected')).toBe(true);
        expect(await Promise.all(streams.map(versionOf))).toEqual([0, 0, 0, 0]);
        expect(await versionOf(acknowledged)).toBe(1);
        // The store goes on with a fresh connection.
        await expect(store.append(streams[0], [{ type: 'after', data: null }], { organizationId: ORG })).resolves.toMatchObject({
          nextExpectedVersion: 1,
        });
      });
    }
  });
}
