import { ChatState } from '@switchboard/chat/domain';
import { RoutingAgent } from '@switchboard/read-models';
import { decideRouting } from '@switchboard/routing/domain';

/**
 * Who may take a chat the router moves on, best first: the routing decision
 * (the one the router assigns new chats with) over everyone but the chat's
 * own agents.
 */
export function nextAgents(everyone: readonly RoutingAgent[], state: ChatState): RoutingAgent[] {
  const members = new Set(state.users.filter((u) => u.present).map((u) => u.id));
  const decision = decideRouting(
    everyone.filter((a) => !members.has(a.id)),
    state.access.group_ids,
  );
  return decision.kind === 'assign' ? decision.ranked : [];
}
