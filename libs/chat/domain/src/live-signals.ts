import { ChatRuleError } from './chat.errors';
import { ChatState, Visibility } from './chat.types';
import { chatUser, liveThread } from './signals.decide';

/** Who hears a live signal (never stored): agents of the chat, and maybe its customer. */
export interface LiveSignalTarget {
  thread_id: string;
  agent_ids: string[];
  customer_id?: string;
}

const otherAgents = (state: ChatState, authorId: string) =>
  state.users.filter((u) => u.type === 'agent' && u.present && u.id !== authorId).map((u) => u.id);

/**
 * `send_typing_indicator` of an agent (or bot) of the chat: its other agents
 * hear it, and its customer unless it is for agents only (an agent added for
 * agents only can only type for agents, as it can only write for them).
 */
export function typingIndicatorTarget(state: ChatState, author: { id: string; type: 'agent' | 'customer' }, visibility: Visibility): LiveSignalTarget {
  const user = chatUser(state, author);
  if (user.visibility === 'agents' && visibility !== 'agents') {
    throw new ChatRuleError('validation', 'A user added with visibility agents can only type for agents');
  }
  const thread = liveThread(state);
  const toCustomer = visibility === 'all' && state.customer_id && state.customer_id !== author.id;
  return { thread_id: thread.id, agent_ids: otherAgents(state, author.id), ...(toCustomer && { customer_id: state.customer_id }) };
}

/** `send_sneak_peek` of the chat's customer: what it is typing, for the chat's agents only. */
export function sneakPeekTarget(state: ChatState, customer: { id: string }): LiveSignalTarget {
  chatUser(state, { id: customer.id, type: 'customer' });
  const thread = liveThread(state);
  return { thread_id: thread.id, agent_ids: otherAgents(state, customer.id) };
}
