import { connect, DiscardPolicy, NatsConnection, nanos, RetentionPolicy, StorageType } from 'nats';
import { describeWithNats, TEST_NATS_URL, uniqueToken } from '@switchboard/testing';
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
