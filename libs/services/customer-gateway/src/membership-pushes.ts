import { ChatEventMetadata, ChatQueries, UserDirectory, wireEvent } from '@switchboard/chat/application';
import { ChatEvent } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';


/**
 * The customer's pushes of chat users and transfers (customer-chat-api.md §8):
 * users added or removed with visibility `all`, the system messages it may
 * see, and `chat_transferred` (without `reason`, as the customer's sample
 * shows). A customer added to a chat gets `incoming_chat`.
 */
export async function membershipCustomerPushes(message: EventMessage, queries: ChatQueries, readModels: ReadModels): Promise<PushDelivery[]> {
  const chatId = parseStreamId(message.stream_id).id;
  const meta = message.metadata as unknown as ChatEventMetadata;
  const customer = meta.recipients?.customer_id;
  if (!customer) return [];
  const to = [customer];
  const event = { type: message.type, data: message.data } as ChatEvent;
  switch (event.type) {
    case 'user_added': {
      const added = event.data.user;
      if (added.id === customer) {
        const record = await readModels.chat(message.organization_id, chatId);
        if (!record) return [];
        const chat = await queries.chatView(message.organization_id, record.state, undefined, 'customer');
        return [{ action: 'incoming_chat', payload: { requester_id: meta.requester_id, chat }, userIds: to }];
      }
      if (added.visibility !== 'all') return [];
      const directory = await UserDirectory.forMembers(readModels, message.organization_id, [added]);
      const payload = {
        chat_id: chatId,
        ...(event.data.thread_id && { thread_id: event.data.thread_id }),
        user: directory.user(added, 'customer'),
        reason: meta.command === 'reassign_chat' ? 'assigned' : 'manual',
        ...(event.data.requester_id && { requester_id: event.data.requester_id }),
      };
      return [{ action: 'user_added_to_chat', payload, userIds: to }];
    }
    case 'user_removed': {
      if (event.data.visibility !== 'all') return [];
      const payload = {
        chat_id: chatId,
        ...(event.data.thread_id && { thread_id: event.data.thread_id }),
        user_id: event.data.user_id,
        reason: event.data.reason,
        ...(event.data.requester_id && { requester_id: event.data.requester_id }),
      };
      return [{ action: 'user_removed_from_chat', payload, userIds: to }];
    }
    case 'event_added': {
      const visible = wireEvent(event.data.event, 'customer');
      return visible ? [{ action: 'incoming_event', payload: { chat_id: chatId, thread_id: event.data.thread_id, event: visible }, userIds: to }] : [];
    }
    case 'chat_transferred': {
      const { thread_id, requester_id, transferred_to, queue } = event.data;
      return [{ action: 'chat_transferred', payload: { chat_id: chatId, thread_id, requester_id, transferred_to, ...(queue && { queue }) }, userIds: to }];
    }
    default:
      return [];
  }
}
