import { AgentRecord } from '@switchboard/read-models';
import { MovedChat, queuePushes } from './queue-pushes';

const agent = (id: string, role: string, groups: number[]): AgentRecord =>
  ({ profile: { id, role, groups: groups.map((g) => ({ id: g, priority: 'normal' })) }, routing_status: 'accepting_chats', active_chats: 0, suspended: false, token_generation: 0 }) as unknown as AgentRecord;

const moved = (chat_id: string, group: number, position: number, customer_id: string | null = `cust-${chat_id}`): MovedChat => ({
  chat_id,
  thread_id: `T-${chat_id}`,
  group_id: group,
  queued_at: '2026-01-01T10:00:00.000000Z',
  position,
  wait_time: position * 60,
  customer_id,
  access_group_ids: [group],
});

describe('queue pushes', () => {
  it('given chats of two groups moved, then each agent gets one push with the chats it may see, and each customer its own', () => {
    const pushes = queuePushes(
      [moved('sales-1', 1, 1), moved('support-1', 2, 3)],
      [agent('owner', 'owner', []), agent('sales', 'normal', [1]), agent('support', 'normal', [2]), agent('other-sales', 'normal', [1]), agent('none', 'normal', [7])],
    );
    expect(pushes).toEqual([
      {
        api: 'agent',
        action: 'queue_positions_updated',
        payload: [
          { chat_id: 'sales-1', thread_id: 'T-sales-1', queue: { position: 1, wait_time: 60 } },
          { chat_id: 'support-1', thread_id: 'T-support-1', queue: { position: 3, wait_time: 180 } },
        ],
        userIds: ['owner'],
      },
      { api: 'agent', action: 'queue_positions_updated', payload: [{ chat_id: 'sales-1', thread_id: 'T-sales-1', queue: { position: 1, wait_time: 60 } }], userIds: ['sales', 'other-sales'] },
      { api: 'agent', action: 'queue_positions_updated', payload: [{ chat_id: 'support-1', thread_id: 'T-support-1', queue: { position: 3, wait_time: 180 } }], userIds: ['support'] },
      { api: 'customer', action: 'queue_position_updated', payload: { chat_id: 'sales-1', thread_id: 'T-sales-1', queue: { position: 1, wait_time: 60 } }, userIds: ['cust-sales-1'] },
      { api: 'customer', action: 'queue_position_updated', payload: { chat_id: 'support-1', thread_id: 'T-support-1', queue: { position: 3, wait_time: 180 } }, userIds: ['cust-support-1'] },
    ]);
  });

  it('given a chat of every agent (group 0), then all agents share one push; nothing moved, nothing pushed', () => {
    const pushes = queuePushes([moved('all', 0, 2, null)], [agent('a', 'normal', [1]), agent('b', 'normal', [])]);
    expect(pushes).toEqual([{ api: 'agent', action: 'queue_positions_updated', payload: [{ chat_id: 'all', thread_id: 'T-all', queue: { position: 2, wait_time: 120 } }], userIds: ['a', 'b'] }]);
    expect(queuePushes([], [agent('a', 'normal', [1])])).toEqual([]);
  });
});
