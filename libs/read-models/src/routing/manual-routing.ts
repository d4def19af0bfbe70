import { ChatState } from '@switchboard/chat/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { decideRouting } from '@switchboard/routing/domain';
import { routingSettingsOf } from '@switchboard/widget/domain';
import { loadWidgetConfiguration } from '../widget/widget.projection';
import { chatToRoute } from './chat-to-route';
import { routingCandidates } from './routing-candidates';

/**
 * Whether the chat's group routes manually, and if so who is offered the
 * chat: the routing decision's `notify` — the agents of the chat's groups who
 * accept chats, no supervisors (ADR 0037). Empty when routing is automatic.
 */
export async function manualRoutingOffer(db: SqlExecutor, organizationId: string, state: ChatState): Promise<string[]> {
  const route = chatToRoute(state);
  const configuration = await loadWidgetConfiguration(db, organizationId);
  const settings = routingSettingsOf(configuration, route.group_ids[0] ?? 0);
  if (!settings.manual_routing) return [];
  const decision = decideRouting(await routingCandidates(db, organizationId), route, settings);
  return decision.kind === 'queue' && decision.reason === 'manual_routing' ? decision.notify.map((c) => c.id) : [];
}

/** Whether a chat of these groups is routed manually (`manual_routing` of its first group, else the license's). */
export async function isManualRouting(db: SqlExecutor, organizationId: string, groupIds: readonly number[]): Promise<boolean> {
  return routingSettingsOf(await loadWidgetConfiguration(db, organizationId), groupIds[0] ?? 0).manual_routing;
}
