import { ChatState, ThreadState } from '@switchboard/chat/domain';
import { ChatToRoute } from '@switchboard/routing/domain';

const routingProperty = (properties: ChatState['properties'] | undefined, name: string) => properties?.routing?.[name] === true;

/** The last agent who joined the thread (its assignee, or whoever took it over). */
export function lastAgentOf(state: ChatState, thread: ThreadState | undefined): string | undefined {
  if (!thread) return undefined;
  const agents = new Set(state.users.filter((u) => u.type === 'agent').map((u) => u.id));
  return thread.user_ids.filter((id) => agents.has(id)).pop();
}

/**
 * What the routing decision needs of a chat: its groups, `routing.ignore_bots`
 * (thread property; the chat's counts too), `routing.ignore_agents_routing`
 * (chat property; the thread's counts too), and the agent of the customer's
 * previous thread — the last agent who joined it — for `prefer_recent_agent`.
 */
export function chatToRoute(state: ChatState): ChatToRoute {
  const threads = state.threads;
  const thread = threads[threads.length - 1];
  const recent = lastAgentOf(state, threads[threads.length - 2]);
  const both = (name: string) => routingProperty(state.properties, name) || routingProperty(thread?.properties, name);
  return {
    group_ids: state.access.group_ids,
    ...(both('ignore_bots') && { ignore_bots: true }),
    ...(both('ignore_agents_routing') && { ignore_agents_routing: true }),
    ...(recent && { recent_agent_id: recent }),
  };
}
