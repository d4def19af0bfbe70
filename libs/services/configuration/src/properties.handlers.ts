import { ConfigurationCommands, PropertyValueCommands } from '@switchboard/configuration/application';
import { PropertyDefinition, PropertyRequester, readableProperties } from '@switchboard/configuration/domain';
import { ActionRegistry, holdsScope, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { EventStore } from '@switchboard/event-store';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { requireOwnApplication } from './owner-client';

type ValueScope = 'properties.license.value' | 'properties.group.value';

/**
 * The requester of a license or group value method: `<family>--my:<access>`
 * reaches the namespace of the application it acts for (with a personal
 * access token: every application of its organization), `--all` also other
 * applications' published properties and the system ones (ADR 0023).
 */
async function valueRequester(context: RequestContext, readModels: ReadModels, family: ValueScope, access: 'ro' | 'rw'): Promise<PropertyRequester> {
  requireScope(context, `${family}--my:${access}`);
  const reachesOthers = holdsScope(context, `${family}--all:${access}`);
  const { credential, clientId } = context.requester;
  if (credential === 'pat') {
    const own = new Set((await readModels.applications(context.organizationId)).map((a) => a.client_id));
    return { role: 'agent', owns: (namespace) => own.has(namespace), reachesOthers };
  }
  return { role: 'agent', owns: (namespace) => namespace === clientId, reachesOthers };
}

/** A definition as `list_properties` shows it, keyed by name. */
function wireDefinition({ namespace: _ns, name: _name, description, ...rest }: PropertyDefinition): Record<string, unknown> {
  return { ...rest, description: description ?? '' };
}

const metadataOf = (context: RequestContext) => ({
  author_id: context.requester.id,
  ...(context.requester.clientId && { client_id: context.requester.clientId }),
  ...(context.correlationId && { correlation_id: context.correlationId }),
});

async function requireGroup(context: RequestContext, readModels: ReadModels, id: number): Promise<void> {
  if (!(await readModels.group(context.organizationId, id))) throw new ApiError('group_not_found', `Group ${id} not found`);
}

/** Configuration API §5: property definitions (namespace = owner client id) and license and group values. */
export function registerPropertyHandlers(
  registry: ActionRegistry,
  commands: ConfigurationCommands,
  store: EventStore,
  readModels: ReadModels,
): void {
  const values = new PropertyValueCommands(store, readModels);
  registry.register('register_property', async (context, payload: PayloadOf<'configuration', 'register_property'>) => {
    requireScope(context, 'properties.configuration:rw');
    const { owner_client_id: owner, ...definition } = payload;
    const namespace = await requireOwnApplication(context, readModels, owner);
    await commands.propertyDefinitions(context.organizationId, {
      type: 'register_property',
      definition: { namespace, ...definition },
      now: new Date().toISOString(),
    });
    return {};
  });

  registry.register('unregister_property', async (context, payload: PayloadOf<'configuration', 'unregister_property'>) => {
    requireScope(context, 'properties.configuration:rw');
    const namespace = await requireOwnApplication(context, readModels, payload.owner_client_id);
    await commands.propertyDefinitions(context.organizationId, { type: 'unregister_property', namespace, name: payload.name });
    return {};
  });

  registry.register('publish_property', async (context, payload: PayloadOf<'configuration', 'publish_property'>) => {
    requireScope(context, 'properties.configuration:rw');
    const namespace = await requireOwnApplication(context, readModels, payload.owner_client_id);
    await commands.propertyDefinitions(context.organizationId, {
      type: 'publish_property',
      namespace,
      name: payload.name,
      access_type: payload.access_type,
    });
    return {};
  });

  registry.register('list_properties', async (context, payload: PayloadOf<'configuration', 'list_properties'>) => {
    requireScope(context, 'properties.configuration:rw');
    const namespace = await requireOwnApplication(context, readModels, payload.owner_client_id);
    const definitions = await readModels.properties.definitions(context.organizationId, namespace);
    return Object.fromEntries(definitions.map((d) => [d.name, wireDefinition(d)]));
  });

  registry.register('update_license_properties', async (context, payload: PayloadOf<'configuration', 'update_license_properties'>) => {
    const requester = await valueRequester(context, readModels, 'properties.license.value', 'rw');
    await values.change(context.organizationId, requester, { type: 'update_license_properties', properties: payload.properties }, metadataOf(context));
    return {};
  });

  registry.register('delete_license_properties', async (context, payload: PayloadOf<'configuration', 'delete_license_properties'>) => {
    const requester = await valueRequester(context, readModels, 'properties.license.value', 'rw');
    await values.change(context.organizationId, requester, { type: 'delete_license_properties', properties: payload.properties }, metadataOf(context));
    return {};
  });

  registry.register('list_license_properties', async (context, payload: PayloadOf<'configuration', 'list_license_properties'>) => {
    const requester = await valueRequester(context, readModels, 'properties.license.value', 'ro');
    const [catalog, stored] = await Promise.all([values.catalog(context.organizationId), readModels.properties.licenseValues(context.organizationId)]);
    return readableProperties(catalog, requester, 'license', stored, {
      namespace: payload.namespace,
      namespacePrefix: payload.namespace_prefix,
      namePrefix: payload.name_prefix,
    });
  });

  registry.register('update_group_properties', async (context, payload: PayloadOf<'configuration', 'update_group_properties'>) => {
    const requester = await valueRequester(context, readModels, 'properties.group.value', 'rw');
    const command = { type: 'update_group_properties' as const, group_id: payload.id, properties: payload.properties };
    await values.change(context.organizationId, requester, command, metadataOf(context));
    return {};
  });

  registry.register('delete_group_properties', async (context, payload: PayloadOf<'configuration', 'delete_group_properties'>) => {
    const requester = await valueRequester(context, readModels, 'properties.group.value', 'rw');
    const command = { type: 'delete_group_properties' as const, group_id: payload.id, properties: payload.properties };
    await values.change(context.organizationId, requester, command, metadataOf(context));
    return {};
  });

  registry.register('list_group_properties', async (context, payload: PayloadOf<'configuration', 'list_group_properties'>) => {
    const requester = await valueRequester(context, readModels, 'properties.group.value', 'ro');
    await requireGroup(context, readModels, payload.id);
    const [catalog, stored] = await Promise.all([
      values.catalog(context.organizationId),
      readModels.properties.groupValues(context.organizationId, payload.id),
    ]);
    return readableProperties(catalog, requester, 'group', stored, {
      namespace: payload.namespace,
      namespacePrefix: payload.namespace_prefix,
      namePrefix: payload.name_prefix,
    });
  });
}
