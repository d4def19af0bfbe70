import { EventMessage } from '@switchboard/event-store';
import { greetingPushes } from './greeting-pushes';

const message = (type: string, data: unknown) => ({ type, data, stream_id: 'customer-c1', organization_id: 'o', metadata: {} }) as unknown as EventMessage;

describe('greeting pushes', () => {
  it('shows the greeting to its customer only, and tells it when the greeting is answered or replaced', () => {
    const greeting = { id: 3, unique_id: 'u1', displayed_first_time: true, subtype: 'announcement', event: { type: 'message', text: 'Hi' }, agent: { id: 'a' } };
    expect(greetingPushes(message('greeting_displayed', { id: 'c1', displayed_at: 'x', greeting }), 'c1')).toEqual([
      { action: 'incoming_greeting', payload: greeting, userIds: ['c1'] },
    ]);
    expect(greetingPushes(message('greeting_accepted', { id: 'c1', unique_id: 'u1', greeting_id: 3 }), 'c1')).toEqual([
      { action: 'greeting_accepted', payload: { unique_id: 'u1' }, userIds: ['c1'] },
    ]);
    expect(greetingPushes(message('greeting_canceled', { id: 'c1', unique_id: 'u1' }), 'c1')).toEqual([
      { action: 'greeting_canceled', payload: { unique_id: 'u1' }, userIds: ['c1'] },
    ]);
    expect(greetingPushes(message('customer_page_viewed', { id: 'c1' }), 'c1')).toEqual([]);
  });
});
