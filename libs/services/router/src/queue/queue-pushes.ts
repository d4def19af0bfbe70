import { agentCanSee, LivePush } from '@switchboard/chat/application';
import { AgentRecord, QueuedChat } from '@switchboard/read-models';
import { QueuePlacement } from '@switchboard/routing/domain';

/** A placement the chat's users have not heard of yet, with who they are. */
export type MovedChat = QueuePlacement & Pick<QueuedChat, 'customer_id' | 'access_group_ids'>;

const entry = (chat: MovedChat) => ({ chat_id: chat.chat_id, thread_id: chat.thread_id, queue: { position: chat.position, wait_time: chat.wait_time } });

/**
 * The pushes of one queue pass (agent-chat-api §10, customer-chat-api §8):
 * each agent gets one `queue_positions_updated` listing every moved chat it
 * may see (agents seeing the same chats share one delivery), and each moved
 * chat's customer its own `queue_position_updated`.
 */
export function queuePushes(moved: readonly MovedChat[], agents: readonly AgentRecord[]): LivePush[] {
  if (moved.length === 0) return [];
  const byChats = new Map<string, { chats: MovedChat[]; userIds: string[] }>();
  for (const agent of agents) {
    const visible = moved.filter((chat) => agentCanSee(agent, { access: { group_ids: chat.access_group_ids } }));
    if (visible.length === 0) continue;
    const key = visible.map((c) => c.chat_id).join('\n');
    const delivery = byChats.get(key) ?? { chats: visible, userIds: [] };
    delivery.userIds.push(agent.profile.id);
    byChats.set(key, delivery);
  }
  const pushes: LivePush[] = [...byChats.values()].map(({ chats, userIds }) => ({
    api: 'agent',
    action: 'queue_positions_updated',
    payload: chats.map(entry),
    userIds,
  }));
  for (const chat of moved) {
    if (chat.customer_id) pushes.push({ api: 'customer', action: 'queue_position_updated', payload: entry(chat), userIds: [chat.customer_id] });
  }
  return pushes;
}
