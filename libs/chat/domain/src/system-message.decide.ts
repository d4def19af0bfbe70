import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread } from './chat.evolve';
import { recordEvent } from './chat.decide';
import { ChatState, Properties, UserRef } from './chat.types';

/**
 * The server tells a chat's users what happened outside the chat — a
 * customer's profile changed, the customer was banned (routing.md system
 * messages): a system message in the active thread, which `deactivate` then
 * archives. The requester (the agent who acted) need not be a chat member.
 */
export interface AddSystemMessage {
  type: 'add_system_message';
  requester: UserRef;
  now: string;
  message: { system_message_type: string; text: string; text_vars?: Record<string, string> };
  deactivate?: boolean;
  /** Only into this thread: a timer's message (the router's) is refused once its thread is over. */
  thread_id?: string;
  /** Only if the thread still has this many events: a timer's message is refused when someone wrote since it looked. */
  thread_event_count?: number;
  /**
   * Thread properties the message marks (`routing.idle`), in the same decision; refused with
   * `already_exists` when the thread has them all already — a second timer marking it adds nothing.
   */
  thread_properties?: Properties;
}

const hasAll = (current: Properties, wanted: Properties) =>
  Object.entries(wanted).every(([namespace, values]) => Object.entries(values).every(([name, value]) => current[namespace]?.[name] === value));

/** The router acts for nobody: a thread it closes carries no `user_id` (`chat_deactivated.user_id` is absent when the router closed it). */
export const ROUTER_REQUESTER: Readonly<UserRef> = Object.freeze({ id: 'router', type: 'agent', name: 'Router' });

export function addSystemMessage(state: ChatState, command: AddSystemMessage): ChatEvent[] {
  const thread = activeThread(state);
  if (!thread || (command.thread_id !== undefined && command.thread_id !== thread.id)) throw new ChatRuleError('chat_inactive', 'Chat is inactive');
  if (command.thread_event_count !== undefined && thread.event_count !== command.thread_event_count) {
    throw new ChatRuleError('validation', 'The thread has new events');
  }
  const marks = command.thread_properties;
  if (marks && hasAll(thread.properties, marks)) throw new ChatRuleError('already_exists', 'Thread already has these properties');
  const event = recordEvent(thread, 0, { type: 'system_message', ...command.message }, command.requester, command.now);
  const added: ChatEvent = { type: 'event_added', data: { thread_id: thread.id, event } };
  const marked: ChatEvent[] = marks
    ? [{ type: 'thread_properties_updated', data: { thread_id: thread.id, properties: marks, requester_id: command.requester.id } }]
    : [];
  if (!command.deactivate) return [added, ...marked];
  const agentIds = state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);
  // The router closed the thread on its own: `chat_deactivated` names no user (routing.md §1.5).
  const closedBy = command.requester.id === ROUTER_REQUESTER.id ? {} : { user_id: command.requester.id };
  return [added, ...marked, { type: 'thread_deactivated', data: { thread_id: thread.id, ...closedBy, created_at: command.now, agent_ids: agentIds } }];
}
