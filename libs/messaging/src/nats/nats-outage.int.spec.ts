import { describeWithNats, TcpForwarder, TEST_NATS_URL, uniqueToken, waitFor } from '@switchboard/testing';
import { StreamEntry } from '../bus.port';
import { BusUnavailableError, isBusConnectionError } from '../connection-errors';
import { NatsBus } from './nats-bus';

describeWithNats('NatsBus across a lost connection', () => {
  let forwarder: TcpForwarder;
  let bus: NatsBus;
  const prefix = `out${uniqueToken()}`;

  beforeAll(async () => {
    forwarder = await TcpForwarder.forUrl(TEST_NATS_URL, 4222);
    bus = await NatsBus.connect({
      servers: forwarder.rewrite(TEST_NATS_URL),
      name: 'outage-tests',
      streamName: `OUT${uniqueToken()}`,
      subjectPrefix: prefix,
      onError: () => undefined,
    });
    await bus.events.ensure();
  });
  afterAll(async () => {
    await bus?.deleteStream().catch(() => undefined);
    await bus?.drain();
    await forwarder?.close();
  });

  const publish = (n: number) => bus.events.publish({ subject: `${prefix}.t.${n}`, id: `m-${prefix}-${n}`, payload: { n } });

  it('fails requests and publishes at once while NATS is away, is not ready, and works again once it is back', async () => {
    await publish(1);
    const cut = forwarder.cut(1500);
    await waitFor(async () => (await bus.ping().then(() => false, () => true)));

    // Fail fast (not a 5 s timeout) with an error classified as an outage.
    for (const attempt of [publish(2), bus.events.last(), bus.request(`${prefix}.nobody`, {})]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BusUnavailableError);
      expect(isBusConnectionError(error)).toBe(true);
    }

    await cut;
    await waitFor(() => bus.ping().then(() => true), 15_000, 50);
    await expect(publish(3)).resolves.toMatchObject({ duplicate: false });
    await expect(bus.events.last()).resolves.toMatchObject({ payload: { n: 3 } });
  }, 30_000);

  it('keeps a durable consumer going across the outage: every entry is handled afterwards', async () => {
    const seen: number[] = [];
    const consumer = await bus.events.consume(
      `outage_${uniqueToken()}`,
      async (entry: StreamEntry) => {
        seen.push((entry.payload as { n: number }).n);
      },
      { ackWaitMs: 2000, retryDelayMs: 100 },
    );
    try {
      for (let n = 10; n < 20; n++) await publish(n);
      await waitFor(() => seen.includes(19));
      await forwarder.cut(1500);
      await waitFor(() => bus.ping().then(() => true), 15_000, 50);
      for (let n = 20; n < 30; n++) await publish(n);
      await waitFor(() => seen.includes(29), 15_000);
      expect(new Set(seen)).toEqual(new Set([1, 3, ...Array.from({ length: 20 }, (_, i) => 10 + i)]));
    } finally {
      await consumer.stop();
    }
  }, 30_000);
});
