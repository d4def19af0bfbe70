import { ChatRuleError } from './chat.errors';
import { ChatState, Properties, ThreadState, UserRef } from './chat.types';

/**
 * Chat, thread and event properties (agent-chat-api §5, customer-chat-api §4).
 * Whether a value fits its definition and whether the requester may write it
 * is decided before the command (the definitions live in the Configuration
 * context, ADR 0023); here: the target exists, and the change is recorded.
 */

/** `{ "<namespace>": ["name", …] }`: what a deletion removes. */
export type PropertyNames = Record<string, string[]>;

interface PropertyCommandBase {
  requester: UserRef;
  now: string;
}

export type PropertyCommand =
  | (PropertyCommandBase & { type: 'update_chat_properties'; properties: Properties })
  | (PropertyCommandBase & { type: 'delete_chat_properties'; properties: PropertyNames })
  | (PropertyCommandBase & { type: 'update_thread_properties'; thread_id: string; properties: Properties })
  | (PropertyCommandBase & { type: 'delete_thread_properties'; thread_id: string; properties: PropertyNames })
  | (PropertyCommandBase & { type: 'update_event_properties'; thread_id: string; event_id: string; properties: Properties })
  | (PropertyCommandBase & { type: 'delete_event_properties'; thread_id: string; event_id: string; properties: PropertyNames });

/** Each event carries only what changed: the push's payload and a future webhook's. */
export type PropertyEvent =
  | { type: 'chat_properties_updated'; data: { properties: Properties; requester_id: string } }
  | { type: 'chat_properties_deleted'; data: { properties: PropertyNames; requester_id: string } }
  | { type: 'thread_properties_updated'; data: { thread_id: string; properties: Properties; requester_id: string } }
  | { type: 'thread_properties_deleted'; data: { thread_id: string; properties: PropertyNames; requester_id: string } }
  | { type: 'event_properties_updated'; data: { thread_id: string; event_id: string; properties: Properties; requester_id: string } }
  | { type: 'event_properties_deleted'; data: { thread_id: string; event_id: string; properties: PropertyNames; requester_id: string } };

export const PROPERTY_EVENT_TYPES: PropertyEvent['type'][] = [
  'chat_properties_updated',
  'chat_properties_deleted',
  'thread_properties_updated',
  'thread_properties_deleted',
  'event_properties_updated',
  'event_properties_deleted',
];

function requireSomething(properties: Properties | PropertyNames): void {
  const keys = Object.values(properties).flatMap((names) => (Array.isArray(names) ? names : Object.keys(names)));
  if (keys.length === 0) throw new ChatRuleError('validation', 'properties: at least one property is required');
}

/** Any thread of the chat, active or not: ratings and tags come after the chat ends. */
export function requireThread(state: ChatState, threadId: string): ThreadState {
  const thread = state.threads.find((t) => t.id === threadId);
  if (!thread) throw new ChatRuleError('not_found', `Thread ${threadId} not found`);
  return thread;
}

/** Event ids are `<thread id>_<n>`, n counting the thread's events from 1 (see recordEvent). */
function requireEvent(thread: ThreadState, eventId: string): void {
  const prefix = `${thread.id}_`;
  const n = eventId.startsWith(prefix) ? Number(eventId.slice(prefix.length)) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > thread.event_count || `${prefix}${n}` !== eventId) {
    throw new ChatRuleError('not_found', `Event ${eventId} not found in thread ${thread.id}`);
  }
}

/** Decides a property command on an existing chat. */
export function decideProperties(state: ChatState, command: PropertyCommand): PropertyEvent[] {
  requireSomething(command.properties);
  const requester_id = command.requester.id;
  switch (command.type) {
    case 'update_chat_properties':
      return [{ type: 'chat_properties_updated', data: { properties: command.properties, requester_id } }];
    case 'delete_chat_properties':
      return [{ type: 'chat_properties_deleted', data: { properties: command.properties, requester_id } }];
    case 'update_thread_properties':
      requireThread(state, command.thread_id);
      return [{ type: 'thread_properties_updated', data: { thread_id: command.thread_id, properties: command.properties, requester_id } }];
    case 'delete_thread_properties':
      requireThread(state, command.thread_id);
      return [{ type: 'thread_properties_deleted', data: { thread_id: command.thread_id, properties: command.properties, requester_id } }];
    case 'update_event_properties':
    case 'delete_event_properties': {
      requireEvent(requireThread(state, command.thread_id), command.event_id);
      const data = { thread_id: command.thread_id, event_id: command.event_id, requester_id };
      return command.type === 'update_event_properties'
        ? [{ type: 'event_properties_updated', data: { ...data, properties: command.properties } }]
        : [{ type: 'event_properties_deleted', data: { ...data, properties: command.properties } }];
    }
    default: {
      const unknown: never = command;
      throw new ChatRuleError('validation', `Unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

/** `properties` with `changes` merged in: only the given keys change. */
export function mergeProperties(properties: Properties, changes: Properties): Properties {
  const merged: Properties = { ...properties };
  for (const [namespace, values] of Object.entries(changes)) merged[namespace] = { ...merged[namespace], ...values };
  return merged;
}

/** `properties` without the named keys; a namespace left empty goes too. */
export function withoutProperties(properties: Properties, names: PropertyNames): Properties {
  const kept: Properties = { ...properties };
  for (const [namespace, list] of Object.entries(names)) {
    if (!kept[namespace]) continue;
    const values = Object.fromEntries(Object.entries(kept[namespace]).filter(([name]) => !list.includes(name)));
    if (Object.keys(values).length > 0) kept[namespace] = values;
    else delete kept[namespace];
  }
  return kept;
}

const changeThread = (state: ChatState, threadId: string, change: (t: ThreadState) => ThreadState): ChatState => ({
  ...state,
  threads: state.threads.map((t) => (t.id === threadId ? change(t) : t)),
});

/** Folds a property fact: chat and thread values live in the state; event values with the event bodies (the read model folds them). */
export function evolveProperties(state: ChatState, event: PropertyEvent): ChatState {
  switch (event.type) {
    case 'chat_properties_updated':
      return { ...state, properties: mergeProperties(state.properties, event.data.properties) };
    case 'chat_properties_deleted':
      return { ...state, properties: withoutProperties(state.properties, event.data.properties) };
    case 'thread_properties_updated':
      return changeThread(state, event.data.thread_id, (t) => ({ ...t, properties: mergeProperties(t.properties, event.data.properties) }));
    case 'thread_properties_deleted':
      return changeThread(state, event.data.thread_id, (t) => ({ ...t, properties: withoutProperties(t.properties, event.data.properties) }));
    case 'event_properties_updated':
    case 'event_properties_deleted':
      return state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
