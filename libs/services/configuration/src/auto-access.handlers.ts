import { ConfigurationCommands, newAutoAccessId } from '@switchboard/configuration/application';
import { AutoAccessChanges, AutoAccessConditions } from '@switchboard/configuration/domain';
import { ActionRegistry, commandOrigin, requireScope } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { AutoAccessQueries } from '@switchboard/read-models';

/**
 * Auto access rules (configuration-api.md §2): `access_rules:rw` changes
 * them, `access_rules:ro` lists them. Rule ids are per organization: another
 * organization's id is `not_found`.
 */
export function registerAutoAccessHandlers(registry: ActionRegistry, commands: ConfigurationCommands, queries: AutoAccessQueries): void {
  registry.register('add_auto_access', async (context, payload: PayloadOf<'configuration', 'add_auto_access'>) => {
    requireScope(context, 'access_rules:rw');
    const id = newAutoAccessId();
    await commands.autoAccess(context.organizationId, {
      type: 'add_auto_access',
      id,
      description: payload.description,
      access: payload.access,
      conditions: payload.conditions as AutoAccessConditions,
      next_id: payload.next_id,
    }, commandOrigin(context));
    return { id };
  });

  registry.register('list_auto_accesses', async (context) => {
    requireScope(context, 'access_rules:ro');
    return queries.list(context.organizationId);
  });

  registry.register('update_auto_access', async (context, payload: PayloadOf<'configuration', 'update_auto_access'>) => {
    requireScope(context, 'access_rules:rw');
    const { id, ...changes } = payload;
    await commands.autoAccess(context.organizationId, { type: 'update_auto_access', id, changes: changes as AutoAccessChanges }, commandOrigin(context));
    return {};
  });

  registry.register('delete_auto_access', async (context, payload: PayloadOf<'configuration', 'delete_auto_access'>) => {
    requireScope(context, 'access_rules:rw');
    await commands.autoAccess(context.organizationId, { type: 'delete_auto_access', id: payload.id }, commandOrigin(context));
    return {};
  });
}
