import { ChatEventMetadata, ChatQueries, UserDirectory } from '@switchboard/chat/application';
import { ChatEvent } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';


/**
 * Agents' pushes of following, chat users and transfers: the chat's agents
 * and followers (before and after the change) hear every change; an agent
 * who joins gets `incoming_chat` (with `transferred_from` after a transfer)
 * instead of the companion pushes.
 */
export async function membershipAgentPushes(message: EventMessage, queries: ChatQueries, readModels: ReadModels): Promise<PushDelivery[]> {
  const chatId = parseStreamId(message.stream_id).id;
  const meta = message.metadata as unknown as ChatEventMetadata;
  const agents = meta.recipients?.agent_ids ?? [];
  const event = { type: message.type, data: message.data } as ChatEvent;
  const incomingChat = async (agentId: string, extra: Record<string, unknown>): Promise<PushDelivery[]> => {
    const record = await readModels.chat(message.organization_id, chatId);
    if (!record) return [];
    const chat = await queries.chatView(message.organization_id, record.state, undefined, 'agent');
    return [{ action: 'incoming_chat', payload: { requester_id: meta.requester_id, chat, ...extra }, userIds: [agentId] }];
  };
  switch (event.type) {
    case 'chat_unfollowed':
      // To the requester's other connections (agent-chat-api §1).
      return [{ action: 'chat_unfollowed', payload: { chat_id: chatId }, userIds: [event.data.agent_id], notToOrigin: true }];
    case 'user_added': {
      const added = event.data.user;
      const directory = await UserDirectory.forMembers(readModels, message.organization_id, [added]);
      const deliveries: PushDelivery[] = [
        {
          action: 'user_added_to_chat',
          payload: {
            chat_id: chatId,
            ...(event.data.thread_id && { thread_id: event.data.thread_id }),
            user: directory.user(added, 'agent'),
            // The router's reassignment (ADR 0039) assigns; everything else here is someone's manual change.
            reason: meta.command === 'reassign_chat' ? 'assigned' : 'manual',
            ...(event.data.requester_id && { requester_id: event.data.requester_id }),
          },
          userIds: agents.filter((a) => a !== added.id),
        },
      ];
      // A transfer's assignee hears of the chat with its chat_transferred (which says where it came from).
      if (added.type === 'agent' && meta.command === 'add_user_to_chat') deliveries.push(...(await incomingChat(added.id, {})));
      return deliveries;
    }
    case 'user_removed':
      return [
        {
          action: 'user_removed_from_chat',
          payload: {
            chat_id: chatId,
            ...(event.data.thread_id && { thread_id: event.data.thread_id }),
            user_id: event.data.user_id,
            reason: event.data.reason,
            ...(event.data.requester_id && { requester_id: event.data.requester_id }),
          },
          userIds: agents,
        },
      ];
    case 'event_added':
      return [
        {
          action: 'incoming_event',
          payload: { chat_id: chatId, thread_id: event.data.thread_id, event: event.data.event },
          userIds: agents.filter((a) => a !== event.data.joined_agent_id),
        },
      ];
    case 'chat_access_updated':
      return [{ action: 'chat_access_updated', payload: { id: chatId, access: event.data.access }, userIds: agents }];
    case 'chat_transferred': {
      const { thread_id, requester_id, reason, transferred_to, transferred_from, assignee_id, queue } = event.data;
      const deliveries: PushDelivery[] = [
        { action: 'chat_transferred', payload: { chat_id: chatId, thread_id, requester_id, reason, transferred_to, ...(queue && { queue }) }, userIds: agents },
      ];
      if (assignee_id) deliveries.push(...(await incomingChat(assignee_id, { transferred_from })));
      return deliveries;
    }
    default:
      return [];
  }
}
