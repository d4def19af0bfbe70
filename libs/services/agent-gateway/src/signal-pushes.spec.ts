import { agentSignalPushes } from './signal-pushes';

describe('agent pushes of seen marks and postbacks', () => {
  it("tells the chat's agents who saw what, and who toggled which button", () => {
    expect(agentSignalPushes('C', { type: 'events_seen', data: { user_id: 'c-1', seen_up_to: 'T' } }, ['jo'])).toEqual([
      { action: 'events_marked_as_seen', payload: { user_id: 'c-1', chat_id: 'C', seen_up_to: 'T' }, userIds: ['jo'] },
    ]);
    const postback = { thread_id: 'T', event_id: 'T_1', user_id: 'c-1', postback: { id: 'yes', toggled: true }, visibility: 'agents' as const };
    expect(agentSignalPushes('C', { type: 'rich_message_postback', data: postback }, ['jo'])).toEqual([
      {
        action: 'incoming_rich_message_postback',
        payload: { user_id: 'c-1', chat_id: 'C', thread_id: 'T', event_id: 'T_1', postback: { id: 'yes', toggled: true } },
        userIds: ['jo'],
      },
    ]);
    expect(agentSignalPushes('C', { type: 'events_seen', data: { user_id: 'c-1', seen_up_to: 'T' } }, [])).toEqual([]);
  });
});
