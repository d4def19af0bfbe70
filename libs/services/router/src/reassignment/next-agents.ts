import { ChatState } from '@switchboard/chat/domain';
import { chatToRoute, RoutingAgent } from '@switchboard/read-models';
import { decideRouting } from '@switchboard/routing/domain';

/**
 * Who may take a chat the router moves on, best first: the routing decision
 * (the one the router assigns new chats with) over everyone but the chat's
 * own agents.
 */
export function nextAgents(everyone: readonly RoutingAgent[], state: ChatState): RoutingAgent[] {
  const members = new Set(state.users.filter((u) => u.present).map((u) => u.id));
  // Who would get the chat as a new one, but no recent-agent preference: the agent it moves from is out anyway.
  const { recent_agent_id: _recent, ignore_agents_routing: _manual, ...chat } = chatToRoute(state);
  const decision = decideRouting(
    everyone.filter((a) => !members.has(a.id)),
    chat,
  );
  return decision.kind === 'assign' ? decision.ranked : [];
}
