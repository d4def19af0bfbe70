import { connect, DiscardPolicy, NatsConnection, nanos, RetentionPolicy, StorageType } from 'nats';
import { describeWithNats, TEST_NATS_URL, uniqueToken, waitFor } from '@switchboard/testing';
import { describeBusContract } from '../bus.contract';
import { describeConsumerObserverContract } from '../consumer-observer.contract';
import { NatsBus } from './nats-bus';

describeWithNats('NatsBus', () => {
  const streams: string[] = [];
  let admin: NatsConnection;

  const connectBus = (subjectPrefix: string): Promise<NatsBus> => {
    const streamName = `T${uniqueToken()}`;
    streams.push(streamName);
    return NatsBus.connect({ servers: TEST_NATS_URL, name: 'messaging-tests', streamName, subjectPrefix });
  };

  beforeAll(async () => {
    admin = await connect({ servers: TEST_NATS_URL, noAsyncTraces: true });
  });

  afterAll(async () => {
    const jsm = await admin.jetstreamManager();
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined);
    await admin.close();
  });

  describeBusContract('NatsBus', connectBus);
  describeConsumerObserverContract('NatsBus', (subjectPrefix, observer) => {
    const streamName = `T${uniqueToken()}`;
    streams.push(streamName);
    return NatsBus.connect({ servers: TEST_NATS_URL, name: 'messaging-tests', streamName, subjectPrefix, observer });
  });

  describe('JetStream specifics', () => {
    it('ensure() creates the stream as the architecture prescribes, and leaves an existing one alone', async () => {
      const prefix = `t${uniqueToken()}`;
      const bus = await connectBus(prefix);
      const streamName = streams[streams.length - 1];
      const jsm = await admin.jetstreamManager();
      try {
        await bus.events.ensure();
        const { config } = await jsm.streams.info(streamName);
        expect(config).toMatchObject({
          subjects: [`${prefix}.>`],
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          discard: DiscardPolicy.New,
          max_msgs_per_subject: -1,
          duplicate_window: nanos(120000),
        });

        await jsm.streams.update(streamName, { ...config, max_msgs: 1000 });
        await bus.events.ensure();
        await expect(jsm.streams.info(streamName)).resolves.toMatchObject({ config: { max_msgs: 1000 } });
      } finally {
        await bus.drain();
      }
    });

    it('deleteStream() removes the stream, and tolerates a missing one', async () => {
      const bus = await connectBus(`t${uniqueToken()}`);
      const streamName = streams[streams.length - 1];
      const jsm = await admin.jetstreamManager();
      try {
        await bus.events.ensure();
        await bus.deleteStream();
        await expect(jsm.streams.info(streamName)).rejects.toThrow(/stream not found/);
        await expect(bus.deleteStream()).resolves.toBeUndefined();
      } finally {
        await bus.drain();
      }
    });

    it('a follower reads from JetStream what it was never told of: entries missing before a later one, and the last ones', async () => {
      const prefix = `t${uniqueToken()}`;
      const bus = await connectBus(prefix);
      const encode = (n: number) => new TextEncoder().encode(JSON.stringify({ n }));
      try {
        await bus.events.ensure();
        const seen: number[] = [];
        const follower = await bus.events.follow((entry) => seen.push((entry.payload as { n: number }).n));
        // Stored without an announcement (as if the announcement were lost), then one announced normally.
        await admin.jetstream().publish(`${prefix}.a`, encode(1), { msgID: `m1-${prefix}` });
        await admin.jetstream().publish(`${prefix}.a`, encode(2), { msgID: `m2-${prefix}` });
        await bus.events.publish({ subject: `${prefix}.a`, id: `m3-${prefix}`, payload: { n: 3 } });
        await waitFor(() => seen.length === 3);
        expect(seen).toEqual([1, 2, 3]);
        // Unannounced, with nothing after it: found by the periodic comparison with the stream.
        await admin.jetstream().publish(`${prefix}.a`, encode(4), { msgID: `m4-${prefix}` });
        await waitFor(() => seen.length === 4, 20_000);
        expect(seen).toEqual([1, 2, 3, 4]);
        expect(follower.lastSequence).toBe(4);
        await follower.stop();
      } finally {
        await bus.drain();
      }
    }, 30_000);

    it('takes StreamEntry.id from the Nats-Msg-Id header of entries published by others', async () => {
      const prefix = `t${uniqueToken()}`;
      const bus = await connectBus(prefix);
      try {
        await bus.events.ensure();
        await admin.jetstream().publish(`${prefix}.x`, new TextEncoder().encode('{"a":1}'), { msgID: 'foreign-1' });
        await expect(bus.events.last()).resolves.toMatchObject({ id: 'foreign-1', payload: { a: 1 }, headers: {} });
      } finally {
        await bus.drain();
      }
    });
  });
});
