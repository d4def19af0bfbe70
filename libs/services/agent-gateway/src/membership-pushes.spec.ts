import { ChatQueries } from '@switchboard/chat/application';
import { EventMessage } from '@switchboard/event-store';
import { ReadModels } from '@switchboard/read-models';
import { membershipAgentPushes } from './membership-pushes';

const agents = ['jo@acme.example', 'al@acme.example', 'ada@acme.example'];
const message = (type: string, data: unknown, command = 'transfer_chat'): EventMessage => ({
  event_id: 'e1',
  stream_id: 'chat-PJ0MRSHTDG',
  stream_version: 7,
  global_position: '10',
  transaction_id: '1',
  organization_id: 'o1',
  type,
  data,
  metadata: { command, requester_id: 'jo@acme.example', requester_type: 'agent', recipients: { agent_ids: agents, customer_id: 'c-1' } },
  created_at: '2026-11-27T00:00:00Z',
});

describe("agents' pushes of following, chat users and transfers", () => {
  // These pushes need nothing from the database.
  const plan = (m: EventMessage) => membershipAgentPushes(m, {} as ChatQueries, {} as ReadModels);

  it("chat_unfollowed goes to the agent who unfollowed, but not to the connection that asked; following itself pushes nothing", async () => {
    expect(await plan(message('chat_unfollowed', { agent_id: 'ada@acme.example' }, 'unfollow_chat'))).toEqual([
      { action: 'chat_unfollowed', payload: { chat_id: 'PJ0MRSHTDG' }, userIds: ['ada@acme.example'], notToOrigin: true },
    ]);
    expect(await plan(message('chat_followed', { agent_id: 'ada@acme.example', thread_id: 'T1' }, 'follow_chat'))).toEqual([]);
  });

  it('a transfer tells every agent, before and after, what moved where', async () => {
    expect(await plan(message('chat_access_updated', { access: { group_ids: [1] } }))).toEqual([
      { action: 'chat_access_updated', payload: { id: 'PJ0MRSHTDG', access: { group_ids: [1] } }, userIds: agents },
    ]);
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
        payload: { chat_id: 'PJ0MRSHTDG', thread_id: 'T1', requester_id: 'jo@acme.example', reason: 'manual', transferred_to: { group_ids: [1] } },
        userIds: agents,
      },
    ]);
  });

  it('the system message announcing an agent is not pushed to that agent (it comes inside its incoming_chat)', async () => {
    const said = { thread_id: 'T1', event: { id: 'T1_6', type: 'system_message', visibility: 'all' }, joined_agent_id: 'al@acme.example' };
    const [push] = await plan(message('event_added', said, 'add_user_to_chat'));
    expect(push.userIds).toEqual(['jo@acme.example', 'ada@acme.example']);
  });
});
