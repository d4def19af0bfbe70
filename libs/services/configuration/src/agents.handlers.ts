import { ConfigurationCommands, newAgentProfile } from '@switchboard/configuration/application';
import { AgentProfile } from '@switchboard/configuration/domain';
import { ActionRegistry, holdsScope, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { AgentRecord, ReadModels } from '@switchboard/read-models';

const ALWAYS = ['id', 'name', 'avatar', 'role', 'login_status'] as const;

/** The agent as `get_agent` / `list_agents` return it: the basics plus the requested `fields`. */
function wireAgent(record: AgentRecord, fields: readonly string[] = []): Record<string, unknown> {
  const profile = record.profile as unknown as Record<string, unknown>;
  const wire: Record<string, unknown> = {};
  for (const key of [...ALWAYS, ...fields]) {
    if (key === 'suspended') wire.suspended = false;
    else if (profile[key] !== undefined) wire[key] = profile[key];
  }
  return wire;
}

/** Self needs the `--my` scope, anyone else the `--all` one. */
function requireAgentScope(context: RequestContext, agentId: string, access: 'ro' | 'rw'): void {
  if (agentId === context.requester.id) requireScope(context, `agents--my:${access}`);
  else requireScope(context, `agents--all:${access}`);
}

export function registerAgentHandlers(registry: ActionRegistry, commands: ConfigurationCommands, readModels: ReadModels): void {
  registry.register('create_agent', async (context, payload: PayloadOf<'configuration', 'create_agent'>) => {
    requireScope(context, 'accounts--all:rc');
    if (payload.role && payload.role !== 'normal') requireScope(context, 'accounts.roles.lc--all:rw');
    await commands.agent(context.organizationId, payload.id, {
      type: 'create_agent',
      profile: newAgentProfile(payload as Partial<AgentProfile> & { id: string; name: string }),
    });
    return { id: payload.id };
  });

  registry.register('get_agent', async (context, payload: PayloadOf<'configuration', 'get_agent'>) => {
    requireAgentScope(context, payload.id, 'ro');
    const agent = await readModels.agent(context.organizationId, payload.id);
    if (!agent) throw new ApiError('not_found', `Agent ${payload.id} not found`);
    return wireAgent(agent, payload.fields);
  });

  registry.register('list_agents', async (context, payload: PayloadOf<'configuration', 'list_agents'>) => {
    requireScope(context, 'agents--all:ro');
    const agents = await readModels.agents(context.organizationId, { groupIds: payload.filters?.group_ids });
    return agents.map((a) => wireAgent(a, payload.fields));
  });

  registry.register('update_agent', async (context, payload: PayloadOf<'configuration', 'update_agent'>) => {
    requireAgentScope(context, payload.id, 'rw');
    const { id, ...changes } = payload as Record<string, unknown> & { id: string };
    if (changes.role !== undefined) {
      requireScope(context, 'accounts.roles.lc--all:rw');
      if (changes.role === 'owner') throw new ApiError('validation', 'role: the owner role cannot be given');
    }
    await commands.agent(context.organizationId, id, { type: 'update_agent', id, changes });
    return {};
  });

  registry.register('delete_agent', async (context, payload: PayloadOf<'configuration', 'delete_agent'>) => {
    if (payload.id === context.requester.id) requireScope(context, 'accounts--my:rw');
    else if (!holdsScope(context, 'accounts--all:rw')) throw new ApiError('authorization', 'Missing scope: accounts--all:rw');
    requireAgentScope(context, payload.id, 'rw');
    await commands.agent(context.organizationId, payload.id, { type: 'delete_agent', id: payload.id });
    return {};
  });
}
