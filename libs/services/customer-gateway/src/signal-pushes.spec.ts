import { customerSignalPushes } from './signal-pushes';

describe('customer pushes of seen marks and postbacks', () => {
  const postback = (visibility: 'all' | 'agents') => ({
    type: 'rich_message_postback' as const,
    data: { thread_id: 'T', event_id: 'T_1', user_id: 'jo', postback: { id: 'yes', toggled: false }, visibility },
  });

  it('tells the customer of seen marks, and of postbacks on messages it can see only', () => {
    expect(customerSignalPushes('C', { type: 'events_seen', data: { user_id: 'jo', seen_up_to: 'T' } }, 'c-1')).toEqual([
      { action: 'events_marked_as_seen', payload: { user_id: 'jo', chat_id: 'C', seen_up_to: 'T' }, userIds: ['c-1'] },
    ]);
    expect(customerSignalPushes('C', postback('all'), 'c-1')).toEqual([
      {
        action: 'incoming_rich_message_postback',
        payload: { user_id: 'jo', chat_id: 'C', thread_id: 'T', event_id: 'T_1', postback: { id: 'yes', toggled: false } },
        userIds: ['c-1'],
      },
    ]);
    expect(customerSignalPushes('C', postback('agents'), 'c-1')).toEqual([]);
    expect(customerSignalPushes('C', { type: 'events_seen', data: { user_id: 'sv', seen_up_to: 'T', visibility: 'agents' } }, 'c-1')).toEqual([]);
  });
});
