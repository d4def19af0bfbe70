import { eventSubject, positionFromHeaders, positionHeaders, subjectToken, toEventMessage } from './event-message';
import { RecordedEvent } from './event-store.port';

const event: RecordedEvent = {
  eventId: '6f1c2a4e-0000-4000-8000-000000000001',
  streamId: 'agent-smith@example.com',
  streamVersion: 3,
  globalPosition: 9_007_199_254_740_993n,
  transactionId: 42n,
  organizationId: '390e44e6-f1e6-0368-c3cd-ba4eca7ae0bf',
  type: 'routing_status_set',
  data: { status: 'accepting_chats' },
  metadata: {},
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
};

describe('event messages', () => {
  it('builds the subject evt.<organization>.<stream-type>.<id> with ids that are single subject tokens', () => {
    expect(eventSubject('evt', event.organizationId, event.streamId)).toBe(
      'evt.390e44e6-f1e6-0368-c3cd-ba4eca7ae0bf.agent.smith%40example%2Ecom',
    );
    expect(eventSubject('evt', 'o', 'chat-PJ0MRSHTDG')).toBe('evt.o.chat.PJ0MRSHTDG');
    for (const nasty of ['a.b', 'a*b', 'a>b', 'a b', 'a\tb']) expect(subjectToken(nasty)).toMatch(/^[^.*> \t]+$/);
  });

  it('round-trips the log position through headers without losing 64-bit precision', () => {
    expect(positionFromHeaders(positionHeaders(event))).toEqual({
      transactionId: 42n,
      globalPosition: 9_007_199_254_740_993n,
    });
    expect(positionFromHeaders({})).toBeUndefined();
    expect(toEventMessage(event)).toMatchObject({ global_position: '9007199254740993', created_at: '2026-01-02T03:04:05.678Z' });
  });
});
