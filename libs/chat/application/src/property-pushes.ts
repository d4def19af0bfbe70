import { ChatEvent, PROPERTY_EVENT_TYPES, TAG_EVENT_TYPES } from '@switchboard/chat/domain';
import { ReadModels } from '@switchboard/read-models';
import { roleReader, VisibleProperties } from './property-views';
import type { View } from './views';

type PropertyOrTagEvent = Extract<ChatEvent, { type: (typeof PROPERTY_EVENT_TYPES)[number] | (typeof TAG_EVENT_TYPES)[number] }>;

const PUSHED = new Set<string>([...PROPERTY_EVENT_TYPES, ...TAG_EVENT_TYPES]);

export const isPropertyOrTagEvent = (event: ChatEvent): event is PropertyOrTagEvent => PUSHED.has(event.type);

/**
 * The push a property or tag fact makes for one view (agent-chat-api §10,
 * customer-chat-api §8): its name is the fact's, its payload the ids and only
 * the properties that view's role may read — none left, no push. Tags and
 * agent-only events are not the customer's (ADR 0027).
 */
export async function propertyPush(
  readModels: ReadModels,
  organizationId: string,
  chatId: string,
  event: PropertyOrTagEvent,
  view: View,
): Promise<{ action: string; payload: Record<string, unknown> } | undefined> {
  if (event.type === 'thread_tagged' || event.type === 'thread_untagged') {
    return view === 'agent' ? { action: event.type, payload: { chat_id: chatId, thread_id: event.data.thread_id, tag: event.data.tag } } : undefined;
  }
  const visible = await VisibleProperties.load(readModels, organizationId, roleReader(view));
  const ids: Record<string, unknown> = { chat_id: chatId };
  let location: 'chat' | 'thread' | 'event' = 'chat';
  if (event.type !== 'chat_properties_updated' && event.type !== 'chat_properties_deleted') {
    ids.thread_id = event.data.thread_id;
    location = 'thread';
  }
  if (event.type === 'event_properties_updated' || event.type === 'event_properties_deleted') {
    ids.event_id = event.data.event_id;
    location = 'event';
    if (view === 'customer') {
      const events = (await readModels.chatEvents(organizationId, chatId, [event.data.thread_id])).get(event.data.thread_id) ?? [];
      if (events.find((e) => e.id === event.data.event_id)?.visibility !== 'all') return undefined;
    }
  }
  const properties = event.type.endsWith('_updated')
    ? visible.of(location, event.data.properties)
    : visible.names(location, event.data.properties as Record<string, string[]>);
  if (Object.keys(properties).length === 0) return undefined;
  return { action: event.type, payload: { ...ids, properties } };
}
