import { ChatEventMetadata, ChatQueries, eventForPush, UserDirectory, wireEvent } from '@switchboard/chat/application';
import { ChatEvent, MEMBERSHIP_COMMAND_TYPES } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { PushDelivery, PushPlanner } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';
import { customerPropertyPushes } from './chat-property-pushes';
import { membershipCustomerPushes } from './membership-pushes';
import { customerSignalPushes } from './signal-pushes';
import { customerAccountPushes } from './self-service/customer-account-pushes';
import { greetingPushes } from './widget/greeting-pushes';
import { customerProfilePushes } from './profile-pushes';

/** Which pushes the chat's customer gets (customer view: no agent-only events or users). */
export function customerPushPlanner(queries: ChatQueries, readModels: ReadModels): PushPlanner {
  return async (message: EventMessage): Promise<PushDelivery[]> => {
    const { type, id } = parseStreamId(message.stream_id);
    if (type === 'customer') return [...customerAccountPushes(message), ...greetingPushes(message, id), ...customerProfilePushes(message)];
    if (type !== 'chat') return [];
    const meta = message.metadata as unknown as ChatEventMetadata;
    if (MEMBERSHIP_COMMAND_TYPES.has(meta.command)) return membershipCustomerPushes(message, queries, readModels);
    const customer = meta.recipients?.customer_id;
    if (!customer) return [];
    const to = [customer];
    const event = { type: message.type, data: message.data } as ChatEvent;
    switch (event.type) {
      case 'thread_started': {
        const record = await readModels.chat(message.organization_id, id);
        if (!record) return [];
        const chat = await queries.chatView(message.organization_id, record.state, event.data.thread_id, 'customer');
        return [{ action: 'incoming_chat', payload: { requester_id: meta.requester_id, chat }, userIds: to }];
      }
      case 'event_added': {
        if (meta.command === 'start_chat' || meta.command === 'resume_chat') return [];
        const visible = await eventForPush(readModels, message.organization_id, wireEvent(event.data.event, 'customer'), 'customer');
        return visible ? [{ action: 'incoming_event', payload: { chat_id: id, thread_id: event.data.thread_id, event: visible }, userIds: to }] : [];
      }
      case 'thread_deactivated':
        return [
          {
            action: 'chat_deactivated',
            payload: { chat_id: id, thread_id: event.data.thread_id, ...(event.data.user_id && { user_id: event.data.user_id }) },
            userIds: to,
          },
        ];
      case 'user_added': {
        if (event.data.user.visibility !== 'all' || event.data.user.id === customer) return [];
        const directory = await UserDirectory.forMembers(readModels, message.organization_id, [event.data.user]);
        return [
          {
            action: 'user_added_to_chat',
            payload: {
              chat_id: id,
              ...(event.data.thread_id && { thread_id: event.data.thread_id }),
              user: directory.user(event.data.user, 'customer'),
              reason: event.data.reason,
              ...(event.data.requester_id && { requester_id: event.data.requester_id }),
            },
            userIds: to,
          },
        ];
      }
      case 'events_seen':
      case 'rich_message_postback':
        return customerSignalPushes(id, event, customer);
      default:
        return customerPropertyPushes(readModels, message.organization_id, id, event, to);
    }
  };
}
