import { ActionRegistry } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { lastAgentOf, QueueQueries, routingCandidates, RoutingAgent } from '@switchboard/read-models';
import { decideRouting, queueOpen } from '@switchboard/routing/domain';
import { routingSettingsOf } from '@switchboard/widget/domain';
import { groupStatuses } from '../group-status/group-status-pushes';
import { WidgetReader } from './widget-context';

/** An agent as a customer sees it in a prediction (data-structures §5.5). */
const agentView = (agent: RoutingAgent) => ({
  id: agent.id,
  type: 'agent',
  name: agent.name,
  avatar: agent.avatar ?? '',
  job_title: agent.job_title ?? '',
  is_bot: agent.is_bot,
});

/**
 * `list_group_statuses` and `get_predicted_agent`: answered from the live
 * routing state with the router's own decision function, so what a customer
 * is told is what the router would do.
 */
export function registerRoutingStatusHandlers(registry: ActionRegistry, widget: WidgetReader): void {
  const { readModels, db } = widget;

  registry.register('list_group_statuses', async (context, payload: PayloadOf<'customer', 'list_group_statuses'>) => {
    const statuses = await groupStatuses(readModels, db, context.organizationId);
    const asked = payload.all ? statuses : statuses.filter((g) => payload.group_ids!.includes(g.id));
    return { groups_status: Object.fromEntries(asked.map((g) => [String(g.id), g.status])) };
  });

  registry.register('get_predicted_agent', async (context, payload: PayloadOf<'customer', 'get_predicted_agent'>) => {
    const organizationId = context.organizationId;
    const customer = (await readModels.customers(organizationId, [context.requester.id])).get(context.requester.id);
    if (!customer) throw new ApiError('authentication', 'Customer not found');
    const groupId = payload.group_id ?? (customer.last_visit as { group_id?: number } | undefined)?.group_id ?? 0;
    await widget.requireGroup(organizationId, groupId);
    const [candidates, configuration, chatId] = await Promise.all([
      routingCandidates(db, organizationId),
      widget.configuration(organizationId),
      readModels.customerChatId(organizationId, context.requester.id),
    ]);
    // A returning customer's next thread would go to their last agent when the group prefers it.
    const chat = chatId ? await readModels.chat(organizationId, chatId) : undefined;
    const recent = chat ? lastAgentOf(chat.state, chat.state.threads[chat.state.threads.length - 1]) : undefined;
    const settings = routingSettingsOf(configuration, groupId);
    const decision = decideRouting(candidates, { group_ids: [groupId], ...(recent && { recent_agent_id: recent }) }, settings);
    switch (decision.kind) {
      case 'assign':
        return { agent: agentView(decision.agent), queue: false };
      case 'queue':
        // A full queue takes no one more (ADR 0038): the chat could not even wait.
        if (!queueOpen(settings, await new QueueQueries(db).queueLength(organizationId, groupId))) {
          throw new ApiError('group_unavailable', `The queue of group ${groupId} is full`);
        }
        return { agent: agentView(decision.agent), queue: true };
      case 'unavailable':
        throw new ApiError('group_unavailable', `No agent of group ${groupId} can take a chat now`);
      default:
        throw new ApiError('group_offline', `Group ${groupId} is offline`);
    }
  });
}
