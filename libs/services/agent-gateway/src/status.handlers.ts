import { ConfigurationCommands } from '@switchboard/configuration/application';
import { ActionRegistry, commandOrigin, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { botTarget, setBotRoutingStatus } from './bot-status';

export function registerStatusHandlers(registry: ActionRegistry, commands: ConfigurationCommands, readModels: ReadModels): void {
  registry.register('set_routing_status', async (context, payload: PayloadOf<'agent', 'set_routing_status'>) => {
    const agentId = payload.agent_id ?? context.requester.id;
    const bot = await botTarget(context, readModels, agentId);
    if (bot) return setBotRoutingStatus(context, commands, bot, payload.status).then(() => ({}));
    requireScope(context, agentId === context.requester.id ? 'agents--my:rw' : 'agents--all:rw');
    // `offline` is for bots; an agent is offline exactly when it has no connection.
    if (payload.status === 'offline') throw new ApiError('validation', 'status: agents cannot be set offline; bots only');
    await commands.agent(
      context.organizationId,
      agentId,
      { type: 'set_routing_status', id: agentId, status: payload.status },
      commandOrigin(context),
    );
    return {};
  });

  // RTM `logout`: the session ends everywhere — every token of the agent stops working and its
  // other connections hear `agent_logged_out_remotely`; this one closes after the response.
  registry.register('logout', async (context) => {
    await commands.agent(
      context.organizationId,
      context.requester.id,
      { type: 'revoke_tokens', id: context.requester.id, reason: 'logout' },
      commandOrigin(context),
    );
    return {};
  });

  registry.register('list_routing_statuses', async (context, payload: PayloadOf<'agent', 'list_routing_statuses'>) => {
    requireScope(context, 'agents--all:ro');
    const agents = await readModels.agents(context.organizationId, { groupIds: payload.filters?.group_ids });
    return agents.map((a) => ({ agent_id: a.profile.id, status: a.routing_status }));
  });
}
