import { randomUUID } from 'node:crypto';
import { StreamOwnershipError, VersionConflictError } from './errors';
import { EventStore } from './event-store.port';
import { executeOptimistically, StreamDecider } from './optimistic-command';
import { PostgresEventStore } from './postgres-event-store';
import { PgliteDatabase } from './sql/pglite-database';

type Added = { type: 'added'; data: { n: number } };
class TooMuch extends Error {}

/** A counter that may not pass 3; adding 0 changes nothing. */
const COUNTER: StreamDecider<number, number, Added> = {
  fold: (events) => events.reduce((sum, e) => sum + e.data.n, 0),
  decide: (total, n) => {
    if (total + n > 3) throw new TooMuch(`${total} + ${n} is more than 3`);
    return n === 0 ? [] : [{ type: 'added', data: { n } }];
  },
};
const ORG = 'org-a';

describe('executeOptimistically (PGlite)', () => {
  let db: PgliteDatabase;
  let store: PostgresEventStore;
  let streamId: string;
  const read = async () => (await store.readStream(streamId, { organizationId: ORG })).events.map((e) => [e.data, e.metadata]);
  const other = () => store.append(streamId, [{ type: 'added', data: { n: 0 } }], { organizationId: ORG });

  /** The store, with another writer appending to the stream right after each of the first `times` reads. */
  const raced = (times: number, write = other): Pick<EventStore, 'readStream' | 'append'> => ({
    readStream: async (...args) => {
      const result = await store.readStream(...args);
      if (times-- > 0) await write();
      return result;
    },
    append: (...args) => store.append(...args),
  });

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    store = new PostgresEventStore(db);
    await store.migrate();
  });
  beforeEach(() => {
    streamId = `counter-${randomUUID()}`;
  });
  afterAll(() => db?.close());

  it('appends what the command decided, with the metadata; nothing when it decided nothing', async () => {
    await expect(executeOptimistically(store, COUNTER, 2, { organizationId: ORG, streamId, metadata: { command: 'add' } })).resolves.toEqual([
      { type: 'added', data: { n: 2 } },
    ]);
    await expect(executeOptimistically(store, COUNTER, 0, { organizationId: ORG, streamId })).resolves.toEqual([]);
    expect(await read()).toEqual([[{ n: 2 }, { command: 'add' }]]);
  });

  it('decides again on what another writer appended first', async () => {
    const addOne = () => store.append(streamId, [{ type: 'added', data: { n: 1 } }], { organizationId: ORG });
    await executeOptimistically(store, COUNTER, 1, { organizationId: ORG, streamId });
    // At its read 1 + 1 passes; the other writer's 1 makes it 2, and 2 + 1 still passes.
    await expect(executeOptimistically(raced(1, addOne), COUNTER, 1, { organizationId: ORG, streamId })).resolves.toEqual([{ type: 'added', data: { n: 1 } }]);
    // Now 3: at its read 2 + 1 would have passed, but decided again on 3 it breaks the rule.
    await store.append(streamId, [{ type: 'added', data: { n: -1 } }], { organizationId: ORG });
    await expect(executeOptimistically(raced(1, addOne), COUNTER, 1, { organizationId: ORG, streamId })).rejects.toBeInstanceOf(TooMuch);
    expect((await read()).map(([data]) => data)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }, { n: -1 }, { n: 1 }]);
  });

  it('tries 8 times: wins on the 8th, gives up with the conflict when that one loses too', async () => {
    await expect(executeOptimistically(raced(7), COUNTER, 1, { organizationId: ORG, streamId })).resolves.toHaveLength(1);
    await expect(executeOptimistically(raced(8), COUNTER, 1, { organizationId: ORG, streamId })).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('throws what mapError makes of a rule error or of a stream of another organization', async () => {
    const mapError = (e: unknown) => new Error(e instanceof TooMuch ? 'rule' : e instanceof StreamOwnershipError ? 'ownership' : 'other');
    await expect(executeOptimistically(store, COUNTER, 4, { organizationId: ORG, streamId, mapError })).rejects.toThrow('rule');
    await expect(executeOptimistically(store, COUNTER, 4, { organizationId: ORG, streamId })).rejects.toBeInstanceOf(TooMuch);
    await executeOptimistically(store, COUNTER, 1, { organizationId: ORG, streamId });
    await expect(executeOptimistically(store, COUNTER, 1, { organizationId: 'org-b', streamId, mapError })).rejects.toThrow('ownership');
  });
});
