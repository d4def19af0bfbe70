import { ChatEventMetadata, eventForPush, isPropertyOrTagEvent, propertyPush, UserDirectory } from '@switchboard/chat/application';
import { ChatEvent, ChatState } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { eventSourceClientId, WebhookOccurrence } from '@switchboard/webhooks/domain';
import { chatStateAt, occurrenceChat, startedThreadEnd } from './chat-as-of';
import { OccurrenceSources } from './occurrence-sources';

type Json = Record<string, unknown>;

/** Events written with a new thread reach webhooks inside `incoming_chat`, as they reach agents (agent-pushes.ts). */
const PART_OF_INCOMING_CHAT = new Set(['start_chat', 'resume_chat']);

/** `incoming_chat`'s chat: the agent view of the chat as of the new thread's command, its events as of then. */
async function incomingChat(sources: OccurrenceSources, organizationId: string, state: ChatState): Promise<Json> {
  const chat = await sources.queries.chatView(organizationId, state, undefined, 'agent');
  const thread = chat['thread'] as Json | undefined;
  const count = state.threads.at(-1)?.event_count;
  if (thread && Array.isArray(thread['events']) && count !== undefined) thread['events'] = thread['events'].slice(0, count);
  return chat;
}

/** The payload of a chat fact's webhook (webhooks.md §4), mirroring the agents' push; undefined when it has none. */
async function chatPayload(
  message: EventMessage,
  sources: OccurrenceSources,
  state: ChatState,
): Promise<{ action: string; payload: Json; authorType?: 'agent' | 'customer' } | undefined> {
  const organizationId = message.organization_id;
  const chatId = parseStreamId(message.stream_id).id;
  const meta = message.metadata as unknown as ChatEventMetadata;
  const event = { type: message.type, data: message.data } as ChatEvent;
  const requester = (id: string | undefined) => (id ? { requester_id: id } : {});
  const thread = (id: string | undefined) => (id ? { thread_id: id } : {});
  switch (event.type) {
    case 'thread_started':
      return { action: 'incoming_chat', payload: { chat: await incomingChat(sources, organizationId, state) } };
    case 'event_added': {
      if (PART_OF_INCOMING_CHAT.has(meta.command)) return undefined;
      const shown = await eventForPush(sources.readModels, organizationId, event.data.event, 'agent');
      const author = state.users.find((u) => u.id === event.data.event.author_id);
      return { action: 'incoming_event', payload: { chat_id: chatId, thread_id: event.data.thread_id, event: shown }, authorType: author?.type ?? 'agent' };
    }
    case 'thread_deactivated':
      // `user_id` absent when the router closed it.
      return { action: 'chat_deactivated', payload: { chat_id: chatId, thread_id: event.data.thread_id, ...(event.data.user_id && { user_id: event.data.user_id }) } };
    case 'user_added': {
      const added = event.data.user;
      const directory = await UserDirectory.forMembers(sources.readModels, organizationId, [added]);
      const user = directory.user(added, 'agent');
      const payload = { chat_id: chatId, ...thread(event.data.thread_id), user, user_type: added.type, reason: event.data.reason, ...requester(event.data.requester_id) };
      return { action: 'user_added_to_chat', payload };
    }
    case 'user_removed': {
      const { thread_id, user_id, user_type, reason, requester_id } = event.data;
      return { action: 'user_removed_from_chat', payload: { chat_id: chatId, ...thread(thread_id), user_id, user_type, reason, ...requester(requester_id) } };
    }
    case 'chat_access_updated':
      return { action: 'chat_access_updated', payload: { id: chatId, access: event.data.access } };
    case 'chat_transferred': {
      const { thread_id, requester_id, reason, transferred_to, queue } = event.data;
      // The webhook names the queue's time `queued_at_us` where pushes say `queued_at` (webhooks.md §4).
      const queued = queue && { queue: { position: queue.position, wait_time: queue.wait_time, queued_at_us: queue.queued_at } };
      return { action: 'chat_transferred', payload: { chat_id: chatId, ...thread(thread_id), ...requester(requester_id), reason, transferred_to, ...queued } };
    }
    case 'events_seen':
      return { action: 'events_marked_as_seen', payload: { user_id: event.data.user_id, chat_id: chatId, seen_up_to: event.data.seen_up_to } };
    case 'rich_message_postback': {
      const { user_id, thread_id, event_id, postback } = event.data;
      // Active threads only (webhooks.md §4).
      if (!state.threads.find((t) => t.id === thread_id)?.active) return undefined;
      return { action: 'incoming_rich_message_postback', payload: { user_id, chat_id: chatId, thread_id, event_id, postback } };
    }
    default:
      return isPropertyOrTagEvent(event) ? propertyPush(sources.readModels, organizationId, chatId, event, 'agent') : undefined;
  }
}

/** The webhook occurrences of an event of a `chat-<id>` stream: at most one, with the chat as of the event. */
export async function chatOccurrences(message: EventMessage, sources: OccurrenceSources): Promise<WebhookOccurrence[]> {
  const version = message.type === 'thread_started' ? await startedThreadEnd(message, sources) : message.stream_version;
  const state = await chatStateAt(message, sources, version);
  if (!state) return [];
  const made = await chatPayload(message, sources, state);
  if (!made) return [];
  return [
    {
      action: made.action,
      payload: made.payload,
      chat: await occurrenceChat(sources, message.organization_id, state),
      ...(made.authorType && { authorType: made.authorType }),
      sourceClientId: eventSourceClientId('chat', message.metadata),
    },
  ];
}
