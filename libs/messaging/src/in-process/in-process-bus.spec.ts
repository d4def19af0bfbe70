import { describeBusContract } from '../bus.contract';
import { describeConsumerObserverContract } from '../consumer-observer.contract';
import { InProcessBus } from './in-process-bus';

describeBusContract('InProcessBus', async (subjectPrefix) => new InProcessBus({ subjectPrefix }));
describeConsumerObserverContract('InProcessBus', async (subjectPrefix, observer) => new InProcessBus({ subjectPrefix, observer }));

describe('InProcessBus specifics', () => {
  let bus: InProcessBus;
  beforeEach(() => {
    bus = new InProcessBus();
  });
  afterEach(() => bus.drain());

  it('captures every subject in its stream when no subjectPrefix is given', async () => {
    await expect(bus.events.publish({ subject: 'anything.at.all', id: 'a', payload: 1 })).resolves.toEqual({
      sequence: 1,
      duplicate: false,
    });
  });

  it('runs one consumer per durable name at a time', async () => {
    const consumer = await bus.events.consume('solo', async () => undefined);
    await expect(bus.events.consume('solo', async () => undefined)).rejects.toThrow(/already running/);
    await consumer.stop();
    await (await bus.events.consume('solo', async () => undefined)).stop();
  });

  it('rejects malformed subjects', () => {
    expect(() => bus.publish('a..b', 1)).toThrow(/Invalid subject/);
    expect(() => bus.publish('a.*', 1)).toThrow(/Invalid subject/);
    expect(() => bus.subscribe('a.>.b', () => undefined)).toThrow(/Invalid subject pattern/);
  });
});
