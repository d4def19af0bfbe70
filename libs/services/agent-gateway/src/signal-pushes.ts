import { SignalEvent } from '@switchboard/chat/domain';
import { PushDelivery } from '@switchboard/gateway-kit';

/** `events_marked_as_seen` and `incoming_rich_message_postback` for the chat's agents. */
export function agentSignalPushes(chatId: string, event: SignalEvent, agentIds: string[]): PushDelivery[] {
  if (agentIds.length === 0) return [];
  if (event.type === 'events_seen') {
    return [{ action: 'events_marked_as_seen', payload: { user_id: event.data.user_id, chat_id: chatId, seen_up_to: event.data.seen_up_to }, userIds: agentIds }];
  }
  const { user_id, thread_id, event_id, postback } = event.data;
  return [{ action: 'incoming_rich_message_postback', payload: { user_id, chat_id: chatId, thread_id, event_id, postback }, userIds: agentIds }];
}
