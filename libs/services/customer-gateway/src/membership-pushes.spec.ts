import { ChatQueries } from '@switchboard/chat/application';
import { EventMessage } from '@switchboard/event-store';
import { ReadModels } from '@switchboard/read-models';
import { membershipCustomerPushes } from './membership-pushes';

const message = (type: string, data: unknown, command = 'transfer_chat'): EventMessage => ({
  event_id: 'e1',
  stream_id: 'chat-PJ0MRSHTDG',
  stream_version: 7,
  global_position: '10',
  transaction_id: '1',
  organization_id: 'o1',
  type,
  data,
  metadata: { command, requester_id: 'jo@acme.example', requester_type: 'agent', recipients: { agent_ids: ['jo@acme.example'], customer_id: 'c-1' } },
  created_at: '2026-11-27T00:00:00Z',
});

describe("the customer's pushes of chat users and transfers", () => {
  // These pushes need nothing from the database.
  const plan = (m: EventMessage) => membershipCustomerPushes(m, {} as ChatQueries, {} as ReadModels);

  it('chat_transferred reaches the customer without the reason', async () => {
    const data = {
      thread_id: 'T1',
      requester_id: 'jo@acme.example',
      reason: 'manual',
      transferred_to: { group_ids: [1] },
      transferred_from: { group_ids: [0], agent_ids: ['jo@acme.example'] },
      queued: true,
    };
    expect(await plan(message('chat_transferred', data))).toEqual([
      {
        action: 'chat_transferred',
        payload: { chat_id: 'PJ0MRSHTDG', thread_id: 'T1', requester_id: 'jo@acme.example', transferred_to: { group_ids: [1] } },
        userIds: ['c-1'],
      },
    ]);
  });

  it('a supervisor leaving, its system message and access changes are not for the customer', async () => {
    const removed = { thread_id: 'T1', user_id: 'sue@acme.example', user_type: 'agent', visibility: 'agents', reason: 'manual' };
    expect(await plan(message('user_removed', removed, 'remove_user_from_chat'))).toEqual([]);
    const whisper = { thread_id: 'T1', event: { id: 'T1_5', type: 'system_message', visibility: 'agents', text: 'Sue left the chat' } };
    expect(await plan(message('event_added', whisper, 'remove_user_from_chat'))).toEqual([]);
    expect(await plan(message('chat_access_updated', { access: { group_ids: [1] } }))).toEqual([]);
  });

  it('an agent removed with visibility all is announced, without the visibility field on events', async () => {
    const removed = { thread_id: 'T1', user_id: 'al@acme.example', user_type: 'agent', visibility: 'all', reason: 'manual', requester_id: 'jo@acme.example' };
    expect(await plan(message('user_removed', removed, 'remove_user_from_chat'))).toEqual([
      {
        action: 'user_removed_from_chat',
        payload: { chat_id: 'PJ0MRSHTDG', thread_id: 'T1', user_id: 'al@acme.example', reason: 'manual', requester_id: 'jo@acme.example' },
        userIds: ['c-1'],
      },
    ]);
    const said = { thread_id: 'T1', event: { id: 'T1_6', type: 'system_message', visibility: 'all', text: 'Jo removed Al from the chat' } };
    expect(await plan(message('event_added', said, 'remove_user_from_chat'))).toEqual([
      { action: 'incoming_event', payload: { chat_id: 'PJ0MRSHTDG', thread_id: 'T1', event: { id: 'T1_6', type: 'system_message', text: 'Jo removed Al from the chat' } }, userIds: ['c-1'] },
    ]);
  });
});
