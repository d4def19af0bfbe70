import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread } from './chat.evolve';
import { recordEvent } from './chat.decide';
import { ChatState, UserRef } from './chat.types';

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
}

/** The router acts for nobody: a thread it closes carries no `user_id` (`chat_deactivated.user_id` is absent when the router closed it). */
export const ROUTER_REQUESTER: Readonly<UserRef> = Object.freeze({ id: '', type: 'agent', name: 'Router' });

export function addSystemMessage(state: ChatState, command: AddSystemMessage): ChatEvent[] {
  const thread = activeThread(state);
  if (!thread || (command.thread_id !== undefined && command.thread_id !== thread.id)) throw new ChatRuleError('chat_inactive', 'Chat is inactive');
  const event = recordEvent(thread, 0, { type: 'system_message', ...command.message }, command.requester, command.now);
  const added: ChatEvent = { type: 'event_added', data: { thread_id: thread.id, event } };
  if (!command.deactivate) return [added];
  const agentIds = state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);
  return [added, { type: 'thread_deactivated', data: { thread_id: thread.id, ...(command.requester.id && { user_id: command.requester.id }), created_at: command.now, agent_ids: agentIds } }];
}
