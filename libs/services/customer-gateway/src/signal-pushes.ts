import { SignalEvent } from '@switchboard/chat/domain';
import { PushDelivery } from '@switchboard/gateway-kit';

/**
 * `events_marked_as_seen` and `incoming_rich_message_postback` for the chat's
 * customer: not of users added for agents only, nor of messages it cannot see.
 */
export function customerSignalPushes(chatId: string, event: SignalEvent, customerId: string): PushDelivery[] {
  if (event.type === 'events_seen') {
    if (event.data.visibility === 'agents') return [];
    return [{ action: 'events_marked_as_seen', payload: { user_id: event.data.user_id, chat_id: chatId, seen_up_to: event.data.seen_up_to }, userIds: [customerId] }];
  }
  if (event.data.visibility !== 'all') return [];
  const { user_id, thread_id, event_id, postback } = event.data;
  return [{ action: 'incoming_rich_message_postback', payload: { user_id, chat_id: chatId, thread_id, event_id, postback }, userIds: [customerId] }];
}
