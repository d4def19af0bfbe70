import { ConfigurationCommands } from '@switchboard/configuration/application';
import { GroupPriority } from '@switchboard/configuration/domain';
import { ActionRegistry, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

export function registerGroupHandlers(registry: ActionRegistry, commands: ConfigurationCommands, readModels: ReadModels): void {
  registry.register('create_group', async (context, payload: PayloadOf<'configuration', 'create_group'>) => {
    requireScope(context, 'groups--all:rw');
    // The JS SDK sends updateGroup as create_group with an id (spec README §7): that is update_group.
    if (payload.id !== undefined) {
      throw new ApiError('service_unavailable', 'update_group is not implemented by this server yet', { reason: 'not_implemented' });
    }
    const [created] = await commands.organization(context.organizationId, {
      type: 'create_group',
      name: payload.name!,
      language_code: payload.language_code,
      agent_priorities: payload.agent_priorities as Record<string, GroupPriority>,
    });
    return { id: (created.data as { id: number }).id };
  });

  registry.register('list_groups', async (context, payload: PayloadOf<'configuration', 'list_groups'>) => {
    requireScope(context, 'groups--all:ro');
    const fields: readonly string[] = payload.fields ?? [];
    const groups = await readModels.groups(context.organizationId);
    const statuses = fields.includes('routing_status') ? await readModels.agents(context.organizationId) : [];
    return groups.map((group) => {
      const wire: Record<string, unknown> = { id: group.id, name: group.name, language_code: group.language_code };
      if (fields.includes('agent_priorities')) wire.agent_priorities = group.agent_priorities;
      if (fields.includes('routing_status')) {
        const members = statuses.filter((a) => group.id === 0 || a.profile.groups.some((g) => g.id === group.id));
        const status = members.some((a) => a.routing_status === 'accepting_chats')
          ? 'accepting_chats'
          : members.some((a) => a.routing_status === 'not_accepting_chats')
            ? 'not_accepting_chats'
            : 'offline';
        wire.routing_status = status;
      }
      return wire;
    });
  });
}
