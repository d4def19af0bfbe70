import { randomBytes } from 'node:crypto';
import { sleep, waitFor } from '@switchboard/testing';
import { Bus, ConsumeOptions, DurableConsumer, ExpectedSequenceError, FollowedEntry, NoRespondersError, StreamEntry } from './bus.port';

/** Filled in by the bus contract's beforeEach: the test's bus and its stream's subject prefix. */
export interface ContractContext {
  bus: Bus;
  prefix: string;
}

/** Short enough for a fast suite; ackWait stays above the NATS adapter's 1 s pulls. */
const OPTIONS: ConsumeOptions = { ackWaitMs: 5000, retryDelayMs: 300 };

const token = (): string => randomBytes(5).toString('hex');

/** Part of the bus contract (see bus.contract.ts): the durable event stream. */
export function describeEventStreamContract(context: ContractContext): void {
  describe('event stream', () => {
    const events = () => context.bus.events;
    const subject = (rest: string): string => `${context.prefix}.${rest}`;
    const publish = (rest: string, id: string, payload: unknown = { id }) =>
      events().publish({ subject: subject(rest), id, payload });
    const publishMany = async (...rests: string[]): Promise<void> => {
      for (const [i, rest] of rests.entries()) await publish(rest, `e${i + 1}-${token()}`, { n: i + 1 });
    };

    /** Runs a consumer that records what it is handed; `fail` decides whether a handler call throws. */
    async function record(
      durableName: string,
      options: ConsumeOptions = {},
      fail: (entry: StreamEntry) => boolean = () => false,
    ): Promise<{ seen: StreamEntry[]; at: number[]; consumer: DurableConsumer }> {
      const seen: StreamEntry[] = [];
      const at: number[] = [];
      const consumer = await events().consume(
        durableName,
        async (entry) => {
          seen.push(entry);
          at.push(Date.now());
          if (fail(entry)) throw new Error(`failing ${entry.sequence}`);
        },
        { ...OPTIONS, ...options },
      );
      return { seen, at, consumer };
    }
    const sequences = (entries: Array<{ sequence: number }>): number[] => entries.map((e) => e.sequence);

    beforeEach(() => events().ensure());

    it('ensure() is idempotent', async () => {
      await events().ensure();
      await expect(publish('a', 'only')).resolves.toEqual({ sequence: 1, duplicate: false });
      await events().ensure();
      await expect(events().last()).resolves.toMatchObject({ sequence: 1, id: 'only' });
    });

    it('numbers entries 1, 2, 3…', async () => {
      const acks = [await publish('a', 'x1'), await publish('b', 'x2'), await publish('a.deep', 'x3')];
      expect(acks).toEqual([1, 2, 3].map((sequence) => ({ sequence, duplicate: false })));
    });

    it('acknowledges a second publish with the same id as a duplicate and does not store it', async () => {
      await publish('a', 'first');
      await publish('a', 'second');

      await expect(publish('b', 'first', { other: true })).resolves.toEqual({ sequence: 1, duplicate: true });
      await expect(events().last()).resolves.toMatchObject({ sequence: 2, id: 'second' });
    });

    it('rejects with ExpectedSequenceError, storing nothing, when the last sequence differs', async () => {
      const append = (id: string, expectedLastSequence: number) =>
        events().publish({ subject: subject('a'), id, payload: id }, { expectedLastSequence });

      await expect(append('one', 0)).resolves.toEqual({ sequence: 1, duplicate: false });
      await expect(append('two', 0)).rejects.toBeInstanceOf(ExpectedSequenceError);
      await expect(events().last()).resolves.toMatchObject({ sequence: 1, id: 'one' });
      await expect(append('two', 1)).resolves.toEqual({ sequence: 2, duplicate: false });
      // A republished entry is a duplicate even though the expectation no longer holds.
      await expect(append('one', 0)).resolves.toEqual({ sequence: 1, duplicate: true });
    });

    it('last() is undefined on an empty stream, then the last entry with its id, headers and payload', async () => {
      await expect(events().last()).resolves.toBeUndefined();
      await publish('a', 'before');
      await events().publish({
        subject: subject('chat.42'),
        id: 'evt-42',
        payload: { text: 'hi', at: [1, 2] },
        headers: { 'Sb-Position': '7' },
      });

      await expect(events().last()).resolves.toEqual({
        sequence: 2,
        subject: subject('chat.42'),
        id: 'evt-42',
        payload: { text: 'hi', at: [1, 2] },
        headers: { 'Sb-Position': '7' },
        deliveryCount: 0,
      });
    });

    it('rejects with NoRespondersError a subject outside the stream', async () => {
      await expect(
        events().publish({ subject: `${context.prefix}-outside.a`, id: 'lost', payload: 1 }),
      ).rejects.toBeInstanceOf(NoRespondersError);
    });

    it('lets core subscribers of the subject see stream publishes', async () => {
      const got: unknown[] = [];
      context.bus.subscribe(subject('chat.*'), (payload) => got.push(payload));
      await publish('chat.1', 'seen', { hello: 1 });
      await waitFor(() => got.length === 1);
      expect(got).toEqual([{ hello: 1 }]);
    });

    it('hands a durable consumer every entry in order, including later ones', async () => {
      await publishMany('orders.1', 'users.1', 'orders.2');
      const { seen, consumer } = await record(`all-${token()}`);
      await waitFor(() => seen.length === 3);
      await publishMany('users.2', 'orders.3');
      await waitFor(() => seen.length === 5);
      await consumer.stop();

      expect(sequences(seen)).toEqual([1, 2, 3, 4, 5]);
      expect(seen.map((e) => e.deliveryCount)).toEqual([1, 1, 1, 1, 1]);
      expect(seen[1]).toMatchObject({ subject: subject('users.1'), payload: { n: 2 }, headers: {} });
      expect(seen[1].id).toMatch(/^e2-/);
    });

    it('hands a filtered consumer only the matching entries', async () => {
      await publishMany('orders.1', 'users.1', 'orders.2');
      const { seen, consumer } = await record(`orders-${token()}`, { filterSubject: subject('orders.*') });
      await waitFor(() => seen.length === 2);
      await publish('users.2', `u2-${token()}`);
      await publish('orders.3', `o3-${token()}`);
      await waitFor(() => seen.length === 3);
      await quietPeriod();
      await consumer.stop();

      expect(sequences(seen)).toEqual([1, 3, 5]);
    });

    it('with maxAckPending 1, replicas sharing a consumer take one entry at a time, in stream order, each once', async () => {
      await publishMany('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
      const name = `turns-${token()}`;
      const handled: Array<{ replica: number; sequence: number }> = [];
      let inFlight = 0;
      let overlapped = false;
      const replica = (n: number) =>
        events().consume(
          name,
          async (entry) => {
            inFlight++;
            overlapped ||= inFlight > 1;
            await sleep(5);
            handled.push({ replica: n, sequence: entry.sequence });
            inFlight--;
          },
          { ...OPTIONS, maxAckPending: 1 },
        );
      // The in-process stream serves one process: a second consumer of the same name is refused there.
      const consumers = [await replica(1), ...(await replica(2).then((c) => [c], () => []))];
      await publishMany('i', 'j', 'k', 'l');
      await waitFor(() => handled.length >= 12);
      await quietPeriod();
      await Promise.all(consumers.map((c) => c.stop()));
      expect(sequences(handled)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(overlapped).toBe(false);
    });

    it('redelivers a failed entry after retryDelayMs, before any later entry, skipping nothing', async () => {
      await publishMany('a', 'b', 'c', 'd');
      let failures = 0;
      const { seen, at, consumer } = await record(`retry-${token()}`, {}, (entry) => {
        if (entry.sequence !== 2 || failures > 0) return false;
        failures += 1;
        return true;
      });
      await waitFor(() => failures === 1);
      await publishMany('e');
      await waitFor(() => seen.length === 6);
      await quietPeriod();
      await consumer.stop();

      expect(sequences(seen)).toEqual([1, 2, 2, 3, 4, 5]);
      expect(seen[1].deliveryCount).toBe(1);
      expect(seen[2]).toMatchObject({ sequence: 2, deliveryCount: 2, id: seen[1].id, payload: seen[1].payload });
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(OPTIONS.retryDelayMs! - 20);
    });

    it('hands a batch consumer what arrived while it was busy, in stream order, at most maxBatch at a time', async () => {
      const batches: number[][] = [];
      let release!: () => void;
      const busy = new Promise<void>((resolve) => (release = resolve));
      const consumer = await events().consumeBatches(
        `batches-${token()}`,
        async (entries) => {
          batches.push(sequences(entries));
          if (batches.length === 1) await busy;
        },
        { ...OPTIONS, maxBatch: 4, maxAckPending: 64 },
      );
      await publishMany('a');
      await waitFor(() => batches.length === 1);
      // Published while the first batch is being handled: they come in batches of at most 4.
      await publishMany('b', 'c', 'd', 'e', 'f', 'g', 'h');
      await waitFor(async () => (await events().last())?.sequence === 8);
      await sleep(200);
      release();
      await waitFor(() => batches.flat().length === 8);
      await quietPeriod();
      await consumer.stop();

      expect(batches[0]).toEqual([1]);
      expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(Math.max(...batches.map((b) => b.length))).toBe(4);
      expect(batches.length).toBeLessThan(8);
    });

    it('redelivers a failed batch whole, before any later entry, counting the deliveries', async () => {
      await publishMany('a', 'b', 'c', 'd', 'e', 'f');
      const handled: StreamEntry[][] = [];
      let failed = false;
      const consumer = await events().consumeBatches(
        `batch-retry-${token()}`,
        async (entries) => {
          handled.push(entries);
          if (!failed && entries.some((e) => e.sequence === 3)) {
            failed = true;
            throw new Error('failing the batch with 3');
          }
        },
        { ...OPTIONS, maxBatch: 3, maxAckPending: 64 },
      );
      await waitFor(() => handled.flat().filter((e) => e.sequence === 6).length === 1 && failed);
      await quietPeriod();
      await consumer.stop();

      const failedBatch = handled.find((b) => b.some((e) => e.sequence === 3))!;
      const after = handled.slice(handled.indexOf(failedBatch) + 1).flat();
      // Everything of the failed batch comes again, first, and the rest follows in order, once.
      expect(sequences(after).slice(0, failedBatch.length)).toEqual(sequences(failedBatch));
      expect(after.slice(0, failedBatch.length).every((e) => e.deliveryCount === 2)).toBe(true);
      const acknowledged = handled.slice(0, handled.indexOf(failedBatch)).flat();
      expect([...sequences(acknowledged), ...sequences(after)]).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('does not hand out again the entries of a batch handled for longer than the ack wait', async () => {
      await publishMany('a', 'b', 'c');
      const handled: number[] = [];
      const consumer = await events().consumeBatches(
        `slow-${token()}`,
        async (entries) => {
          if (handled.length === 0) await sleep(4000);
          handled.push(...sequences(entries));
        },
        { ...OPTIONS, ackWaitMs: 1500, maxBatch: 2, maxAckPending: 64 },
      );
      await waitFor(() => handled.length >= 3, 15_000);
      await sleep(2000);
      await consumer.stop();
      expect(handled).toEqual([1, 2, 3]);
    }, 30_000);

    it('resumes a durable consumer after its last acknowledged entry', async () => {
      const durable = `resume-${token()}`;
      await publishMany('a', 'b', 'c');
      const first = await record(durable);
      await waitFor(() => first.seen.length === 3);
      await first.consumer.stop();

      await publishMany('d', 'e');
      const second = await record(durable);
      await waitFor(() => second.seen.length === 2);
      await publish('f', `f-${token()}`);
      await waitFor(() => second.seen.length === 3);
      await quietPeriod();
      await second.consumer.stop();

      expect(sequences(first.seen)).toEqual([1, 2, 3]);
      expect(sequences(second.seen)).toEqual([4, 5, 6]);
    });

    it('stop() waits for the in-flight handler, whose entry is then not delivered again', async () => {
      const durable = `inflight-${token()}`;
      await publishMany('a', 'b', 'c');
      const finished: number[] = [];
      let started = false;
      const consumer = await events().consume(
        durable,
        async (entry) => {
          if (entry.sequence === 2) {
            started = true;
            await sleep(200);
          }
          finished.push(entry.sequence);
        },
        OPTIONS,
      );
      await waitFor(() => started);
      await consumer.stop();
      expect(finished).toEqual([1, 2]);

      const resumed = await record(durable);
      await waitFor(() => resumed.seen.length === 1);
      await quietPeriod();
      await resumed.consumer.stop();
      expect(sequences(resumed.seen)).toEqual([3]);
    });

    it('a follower gets every entry published after it started, in order, and none before', async () => {
      await publishMany('before.1', 'before.2');
      const seen: FollowedEntry[] = [];
      const follower = await events().follow((entry) => seen.push(entry));
      expect(follower.lastSequence).toBe(2);
      await publishMany('chat.1', 'agent.1', 'chat.2');
      await waitFor(() => seen.length === 3);
      await quietPeriod();
      await follower.stop();

      expect(sequences(seen)).toEqual([3, 4, 5]);
      expect(seen[0]).toMatchObject({ subject: subject('chat.1'), payload: { n: 1 } });
      expect(follower.lastSequence).toBe(5);
      expect(follower.stalled).toBe(false);
    });

    it('a follower can start after a given sequence, and hands nothing once stopped', async () => {
      await publishMany('a', 'b', 'c');
      const seen: FollowedEntry[] = [];
      const follower = await events().follow((entry) => seen.push(entry), { afterSequence: 1 });
      await waitFor(() => seen.length === 2);
      await follower.stop();
      await publishMany('d');
      await quietPeriod();
      expect(sequences(seen)).toEqual([2, 3]);
    });

    it('a filtered follower gets only the matching entries, in order', async () => {
      const seen: FollowedEntry[] = [];
      const follower = await events().follow((entry) => seen.push(entry), { filterSubject: subject('*.agent.>') });
      await publishMany('o1.chat.1', 'o1.agent.a', 'o2.agent.b', 'o2.customer.c', 'o1.agent.a');
      await waitFor(() => seen.length === 3);
      await quietPeriod();
      await follower.stop();
      expect(seen.map((e) => [e.sequence, e.subject])).toEqual([
        [2, subject('o1.agent.a')],
        [3, subject('o2.agent.b')],
        [5, subject('o1.agent.a')],
      ]);
    });

    it("a follower's failing handler does not stop it", async () => {
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const seen: number[] = [];
      const follower = await events().follow((entry) => {
        seen.push(entry.sequence);
        if (entry.sequence === 1) throw new Error('handler bug');
      });
      await publishMany('a', 'b');
      await waitFor(() => seen.length === 2);
      await follower.stop();
      quiet.mockRestore();
      expect(seen).toEqual([1, 2]);
    });

    it('drain() stops consumers after their in-flight handler', async () => {
      await publishMany('a', 'b');
      const finished: number[] = [];
      let started = false;
      await events().consume(
        `drain-${token()}`,
        async (entry) => {
          started = true;
          await sleep(200);
          finished.push(entry.sequence);
        },
        OPTIONS,
      );
      await waitFor(() => started);
      await context.bus.drain();
      expect(finished).toEqual([1]);
    });
  });
}

/** Long enough for an entry that should not come to show up if it were coming. */
async function quietPeriod(): Promise<void> {
  await sleep(100);
}
