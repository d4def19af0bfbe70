import { randomBytes } from 'node:crypto';
import { waitFor } from '@switchboard/testing';
import { Bus } from './bus.port';
import { ConsumerObserver } from './consumer-observer';

/** A fresh bus whose stream holds `${subjectPrefix}.>`, reporting to `observer`. */
export type ObservedBusFactory = (subjectPrefix: string, observer: ConsumerObserver) => Promise<Bus>;

/** What every bus adapter tells the metrics about its durable consumers. */
export function describeConsumerObserverContract(name: string, makeBus: ObservedBusFactory): void {
  describe(`${name} reports how its durable consumers keep up`, () => {
    const prefix = `t${randomBytes(5).toString('hex')}`;
    const pending: Array<[string, number]> = [];
    const redelivered: string[] = [];
    let bus: Bus;

    beforeAll(async () => {
      bus = await makeBus(prefix, {
        pending: (durable, count) => pending.push([durable, count]),
        redelivered: (durable) => redelivered.push(durable),
      });
      await bus.events.ensure();
    });
    afterAll(() => bus.drain());

    it('reports the entries not handled yet when it starts, and each redelivery after a failure', async () => {
      for (const n of [1, 2, 3]) await bus.events.publish({ subject: `${prefix}.e`, id: `e${n}`, payload: n });
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const handled: number[] = [];
      let failedOnce = false;
      const consumer = await bus.events.consume(
        'observed',
        async (entry) => {
          await released;
          if (entry.payload === 2 && !failedOnce) {
            failedOnce = true;
            throw new Error('first attempt fails');
          }
          handled.push(entry.payload as number);
        },
        { retryDelayMs: 10 },
      );
      await waitFor(() => pending.some(([durable, count]) => durable === 'observed' && count === 3), 10_000);
      release();
      await waitFor(() => handled.length === 3, 10_000);
      await consumer.stop();
      expect(handled).toEqual([1, 2, 3]);
      // JetStream also counts the entries behind the failed one, released unhandled with it, as redelivered.
      expect(redelivered.length).toBeGreaterThanOrEqual(1);
      expect(new Set(redelivered)).toEqual(new Set(['observed']));

      // Caught up: a consumer of the same durable name starts with nothing pending.
      pending.length = 0;
      const again = await bus.events.consume('observed', async () => undefined);
      await waitFor(() => pending.some(([durable, count]) => durable === 'observed' && count === 0), 10_000);
      await again.stop();
    }, 30_000);
  });
}
