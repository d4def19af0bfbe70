import { ConfigurationCommands } from '@switchboard/configuration/application';
import { GENERAL_GROUP_ID, Group, GroupChanges, GroupPriority } from '@switchboard/configuration/domain';
import { ActionRegistry, commandOrigin, holdsScope, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { AgentRecord, ReadModels } from '@switchboard/read-models';

type GroupField = 'agent_priorities' | 'routing_status';

/** A group's routing status: the best of its members' (group 0: every agent's). */
function routingStatus(group: Group, agents: readonly AgentRecord[]): string {
  const members = agents.filter((a) => group.id === GENERAL_GROUP_ID || a.profile.groups.some((g) => g.id === group.id));
  if (members.some((a) => a.routing_status === 'accepting_chats')) return 'accepting_chats';
  if (members.some((a) => a.routing_status === 'not_accepting_chats')) return 'not_accepting_chats';
  return 'offline';
}

/** The group as `get_group` / `list_groups` return it: the basics plus the requested `fields`. */
function wireGroup(group: Group, fields: readonly GroupField[], agents: readonly AgentRecord[]): Record<string, unknown> {
  const wire: Record<string, unknown> = { id: group.id, name: group.name, language_code: group.language_code };
  if (fields.includes('agent_priorities')) wire.agent_priorities = group.agent_priorities;
  if (fields.includes('routing_status')) wire.routing_status = routingStatus(group, agents);
  return wire;
}

/**
 * `groups--all:<access>` reaches every group; `groups--my:<access>` only the
 * groups the requester is in (group 0 holds everyone). Unknown groups are
 * `group_not_found` — for another organization's groups too.
 */
async function reachableGroup(
  context: RequestContext,
  readModels: ReadModels,
  id: number,
  access: 'ro' | 'rw',
): Promise<Group> {
  const all = holdsScope(context, `groups--all:${access}`);
  if (!all) requireScope(context, `groups--my:${access}`);
  const group = await readModels.group(context.organizationId, id);
  if (!group) throw new ApiError('group_not_found', `Group ${id} not found`);
  if (!all && !(await isMember(context, readModels, group))) {
    throw new ApiError('authorization', `Missing scope: groups--all:${access} (the requester is not in group ${id})`);
  }
  return group;
}

async function isMember(context: RequestContext, readModels: ReadModels, group: Group): Promise<boolean> {
  if (group.id === GENERAL_GROUP_ID || group.agent_priorities[context.requester.id] !== undefined) return true;
  const agent = await readModels.agent(context.organizationId, context.requester.id);
  return Boolean(agent?.profile.groups.some((g) => g.id === group.id));
}

export function registerGroupHandlers(registry: ActionRegistry, commands: ConfigurationCommands, readModels: ReadModels): void {
  const updateGroup = async (context: RequestContext, payload: PayloadOf<'configuration', 'update_group'>) => {
    const { id, ...changes } = payload;
    await reachableGroup(context, readModels, id, 'rw');
    await commands.organization(context.organizationId, { type: 'update_group', id, changes: changes as GroupChanges }, commandOrigin(context));
    return {};
  };

  registry.register('create_group', async (context, payload: PayloadOf<'configuration', 'create_group'>) => {
    // The JS SDK sends updateGroup as create_group with an id (spec README §7): that is update_group.
    if (payload.id !== undefined) return updateGroup(context, { ...payload, id: payload.id });
    requireScope(context, 'groups--all:rw');
    const [created] = await commands.organization(context.organizationId, {
      type: 'create_group',
      name: payload.name!,
      language_code: payload.language_code,
      agent_priorities: payload.agent_priorities as Record<string, GroupPriority>,
    }, commandOrigin(context));
    return { id: (created.data as { id: number }).id };
  });

  registry.register('update_group', updateGroup);

  registry.register('delete_group', async (context, payload: PayloadOf<'configuration', 'delete_group'>) => {
    await reachableGroup(context, readModels, payload.id, 'rw');
    await commands.organization(context.organizationId, { type: 'delete_group', id: payload.id }, commandOrigin(context));
    return {};
  });

  registry.register('get_group', async (context, payload: PayloadOf<'configuration', 'get_group'>) => {
    const group = await reachableGroup(context, readModels, payload.id, 'ro');
    const fields = payload.fields ?? [];
    const agents = fields.includes('routing_status') ? await readModels.agents(context.organizationId) : [];
    return wireGroup(group, fields, agents);
  });

  registry.register('list_groups', async (context, payload: PayloadOf<'configuration', 'list_groups'>) => {
    requireScope(context, 'groups--all:ro');
    const fields = payload.fields ?? [];
    const groups = await readModels.groups(context.organizationId);
    const agents = fields.includes('routing_status') ? await readModels.agents(context.organizationId) : [];
    return groups.map((group) => wireGroup(group, fields, agents));
  });
}
