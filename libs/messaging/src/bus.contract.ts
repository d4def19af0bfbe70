import { randomBytes } from 'node:crypto';
import { sleep, waitFor } from '@switchboard/testing';
import { Bus, BusTimeoutError, NoRespondersError, RemoteError } from './bus.port';
import { ContractContext, describeEventStreamContract } from './event-stream.contract';

/**
 * Makes a fresh bus whose event stream holds `${subjectPrefix}.>` and nothing else,
 * so that every test sees an empty stream of its own.
 */
export type BusFactory = (subjectPrefix: string) => Promise<Bus>;

const token = (): string => randomBytes(5).toString('hex');
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);

/** Gives messages already published time to arrive, so that a missing one is really missing. */
async function settle(bus: Bus): Promise<void> {
  await bus.ping();
  await sleep(50);
}

/**
 * The behaviour every bus adapter owes its users. Each test gets a new bus (drained
 * afterwards), its own stream subjects (`t<token>.…`) and its own core subjects
 * (`c<token>.…`, outside the stream).
 */
export function describeBusContract(name: string, makeBus: BusFactory): void {
  describe(`${name} honours the bus contract`, () => {
    const context = {} as ContractContext & { core: string };
    const subject = (rest: string): string => `${context.core}.${rest}`;

    beforeEach(async () => {
      const id = token();
      context.prefix = `t${id}`;
      context.core = `c${id}`;
      context.bus = await makeBus(context.prefix);
    });

    afterEach(() => context.bus.drain());

    describe('request/reply', () => {
      it('delivers the request to the server and its reply to the requester', async () => {
        const { bus } = context;
        bus.serve(subject('echo'), async (payload, actual) => ({ payload, subject: actual }));
        bus.serve(subject('nothing'), () => undefined);

        await expect(bus.request(subject('echo'), { n: 1, tags: ['a'] })).resolves.toEqual({
          payload: { n: 1, tags: ['a'] },
          subject: subject('echo'),
        });
        await expect(bus.request(subject('nothing'), null)).resolves.toBeUndefined();
      });

      it('rejects with BusTimeoutError when the reply is late', async () => {
        const { bus } = context;
        bus.serve(subject('slow'), () => sleep(300).then(() => 'late'));

        const started = Date.now();
        const error = await bus.request(subject('slow'), {}, { timeoutMs: 50 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BusTimeoutError);
        expect(error).toMatchObject({ type: 'request_timeout' });
        expect(Date.now() - started).toBeLessThan(300);
      });

      it('rejects with NoRespondersError at once when nobody serves the subject', async () => {
        const started = Date.now();
        const error = await context.bus.request(subject('nobody'), {}, { timeoutMs: 3000 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NoRespondersError);
        expect(error).toMatchObject({ type: 'service_unavailable' });
        expect(Date.now() - started).toBeLessThan(1000);
      });

      it("rejects with RemoteError carrying the server's error type and message", async () => {
        const { bus } = context;
        bus.serve(subject('typed'), () => {
          throw Object.assign(new Error('nope'), { type: 'not_found' });
        });
        bus.serve(subject('untyped'), async () => {
          throw new Error('broken');
        });

        const typed = await bus.request(subject('typed'), {}).catch((e: unknown) => e);
        expect(typed).toBeInstanceOf(RemoteError);
        expect(typed).toMatchObject({ type: 'not_found', message: 'nope' });
        const untyped = await bus.request(subject('untyped'), {}).catch((e: unknown) => e);
        expect(untyped).toBeInstanceOf(RemoteError);
        expect(untyped).toMatchObject({ type: 'internal', message: 'broken' });
      });

      it('spreads requests over the servers of a queue group, each handled once', async () => {
        const { bus } = context;
        const handled: Record<'a' | 'b', number[]> = { a: [], b: [] };
        for (const who of ['a', 'b'] as const) {
          bus.serve(
            subject('work'),
            (payload) => {
              handled[who].push(payload as number);
              return who;
            },
            { queue: 'workers' },
          );
        }

        const replies = await Promise.all(range(20).map((i) => bus.request(subject('work'), i)));

        expect(ascending([...handled.a, ...handled.b])).toEqual(range(20));
        expect(handled.a.length).toBeGreaterThan(0);
        expect(handled.b.length).toBeGreaterThan(0);
        expect(replies.filter((r) => r === 'a')).toHaveLength(handled.a.length);
      });

      it('never shares payload objects between requester and server', async () => {
        const { bus } = context;
        bus.serve(subject('mutate'), (payload) => {
          (payload as { list: number[] }).list.push(2);
          return payload;
        });

        const sent = { list: [1] };
        await expect(bus.request(subject('mutate'), sent)).resolves.toEqual({ list: [1, 2] });
        expect(sent).toEqual({ list: [1] });
      });
    });

    describe('publish/subscribe', () => {
      it('matches * to one token and > to the rest, and skips other subjects', async () => {
        const { bus } = context;
        const got: string[] = [];
        bus.subscribe(subject('*.created'), (_, actual) => got.push(`one ${actual}`));
        bus.subscribe(subject('orders.>'), (_, actual) => got.push(`rest ${actual}`));

        for (const rest of ['orders.created', 'orders.eu.created', 'users.created', 'orders', 'users.deleted']) {
          bus.publish(subject(rest), rest);
        }
        await waitFor(() => got.length >= 4);
        await settle(bus);

        expect(got.sort()).toEqual(
          [
            `one ${subject('orders.created')}`,
            `rest ${subject('orders.created')}`,
            `rest ${subject('orders.eu.created')}`,
            `one ${subject('users.created')}`,
          ].sort(),
        );
      });

      it("delivers a publisher's messages in order, after publish() has returned", async () => {
        const { bus } = context;
        const got: unknown[] = [];
        let publishing = false;
        let ranDuringPublish = false;
        bus.subscribe(subject('seq'), (payload) => {
          ranDuringPublish ||= publishing;
          got.push(payload);
        });

        for (const i of range(20)) {
          publishing = true;
          bus.publish(subject('seq'), { i });
          publishing = false;
        }
        await waitFor(() => got.length === 20);

        expect(got).toEqual(range(20).map((i) => ({ i })));
        expect(ranDuringPublish).toBe(false);
      });

      it('gives each message to one member of a queue group and to every plain subscriber', async () => {
        const { bus } = context;
        const a: number[] = [];
        const b: number[] = [];
        const all: number[] = [];
        bus.subscribe(subject('jobs'), (p) => a.push(p as number), { queue: 'q' });
        bus.subscribe(subject('jobs'), (p) => b.push(p as number), { queue: 'q' });
        bus.subscribe(subject('jobs'), (p) => all.push(p as number));

        for (const i of range(20)) bus.publish(subject('jobs'), i);
        await waitFor(() => all.length === 20 && a.length + b.length === 20);
        await settle(bus);

        expect(ascending([...a, ...b])).toEqual(range(20));
        expect(a.length).toBeGreaterThan(0);
        expect(b.length).toBeGreaterThan(0);
        expect(all).toHaveLength(20);
      });

      it('never shares payload objects between publisher and subscribers', async () => {
        const { bus } = context;
        const seen: unknown[] = [];
        bus.subscribe(subject('shared'), (payload) => {
          (payload as { tags: string[] }).tags.push('mutated');
        });
        bus.subscribe(subject('shared'), (payload) => {
          seen.push(JSON.parse(JSON.stringify(payload)));
        });

        const sent = { tags: ['a'] };
        bus.publish(subject('shared'), sent);
        sent.tags.push('after');
        await waitFor(() => seen.length === 1);
        await settle(bus);

        expect(seen).toEqual([{ tags: ['a'] }]);
        expect(sent).toEqual({ tags: ['a', 'after'] });
      });

      it('stops delivering at unsubscribe()', async () => {
        const { bus } = context;
        const got: unknown[] = [];
        const subscription = bus.subscribe(subject('once'), (payload) => got.push(payload));

        bus.publish(subject('once'), 1);
        await waitFor(() => got.length === 1);
        subscription.unsubscribe();
        bus.publish(subject('once'), 2);
        await settle(bus);

        expect(got).toEqual([1]);
      });
    });

    describeEventStreamContract(context);

    describe('ping and drain', () => {
      it('ping() resolves on a working bus', async () => {
        await expect(context.bus.ping()).resolves.toBeUndefined();
      });

      it('drain() lets an in-flight request handler finish and deliver its reply', async () => {
        const { bus } = context;
        let started = false;
        let finished = false;
        bus.serve(subject('drain'), async () => {
          started = true;
          await sleep(200);
          finished = true;
          return 'done';
        });

        const reply = bus.request(subject('drain'), {}, { timeoutMs: 3000 });
        await waitFor(() => started);
        const drained = bus.drain();

        await expect(reply).resolves.toBe('done');
        await drained;
        expect(finished).toBe(true);
      });

      it('refuses requests and fails ping() once drained', async () => {
        const { bus } = context;
        bus.serve(subject('late'), () => 'too late');
        await bus.drain();

        await expect(bus.request(subject('late'), {}, { timeoutMs: 500 })).rejects.toThrow();
        await expect(bus.ping()).rejects.toThrow();
      });
    });
  });
}
