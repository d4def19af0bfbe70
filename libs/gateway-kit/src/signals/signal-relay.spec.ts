import { InProcessBus } from '@switchboard/messaging';
import { Infrastructure } from '@switchboard/platform';
import { waitFor } from '@switchboard/testing';
import { PushDelivery, PushHub } from '../push/push-hub';
import { SignalRelay } from './signal-relay';

/** A push hub that records what it was asked to deliver live. */
function recordingHub() {
  const delivered: Array<{ organizationId: string; api: string; delivery: PushDelivery }> = [];
  const hub = { sendLive: (organizationId: string, api: string, delivery: PushDelivery) => delivered.push({ organizationId, api, delivery }) };
  return { hub: hub as unknown as PushHub, delivered };
}

describe('live signal relay', () => {
  const bus = new InProcessBus({ subjectPrefix: 'sb' });
  const infrastructure = { bus, subjectPrefix: 'sb' } as unknown as Infrastructure;
  const replicas = [recordingHub(), recordingHub()].map(({ hub, delivered }) => ({ relay: new SignalRelay(infrastructure, hub), delivered }));

  beforeAll(() => replicas.forEach(({ relay }) => relay.onModuleInit()));
  afterAll(async () => {
    replicas.forEach(({ relay }) => relay.onModuleDestroy());
    await bus.drain();
  });

  it("hands a signal accepted by one replica to every replica's push hub, and never to the event stream", async () => {
    const push = { api: 'agent' as const, action: 'incoming_multicast', payload: { content: 'hi' }, allAgents: true, scope: 'multicast:ro' };
    replicas[0].relay.send('org-1', { pushes: [push] });
    for (const { delivered } of replicas) {
      await waitFor(() => delivered.length === 1);
      expect(delivered[0]).toEqual({ organizationId: 'org-1', api: 'agent', delivery: { action: 'incoming_multicast', payload: { content: 'hi' }, allAgents: true, scope: 'multicast:ro' } });
    }
    expect(await bus.events.last()).toBeUndefined();
  });

  it('thins out a burst of keystrokes to the first and the latest', async () => {
    const peek = (text: string) => ({ throttleKey: 'sneak_peek:C:c-1', pushes: [{ api: 'agent' as const, action: 'incoming_sneak_peek', payload: { text }, userIds: ['jo'] }] });
    const before = replicas[1].delivered.length;
    for (const text of ['W', 'Wh', 'Whe', 'Wher', 'Where']) replicas[0].relay.send('org-1', peek(text));
    await waitFor(() => replicas[1].delivered.slice(before).some((d) => (d.delivery.payload as { text: string }).text === 'Where'));
    expect(replicas[1].delivered.slice(before).map((d) => (d.delivery.payload as { text: string }).text)).toEqual(['W', 'Where']);
  });
});
